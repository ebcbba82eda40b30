import fc from 'fast-check';
import { boardPackRange, closesOn, dueRuns, nextDates, reminderDate } from './schedule-rules';
import { isWorkingDay } from './working-days';

const open = () => false;
const never = () => false;

describe('schedule rules', () => {
  const s = { boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3 };

  it('the board pack is due from its working day to the end of the month', () => {
    // January 2026: 1st a bank holiday; working days 2, 5, 6, 7, 8 → the 5th is the 8th
    expect(dueRuns({ ...s, reminderWorkingDaysBefore: null }, '2026-01-07', open)).toEqual([]);
    expect(dueRuns({ ...s, reminderWorkingDaysBefore: null }, '2026-01-08', open)).toEqual([{ kind: 'board_pack', period: '2026-01', scheduledFor: '2026-01-08' }]);
    expect(dueRuns({ ...s, reminderWorkingDaysBefore: null }, '2026-01-31', open)).toEqual([{ kind: 'board_pack', period: '2026-01', scheduledFor: '2026-01-08' }]);
  });

  it('the reminder about M counts back from the board pack day of M+1', () => {
    expect(closesOn('2025-12', s)).toBe('2026-01-08');
    expect(reminderDate('2025-12', s)).toBe('2026-01-05');
    expect(dueRuns(s, '2026-01-02', open)).toEqual([]);
    expect(dueRuns(s, '2026-01-05', open)).toEqual([{ kind: 'measurements_reminder', period: '2025-12', scheduledFor: '2026-01-05', closesOn: '2026-01-08' }]);
    // a closed month needs no reminder
    expect(dueRuns(s, '2026-01-05', (m) => m === '2025-12')).toEqual([]);
  });

  it('without a board pack, the reminder counts back from the last working day of M+1', () => {
    const r = { boardPackWorkingDay: null, reminderWorkingDaysBefore: 2 };
    expect(closesOn('2026-04', r)).toBe('2026-05-29');
    expect(reminderDate('2026-04', r)).toBe('2026-05-27');
    expect(dueRuns(r, '2026-05-27', open)).toEqual([{ kind: 'measurements_reminder', period: '2026-04', scheduledFor: '2026-05-27', closesOn: '2026-05-29' }]);
  });

  it('a reminder counted back into the month itself is due at its end', () => {
    const r = { boardPackWorkingDay: 1, reminderWorkingDaysBefore: 2 };
    expect(reminderDate('2026-05', r)).toBe('2026-05-28'); // 1 June is the first working day
    // April's is still due too (until the end of May), had it not fired
    const reminders = (today: string, closed: (m: string) => boolean) =>
      dueRuns(r, today, closed)
        .filter((d) => d.kind === 'measurements_reminder')
        .map((d) => d.period);
    expect(reminders('2026-05-28', open)).toEqual(['2026-04', '2026-05']);
    expect(reminders('2026-05-27', (m) => m === '2026-04')).toEqual([]);
    expect(dueRuns(r, '2026-06-10', open).map((d) => `${d.kind} ${d.period}`)).toEqual(['board_pack 2026-06', 'measurements_reminder 2026-05']);
  });

  it('board pack range: April of the financial year to the last closed month', () => {
    expect(boardPackRange('2026-01-08', '2025-12')).toEqual({ from: '2025-04', to: '2025-12' });
    expect(boardPackRange('2026-01-08', null)).toEqual({ from: '2025-04', to: '2025-12' });
    expect(boardPackRange('2026-04-08', '2026-03')).toEqual({ from: '2025-04', to: '2026-03' });
    expect(boardPackRange('2026-05-08', '2026-04')).toEqual({ from: '2026-04', to: '2026-04' });
  });

  it('next dates skip what has fired and closed months', () => {
    expect(nextDates(s, '2026-01-02', never, open)).toEqual({ boardPack: '2026-01-08', reminder: { date: '2026-01-05', month: '2025-12' } });
    const fired = (k: string, p: string) => (k === 'board_pack' && p === '2026-01') || (k === 'measurements_reminder' && p <= '2025-12');
    expect(nextDates(s, '2026-01-09', fired, open)).toEqual({ boardPack: '2026-02-06', reminder: { date: '2026-02-03', month: '2026-01' } });
    expect(nextDates({ boardPackWorkingDay: null, reminderWorkingDaysBefore: null }, '2026-01-09', never, open)).toEqual({ boardPack: null, reminder: null });
  });

  it('due runs are on working days, never before they are due, and for this month or the last', () => {
    const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.option(fc.integer({ min: 1, max: 20 })), fc.option(fc.integer({ min: 0, max: 10 })), (today, b, r) => {
        for (const d of dueRuns({ boardPackWorkingDay: b, reminderWorkingDaysBefore: r }, today, open)) {
          expect(isWorkingDay(d.scheduledFor)).toBe(true);
          expect(d.scheduledFor <= today).toBe(true);
          if (d.kind === 'board_pack') expect(d.period).toBe(today.slice(0, 7));
          else expect(d.closesOn! >= d.scheduledFor).toBe(true);
        }
      }),
    );
  });
});
