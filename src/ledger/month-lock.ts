/**
 * The month-close lock (domain.md §9). Every write that touches a month (costs, activity,
 * measurements, baselines) calls `assertMonthsOpen` inside its transaction; closing a month takes
 * the consortium row lock first, so a write and a close cannot interleave.
 */
import type { EntityManager } from 'typeorm';
import { ConflictError } from '../common/errors/domain-error';

/** The closed months of a consortium. */
export async function closedMonths(manager: EntityManager, consortiumId: string): Promise<Set<string>> {
  const rows: { month: string }[] = await manager.query(`SELECT month FROM closed_months WHERE consortium_id = $1`, [consortiumId]);
  return new Set(rows.map((r) => r.month));
}

/** 409 `month_closed` naming `field` when any of `months` is closed. */
export async function assertMonthsOpen(manager: EntityManager, consortiumId: string, months: string[], field = 'month'): Promise<void> {
  if (!months.length) return;
  const rows: { month: string }[] = await manager.query(`SELECT month FROM closed_months WHERE consortium_id = $1 AND month = ANY($2::text[]) ORDER BY month`, [
    consortiumId,
    [...new Set(months)],
  ]);
  if (rows.length) {
    throw new ConflictError(
      'month_closed',
      `${rows.map((r) => r.month).join(', ')} ${rows.length > 1 ? 'are' : 'is'} closed: figures are final; enter a correction in an open month`,
      [{ field, message: `${rows[0].month} is closed` }],
    );
  }
}

/**
 * Takes the consortium row lock of a month-touching write (FOR SHARE: writes run side by side, but
 * not while a month is being closed, which holds FOR UPDATE). Call it first in the transaction.
 */
export async function lockForMonthWrite(manager: EntityManager, consortiumId: string): Promise<void> {
  await manager.query(`SELECT 1 FROM consortia WHERE id = $1 FOR SHARE`, [consortiumId]);
}

/** Takes the consortium row lock of a month close (FOR UPDATE): waits for in-flight writes, blocks new ones. */
export async function lockForMonthClose(manager: EntityManager, consortiumId: string): Promise<void> {
  await manager.query(`SELECT 1 FROM consortia WHERE id = $1 FOR UPDATE`, [consortiumId]);
}
