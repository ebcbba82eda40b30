/**
 * Membership factor (domain.md §3): f(member, month) = days of the month inside [joinedOn, leftOn]
 * / days in the month, both dates inclusive, leftOn null = open-ended. Pure. An organisation that
 * left and rejoined has several periods (`earlierPeriods`): its days are those of every period (the
 * periods never overlap, so the sum never exceeds the month).
 *
 * f is a rational with denominator 28..31. To keep sums of f-weighted amounts exact across months
 * (baselines, for instance, are "computed exactly and rounded once") use `scaledFactor`, which is
 * f × DAYS_LCM, an exact integer: divide by DAYS_LCM once, at the end.
 */
import type { Dec } from '../../common/money';
import { D } from '../../common/money';
import { overlaps } from '../../common/membership-periods';
import { daysInMonth, daysInclusive, firstDay, lastDay } from '../../common/months';
import type { MemberInput } from './types';

export type MembershipDates = Pick<MemberInput, 'joinedOn' | 'leftOn' | 'earlierPeriods'>;

/** lcm(28, 29, 30, 31): every f × DAYS_LCM is an integer. */
export const DAYS_LCM = 377580;

function periodDays(joinedOn: string, leftOn: string | null, start: string, end: string): number {
  const from = joinedOn > start ? joinedOn : start;
  const to = leftOn !== null && leftOn < end ? leftOn : end;
  return to < from ? 0 : daysInclusive(from, to);
}

/** Days of `month` inside the membership (every period); 0..daysInMonth(month). */
export function membershipDays(member: MembershipDates, month: string): number {
  const start = firstDay(month);
  const end = lastDay(month);
  let days = periodDays(member.joinedOn, member.leftOn, start, end);
  for (const p of member.earlierPeriods ?? []) days += periodDays(p.joinedOn, p.leftOn, start, end);
  return Math.min(days, daysInMonth(month));
}

/** True when some period of the membership overlaps [start, end] (dates, inclusive). */
export function memberDuring(member: MembershipDates, start: string, end: string): boolean {
  const range = { joinedOn: start, leftOn: end };
  return overlaps(member, range) || (member.earlierPeriods ?? []).some((p) => overlaps(p, range));
}

/** f(member, month) as an exact-as-possible Decimal in 0..1 (1 and 0 exactly; 16/31 to 60 digits). */
export function membershipFactor(member: MembershipDates, month: string): Dec {
  const days = membershipDays(member, month);
  const dim = daysInMonth(month);
  if (days === dim) return new D(1);
  if (days === 0) return new D(0);
  return new D(days).div(dim);
}

/** f × DAYS_LCM: an exact integer in 0..DAYS_LCM. */
export function scaledFactor(member: MembershipDates, month: string): Dec {
  return new D(membershipDays(member, month)).times(new D(DAYS_LCM).div(daysInMonth(month)));
}

/** True when the member belongs to the consortium on every day of the month (f = 1). */
export function isCompleteMonth(member: MembershipDates, month: string): boolean {
  return membershipDays(member, month) === daysInMonth(month);
}
