/** The host's schedules page (docs/schedules.md): the form's choices, what it read, and the next dates and last runs. Pure. */
import { formatDateLong, formatMonthLong } from '../../reports/view/format';
import type { FieldErrorLink } from '../web-pages';

export interface SchedulesFormRead {
  boardPackWorkingDay: number | null;
  reminderWorkingDaysBefore: number | null;
  /** By field name: the message beside it. */
  errors: Record<string, string>;
  /** As posted, to show the form again. */
  raw: { boardPackWorkingDay: string; reminderWorkingDaysBefore: string };
}

export interface SchedulesPageInput {
  consortiumId: string;
  settings: {
    boardPackWorkingDay: number | null;
    reminderWorkingDaysBefore: number | null;
    next: { boardPack: string | null; reminder: string | null; reminderMonth: string | null };
    lastRuns: { kind: 'board_pack' | 'measurements_reminder'; period: string; scheduledFor: string; firedAt: Date | string; outcome: 'published' | 'nothing_missing' }[];
  };
  posted: SchedulesFormRead | null;
  saved: boolean;
  today: string;
}

const OFF = 'off';

/** 1 → "1st", 2 → "2nd", 11 → "11th", 22 → "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function readChoice(v: unknown, min: number, max: number): number | null | undefined {
  if (v === OFF) return null;
  if (typeof v !== 'string' || !/^\d{1,2}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

/** The posted form: each field "off" or a whole number in range; anything else is an error naming it. */
export function readSchedulesForm(body: Record<string, unknown>): SchedulesFormRead {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const raw = { boardPackWorkingDay: text(body.boardPackWorkingDay), reminderWorkingDaysBefore: text(body.reminderWorkingDaysBefore) };
  const errors: Record<string, string> = {};
  const day = readChoice(body.boardPackWorkingDay, 1, 20);
  if (day === undefined) errors.boardPackWorkingDay = 'Choose the working day to send the board pack on, or choose not to send it';
  const before = readChoice(body.reminderWorkingDaysBefore, 0, 10);
  if (before === undefined) errors.reminderWorkingDaysBefore = 'Choose when to remind members, or choose not to remind them';
  return { boardPackWorkingDay: day ?? null, reminderWorkingDaysBefore: before ?? null, errors, raw };
}

export function schedulesErrorLinks(read: SchedulesFormRead | null): FieldErrorLink[] {
  return Object.entries(read?.errors ?? {}).map(([field, text]) => ({ text, href: `#${field}` }));
}

function options(values: { value: string; text: string }[], selected: string) {
  return values.map((o) => ({ ...o, selected: o.value === selected }));
}

export function schedulesView(i: SchedulesPageInput) {
  const s = i.settings;
  const chosenDay = i.posted ? i.posted.raw.boardPackWorkingDay : s.boardPackWorkingDay === null ? OFF : String(s.boardPackWorkingDay);
  const chosenBefore = i.posted ? i.posted.raw.reminderWorkingDaysBefore : s.reminderWorkingDaysBefore === null ? OFF : String(s.reminderWorkingDaysBefore);
  const dayOptions = options(
    [{ value: OFF, text: 'Do not send the board pack' }, ...Array.from({ length: 20 }, (_, k) => ({ value: String(k + 1), text: `${ordinal(k + 1)} working day` }))],
    chosenDay,
  );
  const beforeOptions = options(
    [
      { value: OFF, text: 'Do not send reminders' },
      { value: '0', text: 'On the day the month is due to close' },
      ...Array.from({ length: 10 }, (_, k) => ({ value: String(k + 1), text: `${k + 1} working day${k ? 's' : ''} before` })),
    ],
    chosenBefore,
  );
  const due = (d: string) => (d < i.today ? `${formatDateLong(d)} (due: it is sent at the next check)` : formatDateLong(d));
  const next: { key: string; label: string; value: string }[] = [];
  if (s.next.boardPack) next.push({ key: 'board-pack', label: 'Next board pack', value: due(s.next.boardPack) });
  if (s.next.reminder && s.next.reminderMonth)
    next.push({ key: 'reminder', label: 'Next reminder', value: `${due(s.next.reminder)}, about ${formatMonthLong(s.next.reminderMonth)}` });
  return {
    action: `/consortium/${i.consortiumId}/schedules`,
    saved: i.saved ? { heading: 'The schedules were saved' } : null,
    boardPackWorkingDay: { options: dayOptions, error: i.posted?.errors.boardPackWorkingDay ?? null },
    reminderWorkingDaysBefore: { options: beforeOptions, error: i.posted?.errors.reminderWorkingDaysBefore ?? null },
    next,
    runs: s.lastRuns.map((r) => ({
      what: r.kind === 'board_pack' ? `Board pack for ${formatMonthLong(r.period)}` : `Reminder about ${formatMonthLong(r.period)}`,
      due: formatDateLong(r.scheduledFor),
      sent: formatDateLong(new Date(r.firedAt).toISOString()),
      outcome: r.outcome === 'published' ? 'Sent' : 'Nothing was missing: no one was reminded',
    })),
  };
}
