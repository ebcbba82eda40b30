/**
 * View model of a what-if scenario (domain.md §14) for a board paper, from the API's answer
 * (POST or GET /consortia/:id/scenarios): the changes in plain English, each member's charge now
 * and in the scenario with the difference, the consortium totals line by line both ways, and a bar
 * chart of the scenario charge against the current charge per member. Pure.
 */
import { barVsLineChart } from '../charts';
import { ReportTemplates } from '../templates';
import { type Chart, frame, plural, type ReportFrame, type Tile } from './frame';
import { formatDateLong, formatGbp, formatMonthRange, isNegative, isZero } from './format';

type Money = string;
type Lines = Record<'operating' | 'fee' | 'investment' | 'sharedRisk' | 'attributedRisk' | 'credits' | 'charge' | 'baseline' | 'savings', Money>;

export interface ScenarioReportInput {
  consortiumName: string;
  deliveryModel: string;
  scenario: {
    id?: string;
    name?: string;
    createdAt?: string;
    createdBy?: string;
    from: string;
    to: string;
    items: { organisationId: string | null; name: string; current: Lines; scenario: Lines; difference: Lines }[];
    totals: { current: Lines; scenario: Lines; difference: Lines };
  };
  /** The changes in plain English (describeChanges). */
  changes: string[];
  /** The caller sees only its own organisation's item: its name (the totals are over it). */
  audience: string | null;
  at: Date;
}

interface MemberRow {
  name: string;
  current: string;
  scenario: string;
  difference: string;
  currentSavings: string;
  scenarioSavings: string;
}

interface TotalRow {
  label: string;
  current: string;
  scenario: string;
  difference: string;
  css: string;
}

export interface ScenarioReportView {
  frame: ReportFrame;
  tiles: Tile[];
  changes: string[];
  members: MemberRow[];
  memberTotal: MemberRow;
  totals: TotalRow[];
  chart: Chart | null;
  audience: string | null;
}

const signed = (v: Money) => (isZero(v) ? formatGbp('0.00') : isNegative(v) ? formatGbp(v) : `+${formatGbp(v)}`);

export function buildScenarioView(input: ScenarioReportInput): ScenarioReportView {
  const s = input.scenario;
  const name = input.consortiumName;
  const period = formatMonthRange(s.from, s.to);
  const title = s.name ? `What if: ${s.name}` : `What-if scenario for ${name}`;
  const t = s.totals;
  const commercial = input.deliveryModel !== 'cooperative';

  const summary: string[] = [];
  const whose = input.audience ? `${input.audience}'s charge` : 'the members’ total charge';
  if (isZero(t.difference.charge)) summary.push(`Over ${period}, ${whose} would not change: ${formatGbp(t.current.charge)} both ways.`);
  else
    summary.push(
      `Over ${period}, ${whose} would ${isNegative(t.difference.charge) ? 'fall' : 'rise'} by ${formatGbp(t.difference.charge.replace('-', ''))}, from ${formatGbp(t.current.charge)} to ${formatGbp(t.scenario.charge)}.`,
    );
  const down = s.items.filter((i) => i.organisationId !== null && isNegative(i.difference.charge)).length;
  const up = s.items.filter((i) => i.organisationId !== null && !isNegative(i.difference.charge) && !isZero(i.difference.charge)).length;
  const less = down ? `${plural(down, 'member')} would pay less` : '';
  const more = up ? `${plural(up, 'member')} would pay more` : '';
  if (!input.audience && (down || up)) summary.push(`${[less, more].filter(Boolean).join(' and ')}.`);
  summary.push('Both columns are priced by the same rules from the ledger, every month of the period (closed months included); nothing has been changed.');
  if (s.name) summary.push(`These are the figures as computed when the scenario was saved${s.createdAt ? ` on ${formatDateLong(s.createdAt)}` : ''}.`);

  const facts = [
    { label: 'Consortium', value: name },
    { label: 'Period', value: period },
    { label: 'Scenario', value: s.name ?? 'Not saved' },
  ];
  if (s.id) facts.push({ label: 'Reference', value: s.id });
  if (s.createdAt) facts.push({ label: 'Saved on', value: formatDateLong(s.createdAt) });
  if (s.createdBy) facts.push({ label: 'Saved by', value: s.createdBy });
  facts.push({ label: 'Prepared for', value: input.audience ?? 'The partnership board' });

  const f = frame({
    kicker: 'What-if scenario',
    title,
    subtitle: period,
    consortiumName: name,
    facts,
    summary,
    classification: 'OFFICIAL-SENSITIVE: COMMERCIAL',
    draft: false,
    at: input.at,
  });

  const tiles: Tile[] = [
    { label: 'Charge now', value: formatGbp(t.current.charge), note: null },
    { label: 'Charge in the scenario', value: formatGbp(t.scenario.charge), note: null },
    { label: 'Difference', value: signed(t.difference.charge), note: null },
    { label: 'Savings in the scenario', value: formatGbp(t.scenario.savings), note: `against ${formatGbp(t.scenario.baseline)} baseline` },
  ];

  const members: MemberRow[] = s.items.map((i) => ({
    name: i.organisationId === null ? `${i.name} (joining)` : i.name,
    current: formatGbp(i.current.charge),
    scenario: formatGbp(i.scenario.charge),
    difference: signed(i.difference.charge),
    currentSavings: formatGbp(i.current.savings),
    scenarioSavings: formatGbp(i.scenario.savings),
  }));
  const memberTotal: MemberRow = {
    name: input.audience ? 'Total' : 'All members',
    current: formatGbp(t.current.charge),
    scenario: formatGbp(t.scenario.charge),
    difference: signed(t.difference.charge),
    currentSavings: formatGbp(t.current.savings),
    scenarioSavings: formatGbp(t.scenario.savings),
  };

  const LINES: [keyof Lines, string][] = [
    ['operating', commercial ? 'Agreed prices' : 'Operating costs'],
    ['fee', 'Management fee'],
    ['investment', 'Investment'],
    ['sharedRisk', 'Shared risk'],
    ['attributedRisk', 'Attributed risk'],
    ['credits', 'Service credits'],
    ['charge', 'Total charge'],
    ['baseline', 'Baseline'],
    ['savings', 'Savings'],
  ];
  const totals: TotalRow[] = LINES.map(([k, label]) => ({
    label,
    current: formatGbp(t.current[k]),
    scenario: formatGbp(t.scenario[k]),
    difference: signed(t.difference[k]),
    css: k === 'charge' ? 'total' : '',
  }));

  const chart = s.items.length
    ? ReportTemplates.trusted(
        barVsLineChart({
          title: `Charge in the scenario against the charge now, by member – ${name}`,
          months: s.items.map((i) => ({ label: i.name.length > 18 ? `${i.name.slice(0, 16)}…` : i.name, charge: i.scenario.charge, baseline: i.current.charge })),
          barLabel: 'Scenario',
          lineLabel: 'Now',
          joinBaseline: false,
          height: 260,
        }),
      )
    : null;

  return { frame: f, tiles, changes: input.changes, members, memberTotal, totals, chart, audience: input.audience };
}
