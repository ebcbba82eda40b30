/** A closed month of a consortium: its figures are final and its statements issued. */
export interface ClosedMonth {
  month: string;
  closedAt: Date;
  closedBy: string | null;
}

/** A member's statement as issued when its month was closed. */
export interface IssuedStatement {
  organisationId: string;
  /** The statement as canonical JSON. */
  document: string;
  contentHash: string;
  issuedAt: Date;
}

/** When a member's statement of a month was issued, and its hash (without the document). */
export interface IssuedHash {
  month: string;
  contentHash: string;
  issuedAt: Date;
}

/** The stored month part of an issued statement (what later statements over the month are made of). */
export interface IssuedPart<P> {
  organisationId: string;
  month: string;
  parts: P;
}
