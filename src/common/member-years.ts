/**
 * Rows kept per member organisation and financial year (the allocation drivers, the benefits
 * plan): grouping them by member, listing them with the members' names, and checking the items of
 * a PUT. Pure: shared by src/ledger/drivers.service.ts and src/benefits/benefits-plan.service.ts.
 */
import type { FieldError } from './errors/domain-error';

export interface MemberYear {
  organisationId: string;
  financialYear: string;
}

/** Each organisation's rows, in the order given, each as `pick` makes it. */
export function groupByMember<R extends { organisationId: string }, T>(rows: readonly R[], pick: (r: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.organisationId) ?? [];
    list.push(pick(r));
    out.set(r.organisationId, list);
  }
  return out;
}

/** The rows with their organisation's name ('' when unknown), by name, then organisation id, then financial year. */
export function withNamesSorted<R extends MemberYear>(rows: readonly R[], names: ReadonlyMap<string, string>): (R & { organisationName: string })[] {
  return rows
    .map((r) => ({ ...r, organisationName: names.get(r.organisationId) ?? '' }))
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName) || a.organisationId.localeCompare(b.organisationId) || a.financialYear.localeCompare(b.financialYear));
}

/**
 * The errors of each item of a PUT (index for index, fields named `items.<i>…`): an organisation
 * that is not a member, and a member and year already given by an earlier item.
 */
export function memberYearErrors(items: readonly MemberYear[], memberIds: ReadonlySet<string>): FieldError[][] {
  const seen = new Map<string, number>();
  return items.map((it, i) => {
    const errors: FieldError[] = [];
    if (!memberIds.has(it.organisationId)) errors.push({ field: `items.${i}.organisationId`, message: 'not a member of this consortium' });
    const key = `${it.organisationId}/${it.financialYear}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ field: `items.${i}`, message: `the same member and financial year as items.${first}` });
    else seen.set(key, i);
    return errors;
  });
}
