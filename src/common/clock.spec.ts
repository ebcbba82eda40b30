import { Clock, FixedClock } from './clock';

describe('Clock', () => {
  it('gives today and this month in UTC', () => {
    const c = new FixedClock(new Date('2026-03-31T23:30:00-02:00'));
    expect(c.today()).toBe('2026-04-01');
    expect(c.month()).toBe('2026-04');
  });

  it('the system clock moves with time', () => {
    const before = Date.now();
    const now = new Clock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(new Clock().today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
