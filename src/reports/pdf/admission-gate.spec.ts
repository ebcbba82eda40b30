import { AdmissionGate } from './admission-gate';
import { PdfBusyError, PdfUnavailableError } from './errors';

const tick = () => new Promise((r) => setImmediate(r));

describe('AdmissionGate', () => {
  it('admits up to the limit and hands a released place to the oldest waiter', async () => {
    const gate = new AdmissionGate(1, 2, 10_000);
    const order: string[] = [];
    await gate.acquire();
    const b = gate.acquire().then(() => order.push('b'));
    const c = gate.acquire().then(() => order.push('c'));
    expect(gate.stats()).toEqual({ active: 1, waiting: 2 });
    gate.release();
    await b;
    // b holds the place it was handed: a newcomer cannot overtake c
    expect(gate.stats()).toEqual({ active: 1, waiting: 1 });
    gate.release();
    await c;
    expect(order).toEqual(['b', 'c']);
    gate.release();
    expect(gate.stats()).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses past maxQueue at once and counts the refusals', async () => {
    const gate = new AdmissionGate(1, 0, 10_000);
    await gate.acquire();
    await expect(gate.acquire()).rejects.toMatchObject({ code: 'PDF_BUSY', reason: 'queue_full' });
    await expect(gate.acquire()).rejects.toBeInstanceOf(PdfBusyError);
    expect(gate.rejections).toBe(2);
    expect(gate.stats()).toEqual({ active: 1, waiting: 0 });
  });

  it('times a waiter out with queue_timeout, counts it, and frees its place in the queue', async () => {
    const gate = new AdmissionGate(1, 1, 20);
    await gate.acquire();
    await expect(gate.acquire()).rejects.toMatchObject({ reason: 'queue_timeout' });
    expect(gate.rejections).toBe(1);
    expect(gate.stats()).toEqual({ active: 1, waiting: 0 });
  });

  it('rejects every waiter on rejectWaiting, leaving the holders in place', async () => {
    const gate = new AdmissionGate(1, 5, 10_000);
    await gate.acquire();
    const waiting = [gate.acquire(), gate.acquire()];
    await tick();
    gate.rejectWaiting(new PdfUnavailableError('PDF renderer is shutting down'));
    for (const w of waiting) await expect(w).rejects.toBeInstanceOf(PdfUnavailableError);
    expect(gate.stats()).toEqual({ active: 1, waiting: 0 });
    expect(gate.rejections).toBe(0);
  });

  describe('fair shares', () => {
    const hold = () => {
      let done!: () => void;
      const p = new Promise<void>((r) => (done = r));
      return { p, done };
    };

    it('a user over its share gets user_share at once while another user still gets a place', async () => {
      const gate = new AdmissionGate(1, 10, 10_000, { user: 2, consortium: 10 });
      const a1 = hold();
      const a2 = hold();
      const r1 = gate.run(() => a1.p, { user: 'a', consortium: 'c' });
      const r2 = gate.run(() => a2.p, { user: 'a', consortium: 'c' });
      await tick();
      await expect(gate.run(() => Promise.resolve(), { user: 'a', consortium: 'c' })).rejects.toMatchObject({ code: 'PDF_BUSY', reason: 'user_share' });
      expect(gate.placesOf('user:a')).toBe(2);
      // user b queues behind a's places and is served
      const b = gate.run(() => Promise.resolve('b'), { user: 'b', consortium: 'c' });
      a1.done();
      a2.done();
      await Promise.all([r1, r2]);
      await expect(b).resolves.toBe('b');
      expect(gate.placesOf('user:a')).toBe(0);
      expect(gate.placesOf('consortium:c')).toBe(0);
      expect(gate.rejections).toBe(1);
    });

    it('a consortium over its share gets consortium_share; places come back when work fails or times out', async () => {
      const gate = new AdmissionGate(1, 10, 50, { user: 5, consortium: 2 });
      const h = hold();
      const first = gate.run(() => h.p, { user: 'a', consortium: 'c' });
      const timedOut = gate.run(() => Promise.resolve(), { user: 'b', consortium: 'c' });
      await tick();
      await expect(gate.run(() => Promise.resolve(), { user: 'x', consortium: 'c' })).rejects.toMatchObject({ reason: 'consortium_share' });
      await expect(timedOut).rejects.toMatchObject({ reason: 'queue_timeout' });
      expect(gate.placesOf('consortium:c')).toBe(1);
      h.done();
      await first;
      await expect(gate.run(() => Promise.reject(new Error('boom')), { user: 'a', consortium: 'c' })).rejects.toThrow('boom');
      expect(gate.placesOf('consortium:c')).toBe(0);
      expect(gate.placesOf('user:a')).toBe(0);
    });

    it('callers without keys are not counted or limited', async () => {
      const gate = new AdmissionGate(3, 0, 10_000, { user: 1, consortium: 1 });
      await Promise.all([gate.run(() => tick()), gate.run(() => tick()), gate.run(() => tick())]);
      expect(gate.rejections).toBe(0);
    });
  });
});
