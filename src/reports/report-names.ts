/** Names for ids in report data: organisations, service lines, KPIs (one query each). */
import { In, type EntityManager } from 'typeorm';
import { Kpi } from '../kpis/kpi.entity';
import { Organisation } from '../organisations/organisation.entity';
import { ServiceLine } from '../service-lines/service-line.entity';
import type { Names } from './view/performance.view';

export interface LoadedNames extends Names {
  organisations: Map<string, Organisation>;
  serviceLines: Map<string, ServiceLine>;
}

export async function loadNames(m: EntityManager, opts: { organisationIds: Iterable<string>; consortiumId?: string; kpiCodes?: Iterable<string> }): Promise<LoadedNames> {
  const orgIds = [...new Set(opts.organisationIds)];
  const codes = [...new Set(opts.kpiCodes ?? [])];
  const [orgs, lines, kpis] = await Promise.all([
    orgIds.length ? m.find(Organisation, { where: { id: In(orgIds) } }) : Promise.resolve([]),
    opts.consortiumId ? m.find(ServiceLine, { where: { consortiumId: opts.consortiumId }, order: { code: 'ASC' } }) : Promise.resolve([]),
    codes.length ? m.find(Kpi, { where: { code: In(codes) } }) : Promise.resolve([]),
  ]);
  const organisations = new Map(orgs.map((o) => [o.id, o]));
  const serviceLines = new Map(lines.map((l) => [l.id, l]));
  const kpiByCode = new Map(kpis.map((k) => [k.code, k]));
  return {
    organisations,
    serviceLines,
    organisation: (id) => organisations.get(id)?.name ?? 'Unknown organisation',
    serviceLine: (id) => {
      const l = serviceLines.get(id);
      return { code: l?.code ?? '?', name: l?.name ?? 'Unknown service line' };
    },
    kpi: (code) => {
      const k = kpiByCode.get(code);
      return { name: k?.name ?? code, unit: k?.unit ?? '', direction: k?.direction ?? 'higher_is_better' };
    },
  };
}
