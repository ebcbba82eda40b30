import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dec, formatMoney } from '../common/money';
import { cmp, lastDay } from '../common/months';
import { Consortium } from '../consortia/consortium.entity';
import { PerformanceService, type PerformanceCredit } from '../slas/performance.service';
import { createChargeContext, creditAmount } from './core';
import { LedgerInputLoader } from './ledger-input.loader';

/**
 * Prices the service credits of the SLA performance view in pounds (credit% × the member's charge
 * for the line in the period, by the statements core), through the hook PerformanceService offers.
 * Null when the consortium has no approved agreement or the charges cannot be computed.
 */
@Injectable()
export class CreditPricingService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly loader: LedgerInputLoader,
    private readonly performance: PerformanceService,
  ) {}

  onModuleInit(): void {
    this.performance.setCreditAmountResolver((consortiumId, credits) => this.price(consortiumId, credits));
  }

  async price(consortiumId: string, credits: Omit<PerformanceCredit, 'amount'>[]): Promise<(string | null)[]> {
    const none = credits.map(() => null);
    if (!credits.length) return none;
    const months = credits.flatMap((c) => c.periodMonths).sort(cmp);
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const c = await m.findOneBy(Consortium, { id: consortiumId });
      if (!c) return none;
      let terms;
      try {
        terms = (await this.loader.agreement(m, c)).terms;
      } catch {
        return none;
      }
      const input = await this.loader.input(m, c, terms, { asOf: lastDay(months[months.length - 1]), monthsFrom: months[0], monthsTo: months[months.length - 1] });
      const ctx = createChargeContext(input);
      return credits.map((cr) => {
        if (cr.organisationId === c.hostOrganisationId) return '0.00';
        try {
          return formatMoney(creditAmount(ctx, cr.organisationId, cr.serviceLineId, cr.periodMonths, dec(cr.creditPercent)));
        } catch {
          return null;
        }
      });
    });
  }
}
