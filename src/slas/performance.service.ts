import { Clock } from '../common/clock';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import type { On } from '../database/sql';
import type { Consortium } from '../consortia/consortium.model';
import { CREDIT_PRICING, type CreditPricing } from './credit-pricing.port';
import { MeasurementIndex, SlaEvaluator, slaHistory, type HistorySeries, type PerformanceItem } from './core';
import { SlaInputsService } from './sla-inputs.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';

/** The names beside the ids of a performance item or credit (api.md). */
export interface Names {
  organisationName: string;
  serviceLineCode: string;
  serviceLineName: string;
}

export interface PerformanceCredit extends Partial<Names> {
  slaId: string;
  /** The SLA's name, beside its id. */
  slaName?: string;
  organisationId: string;
  serviceLineId: string;
  periodMonths: string[];
  creditPercent: string;
  /** Pounds, once the consortium has charges (risk-sharing agreement); null until then. */
  amount: string | null;
}

export interface PerformanceView {
  month: string;
  asOf: string;
  items: (PerformanceItem & Names & { slaName: string; kind: 'SLA' | 'OLA'; frequency: string; periodStart: string; periodEnd: string })[];
  credits: PerformanceCredit[];
  summary: { met: number; atRisk: number; breached: number; missing: number; pending: number; critical: number };
}

/**
 * The SLA scorecard for a month: every target × recipient with status, consecutive breaches and
 * critical flag, and the service credits of periods ending that month. The host and the
 * partnership board (board viewers of members) see every member's rows; other members their own.
 */
@Injectable()
export class PerformanceService {
  private readonly logger = new Logger(PerformanceService.name);

  constructor(
    private readonly access: AccessService,
    private readonly inputs: SlaInputsService,
    @Inject(CREDIT_PRICING) private readonly pricing: CreditPricing,
    private readonly clock: Clock,
    private readonly directory: OrganisationDirectoryService,
    private readonly serviceLines: ServiceLinesService,
  ) {}

  /** The credits in pounds; when pricing fails, the failure is logged and the amounts are null. */
  private async price(c: Consortium, credits: Omit<PerformanceCredit, 'amount'>[]): Promise<(string | null)[]> {
    if (!credits.length) return [];
    try {
      return await this.pricing.price(c, credits);
    } catch (err) {
      this.logger.warn({ consortiumId: c.id, err }, 'Service credits could not be priced; their amounts are shown as null');
      return credits.map(() => null);
    }
  }

  async month(p: Principal, consortiumId: string, month: string, asOf = this.clock.today()): Promise<PerformanceView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const own = (await this.access.seesWholeConsortium(p, c)) ? null : p.organisationId;
    const data = await this.inputs.load(consortiumId);
    const index = new MeasurementIndex(data.measurements);
    const names = await this.namer(
      consortiumId,
      [...data.recipientsByServiceLine.values()].flat().map((r) => r.organisationId),
    );
    const items: PerformanceView['items'] = [];
    let credits: Omit<PerformanceCredit, 'amount'>[] = [];
    for (const sla of data.slas) {
      const ev = new SlaEvaluator(sla, data.recipientsByServiceLine.get(sla.serviceLineId) ?? [], index, asOf);
      const period = ev.periodOf(month);
      const r = ev.evaluate(period);
      for (const it of r.items) {
        if (own && it.organisationId !== own) continue;
        items.push({
          ...it,
          ...names(it.organisationId, it.serviceLineId),
          slaName: data.slaNames.get(sla.id) ?? '',
          kind: sla.kind,
          frequency: sla.frequency,
          periodStart: period.start,
          periodEnd: period.end,
        });
      }
      // credits are booked in the period's last month
      if (period.end === month) {
        credits.push(...r.credits.filter((cr) => cr.creditPercent !== '0' && (!own || cr.organisationId === own)));
      }
    }
    credits = credits.map((cr) => ({
      slaId: cr.slaId,
      organisationId: cr.organisationId,
      serviceLineId: cr.serviceLineId,
      periodMonths: cr.periodMonths,
      creditPercent: cr.creditPercent,
    }));
    const amounts = await this.price(c, credits);
    const count = (s: string | null) => items.filter((i) => i.status === s).length;
    return {
      month,
      asOf,
      items,
      credits: credits.map((cr, i) => ({ ...cr, slaName: data.slaNames.get(cr.slaId) ?? '', ...names(cr.organisationId, cr.serviceLineId), amount: amounts[i] ?? null })),
      summary: {
        met: count('met'),
        atRisk: count('at_risk'),
        breached: count('breached'),
        missing: count('missing'),
        pending: count(null),
        critical: items.filter((i) => i.critical).length,
      },
    };
  }

  /**
   * Measurements still missing for `month`, per organisation (schedules: the reminder before a month
   * closes). Counted: every SLA target × member whose period ends with `month` (a quarterly SLA's
   * value is due with the quarter's last month) and who has no value for it, where the SLA applies
   * (live service line, effective, member during the period). No access check: a system read.
   * `on`: the caller's transaction (one connection, used one query at a time).
   */
  async missingMeasurements(on: On, consortiumId: string, month: string): Promise<{ organisationId: string; count: number }[]> {
    const data = await this.inputs.load(consortiumId, { on });
    const index = new MeasurementIndex(data.measurements);
    const counts = new Map<string, number>();
    for (const sla of data.slas) {
      // as of a day after the month: a value not there counts as missing, not pending
      const ev = new SlaEvaluator(sla, data.recipientsByServiceLine.get(sla.serviceLineId) ?? [], index, '9999-12-31');
      const period = ev.periodOf(month);
      if (period.end !== month) continue;
      for (const it of ev.evaluate(period).items) {
        if (it.value === null) counts.set(it.organisationId, (counts.get(it.organisationId) ?? 0) + 1);
      }
    }
    return [...counts].map(([organisationId, count]) => ({ organisationId, count })).sort((a, b) => a.organisationId.localeCompare(b.organisationId));
  }

  /** Names of organisations and service lines of a consortium, looked up once per request. */
  private async namer(consortiumId: string, organisationIds: string[]): Promise<(organisationId: string, serviceLineId: string) => Names> {
    const lines = new Map((await this.serviceLines.ofConsortium(null, consortiumId)).map((l) => [l.id, l]));
    const orgs = await this.directory.namesOf(null, organisationIds);
    return (organisationId, serviceLineId) => {
      const line = lines.get(serviceLineId);
      return { organisationName: orgs.get(organisationId) ?? '', serviceLineCode: line?.code ?? '', serviceLineName: line?.name ?? '' };
    };
  }

  /** Twelve months of history per target and organisation, ending at `month` (for trend charts). */
  async history(
    p: Principal,
    consortiumId: string,
    month: string,
    slaId?: string,
    asOf = this.clock.today(),
  ): Promise<{ month: string; series: (HistorySeries & { slaName: string })[] }> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const own = (await this.access.seesWholeConsortium(p, c)) ? null : p.organisationId;
    const data = await this.inputs.load(consortiumId);
    const slas = slaId ? data.slas.filter((s) => s.id === slaId) : data.slas;
    if (slaId && !slas.length) throw new NotFoundError('SLA');
    const series = slas.flatMap((s) =>
      slaHistory(s, data.recipientsByServiceLine.get(s.serviceLineId) ?? [], data.measurements, month, asOf)
        .filter((h) => !own || h.organisationId === own)
        .map((h) => ({ ...h, slaName: data.slaNames.get(s.id) ?? '' })),
    );
    return { month, series };
  }
}
