/**
 * What a consortium's schedules fire, and when (docs/schedules.md). Pure.
 *
 * - The board pack: on the host's chosen working day of each month (1..20; the month's last working
 *   day when it has fewer). Its period is the month it is sent in. A tick on that day, or on any
 *   later day of the same month (a missed tick caught up), fires it; never in the month after.
 * - The reminder to submit measurements for month M: `reminderWorkingDaysBefore` working days
 *   before the day M is due to be closed, which is the board pack day of month M+1 (the pack
 *   reports closed months, so M must be closed by then), or the last working day of M+1 when the
 *   board pack is off. Its period is M. It fires on that day or later, until the end of M+1, and
 *   not at all once M is closed.
 */
import { addMonths, financialYear, financialYearStart, lastDay, monthOf } from '../../common/months';
import { lastWorkingDay, nthWorkingDay, workingDaysBefore } from './working-days';

export type ScheduleKind = 'board_pack' | 'measurements_reminder';

export interface ScheduleSettings {
  /** 1..20, or null: no board pack. */
  boardPackWorkingDay: number | null;
  /** 0..10, or null: no reminder. */
  reminderWorkingDaysBefore: number | null;
}

export interface DueRun {
  kind: ScheduleKind;
  /** 'YYYY-MM': the month the board pack is sent in; the month a reminder is about. */
  period: string;
  /** The day it was due ('YYYY-MM-DD'). */
  scheduledFor: string;
  /** Reminders: the day the month is due to be closed. */
  closesOn?: string;
}

export function boardPackDate(month: string, workingDay: number): string {
  return nthWorkingDay(month, workingDay);
}

/** The day month M is due to be closed: the board pack day of M+1, or the last working day of M+1 without a board pack. */
export function closesOn(month: string, s: ScheduleSettings): string {
  const next = addMonths(month, 1);
  return s.boardPackWorkingDay !== null ? boardPackDate(next, s.boardPackWorkingDay) : lastWorkingDay(next);
}

/** The day the reminder about month M is due (null when reminders are off). */
export function reminderDate(month: string, s: ScheduleSettings): string | null {
  return s.reminderWorkingDaysBefore === null ? null : workingDaysBefore(closesOn(month, s), s.reminderWorkingDaysBefore);
}

/**
 * The runs due on `today` (fired or not: the caller's once-only row decides). `closed` tells whether
 * a month is closed (a closed month needs no reminder).
 */
export function dueRuns(s: ScheduleSettings, today: string, closed: (month: string) => boolean): DueRun[] {
  const out: DueRun[] = [];
  const month = monthOf(today);
  if (s.boardPackWorkingDay !== null) {
    const date = boardPackDate(month, s.boardPackWorkingDay);
    if (date <= today) out.push({ kind: 'board_pack', period: month, scheduledFor: date });
  }
  if (s.reminderWorkingDaysBefore !== null) {
    // the reminder about M falls in M+1, or at the end of M when counted back from early in M+1
    for (const m of [addMonths(month, -1), month]) {
      const date = reminderDate(m, s)!;
      if (date <= today && today <= lastDay(addMonths(m, 1)) && !closed(m)) {
        out.push({ kind: 'measurements_reminder', period: m, scheduledFor: date, closesOn: closesOn(m, s) });
      }
    }
  }
  return out;
}

/**
 * The months a board pack sent on `today` covers: from April of the financial year of its last
 * month to the last closed month, or to the month before when none is closed yet.
 */
export function boardPackRange(today: string, lastClosed: string | null): { from: string; to: string } {
  const to = lastClosed ?? addMonths(monthOf(today), -1);
  return { from: financialYearStart(financialYear(to)), to };
}

export interface NextDates {
  boardPack: string | null;
  reminder: { date: string; month: string } | null;
}

/**
 * The next board pack and reminder not yet fired, as of `today` (a date before today means it is due
 * and the next tick sends it). `fired(kind, period)` tells whether a run happened.
 */
export function nextDates(s: ScheduleSettings, today: string, fired: (kind: ScheduleKind, period: string) => boolean, closed: (month: string) => boolean): NextDates {
  const month = monthOf(today);
  let boardPack: string | null = null;
  if (s.boardPackWorkingDay !== null) {
    boardPack = fired('board_pack', month) ? boardPackDate(addMonths(month, 1), s.boardPackWorkingDay) : boardPackDate(month, s.boardPackWorkingDay);
  }
  let reminder: NextDates['reminder'] = null;
  if (s.reminderWorkingDaysBefore !== null) {
    for (const m of [addMonths(month, -1), month, addMonths(month, 1)]) {
      if (fired('measurements_reminder', m) || closed(m) || today > lastDay(addMonths(m, 1))) continue;
      reminder = { date: reminderDate(m, s)!, month: m };
      break;
    }
  }
  return { boardPack, reminder };
}
