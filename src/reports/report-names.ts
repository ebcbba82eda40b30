/** Names for ids in report data: organisations, service lines, KPIs. */
import type { ServiceLineView } from '../service-lines/dto';
import type { KpiName, OrganisationName } from './reports.repository';
import type { Names } from './view/performance.view';

export interface LoadedNames extends Names {
  organisations: Map<string, OrganisationName>;
  serviceLines: Map<string, ServiceLineView>;
}

export function buildNames(orgs: readonly OrganisationName[], lines: readonly ServiceLineView[], kpis: readonly KpiName[]): LoadedNames {
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
