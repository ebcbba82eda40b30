/** An indicator of the KPI catalogue: one row of `kpis` (code unique). */
export interface Kpi {
  id: string;
  code: string;
  name: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better';
  function: string;
  category: string;
  description: string | null;
}
