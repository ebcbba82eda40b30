/** Names for ids in report data: organisations, service lines, KPIs. */
import type { ServiceLineView } from '../service-lines/dto';
import type { OrganisationType } from '../common/enums';
import type { Names } from './view/performance.view';

/** The fields of an organisation a report names it by. */
export interface OrganisationName {
  id: string;
  name: string;
  odsCode: string | null;
  type: OrganisationType;
}

export interface KpiName {
  code: string;
  name: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better';
}

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
