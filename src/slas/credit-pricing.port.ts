/**
 * Credit pricing is a port: the SLA module declares what it needs (service credits in pounds) and
 * the statements module, which knows the charges, provides it. The token is bound once, visibly, in
 * the providing module; a failure to price is logged by the caller and shown as "not priced" (null).
 */
import type { Consortium } from '../consortia/consortium.model';
import type { PerformanceCredit } from './performance.service';

export const CREDIT_PRICING = Symbol('CREDIT_PRICING');

export interface CreditPricing {
  /** The amount in pounds of each credit (same order), or null where it cannot be priced yet. */
  price(consortium: Consortium, credits: Omit<PerformanceCredit, 'amount'>[]): Promise<(string | null)[]>;
}
