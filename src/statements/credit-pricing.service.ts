import { Injectable } from '@nestjs/common';
import { dec, formatMoney } from '../common/money';
import { cmp, lastDay } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork } from '../database/sql';
import type { CreditPricing } from '../slas/credit-pricing.port';
import type { PerformanceCredit } from '../slas/performance.service';
import { createChargeContext, creditAmount } from './core';
import { LedgerInputService } from './ledger-input.service';

/**
 * Prices the service credits of the SLA performance view in pounds (credit% × the member's charge
 * for the line in the period, by the statements core): the SLA module's CREDIT_PRICING port, bound
 * in StatementsModule. Null when the consortium has no approved agreement or the charges cannot be
 * computed.
 */
@Injectable()
export class CreditPricingService implements CreditPricing {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inputs: LedgerInputService,
    private readonly consortia: ConsortiaService,
  ) {}

  async price(given: Consortium, credits: Omit<PerformanceCredit, 'amount'>[]): Promise<(string | null)[]> {
    const none = credits.map(() => null);
    if (!credits.length) return none;
    const months = credits.flatMap((cr) => cr.periodMonths).sort(cmp);
    return this.uow.run(async (tx) => {
      // The consortium as this snapshot sees it (its host and model), not as it was read before it.
      const c = await this.consortia.find(tx, given.id);
      if (!c) return none;
      let agreement;
      try {
        agreement = await this.inputs.agreement(tx, c);
      } catch {
        return none;
      }
      const input = await this.inputs.input(tx, c, agreement, { asOf: lastDay(months[months.length - 1]), monthsFrom: months[0], monthsTo: months[months.length - 1] });
      const ctx = createChargeContext(input);
      return credits.map((cr) => {
        if (cr.organisationId === c.hostOrganisationId) return '0.00';
        try {
          return formatMoney(creditAmount(ctx, cr.organisationId, cr.serviceLineId, cr.periodMonths, dec(cr.creditPercent)));
        } catch {
          return null;
        }
      });
    }, 'REPEATABLE READ');
  }
}
