import { ordinal, readSchedulesForm, schedulesErrorLinks, schedulesView } from './schedules.view';

describe('schedules page view', () => {
  it('ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 20, 21, 22].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '20th', '21st', '22nd']);
  });

  it('reads the form: off or a whole number in range', () => {
    expect(readSchedulesForm({ boardPackWorkingDay: '5', reminderWorkingDaysBefore: 'off' })).toMatchObject({
      boardPackWorkingDay: 5,
      reminderWorkingDaysBefore: null,
      errors: {},
    });
    expect(readSchedulesForm({ boardPackWorkingDay: 'off', reminderWorkingDaysBefore: '0' })).toMatchObject({
      boardPackWorkingDay: null,
      reminderWorkingDaysBefore: 0,
      errors: {},
    });
    const bad = readSchedulesForm({ boardPackWorkingDay: '21', reminderWorkingDaysBefore: ['1'] });
    expect(Object.keys(bad.errors)).toEqual(['boardPackWorkingDay', 'reminderWorkingDaysBefore']);
    expect(schedulesErrorLinks(bad).map((l) => l.href)).toEqual(['#boardPackWorkingDay', '#reminderWorkingDaysBefore']);
    expect(readSchedulesForm({}).errors.boardPackWorkingDay).toMatch(/Choose/);
  });

  it('shows the settings chosen, the next dates and the runs in plain English', () => {
    const v = schedulesView({
      consortiumId: 'c',
      today: '2026-01-09',
      saved: false,
      posted: null,
      settings: {
        boardPackWorkingDay: 5,
        reminderWorkingDaysBefore: 3,
        next: { boardPack: '2026-02-06', reminder: '2026-01-05', reminderMonth: '2025-12' },
        lastRuns: [{ kind: 'measurements_reminder', period: '2025-12', scheduledFor: '2026-01-05', firedAt: '2026-01-05T09:00:00Z', outcome: 'nothing_missing' }],
      },
    });
    expect(v.boardPackWorkingDay.options.find((o) => o.selected)).toEqual({ value: '5', text: '5th working day', selected: true });
    expect(v.reminderWorkingDaysBefore.options.find((o) => o.selected)?.text).toBe('3 working days before');
    expect(v.next).toEqual([
      { key: 'board-pack', label: 'Next board pack', value: '6 February 2026' },
      { key: 'reminder', label: 'Next reminder', value: '5 January 2026 (due: it is sent at the next check), about December 2025' },
    ]);
    expect(v.runs).toEqual([{ what: 'Reminder about December 2025', due: '5 January 2026', sent: '5 January 2026', outcome: 'Nothing was missing: no one was reminded' }]);
  });
});
