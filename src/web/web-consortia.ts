import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { addMonths, monthOf } from '../common/months';
import { Clock } from '../common/clock';
import { AccessService } from '../consortia/access.service';
import { MeasurementsService } from '../measurements/measurements.service';
import { MonthsService } from '../months/months.service';
import { PerformanceService } from '../slas/performance.service';
import { attentionItems, type AttentionItem } from './view/attention.view';
import { ConsortiaService } from '../consortia/consortia.service';
import type { ConsortiumView } from '../consortia/dto';
import { hostSectionsFor, runsConsortium, sectionsFor, type SectionKey } from './view/sections';
import type { Crumb, Frame } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ConsortiumContext {
  consortium: ConsortiumView;
  /** The host, an admin, or the partnership board (a member's board viewer): every member's figures. */
  seesWholeConsortium: boolean;
  /** The caller's organisation (null for a platform admin). */
  organisationId: string | null;
  /** The host's administrators and platform admins: they run the partnership (the host's pages). */
  runsConsortium: boolean;
  /** For the page frame: the name and sections, `current` marked. */
  frame: NonNullable<Frame['consortium']>;
  /** Home › partnership, for the breadcrumbs. */
  crumbs: Crumb[];
}

/** The partnership a page is about, read with the API's access rules: not the caller's to see → 404. */
@Injectable()
export class WebConsortia {
  constructor(
    private readonly consortia: ConsortiaService,
    private readonly access: AccessService,
    private readonly measurements: MeasurementsService,
    private readonly performance: PerformanceService,
    private readonly agreements: AgreementsService,
    private readonly months: MonthsService,
    private readonly clock: Clock,
  ) {}

  async context(p: Principal, consortiumId: string, current: SectionKey): Promise<ConsortiumContext> {
    if (!UUID.test(consortiumId)) throw new NotFoundError('Consortium');
    const c = await this.access.consortium(p, consortiumId, 'read');
    const view = await this.consortia.get(p, consortiumId);
    const seesWholeConsortium = await this.access.seesWholeConsortium(p, c);
    const host = runsConsortium(p, c.hostOrganisationId);
    return {
      consortium: view,
      seesWholeConsortium,
      organisationId: p.organisationId,
      runsConsortium: host,
      frame: {
        id: c.id,
        name: c.name,
        sections: sectionsFor(c.id, { role: p.role, seesWholeConsortium, current }),
        hostSections: hostSectionsFor(c.id, { runsConsortium: host, current }),
      },
      crumbs: [
        { text: 'Home', href: '/' },
        { text: c.name, href: `/consortium/${c.id}` },
      ],
    };
  }

  /**
   * The month a performance page opens on: the latest month with a measurement behind what the
   * caller reads (the whole partnership's for the host and the partnership board), up to last
   * month; last month when there is none.
   */
  async latestMeasuredMonth(p: Principal, consortiumId: string): Promise<string> {
    const lastMonth = addMonths(monthOf(this.clock.today()), -1);
    return (await this.measurements.latestMonth(p, consortiumId, lastMonth)) ?? lastMonth;
  }

  /** What needs the caller's organisation's attention in the partnership (home and overview pages). */
  async attention(p: Principal, ctx: ConsortiumContext): Promise<AttentionItem[]> {
    const id = ctx.consortium.id;
    const month = await this.latestMeasuredMonth(p, id);
    const [performance, versions, closed] = await Promise.all([this.performance.month(p, id, month), this.agreements.versions(p, id), this.months.months(p, id)]);
    return attentionItems({
      consortiumId: id,
      organisationId: ctx.organisationId,
      performance: { month, items: performance.items },
      versions: versions.items,
      lastClosed: closed.items.at(-1) ?? null,
    });
  }
}
