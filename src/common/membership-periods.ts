/**
 * Membership periods are inclusive date ranges; an open end (null) runs for ever. Pure: shared by
 * the consortia service, the ledger and measurement checks, and the statements core.
 */
export interface Period {
  joinedOn: string;
  leftOn: string | null;
}

export function overlaps(a: Period, b: Period): boolean {
  const aEnd = a.leftOn ?? '9999-12-31';
  const bEnd = b.leftOn ?? '9999-12-31';
  return a.joinedOn <= bEnd && b.joinedOn <= aEnd;
}

/** The first existing period that overlaps `candidate`, or undefined. */
export function findOverlap<T extends Period>(existing: T[], candidate: Period): T | undefined {
  return existing.find((e) => overlaps(e, candidate));
}
