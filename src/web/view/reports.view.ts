/**
 * The reports page: every PDF the caller may read, one link each, to the web routes that stream
 * them through the same ReportsService methods as the API's PDF routes. Pure.
 */
import type { BenchmarkFunction } from '../../benchmarking/core';
import { formatMonthLong, formatMonthRange } from '../../reports/view/format';
import type { StatementPeriods } from './periods';
import { statementPdfHref } from './statements.view';

export const BENCHMARK_FUNCTION_LABELS: Record<BenchmarkFunction, string> = {
  finance: 'Finance',
  hr: 'Human resources',
  imt: 'Information management and technology',
  procurement: 'Procurement',
  estates: 'Estates',
  payroll: 'Payroll',
  governance_risk: 'Governance and risk',
};

export interface ReportLink {
  /** Stable id for the link (tests, anchors). */
  id: string;
  text: string;
  href: string;
  description: string;
}

export interface ReportGroup {
  heading: string;
  intro: string | null;
  links: ReportLink[];
  /** Said instead of (or after) the links when a report cannot be offered. */
  notes: string[];
}

export interface ReportsPageInput {
  consortiumId: string;
  /** The caller's organisation (null for a platform administrator) and its name. */
  organisation: { id: string; name: string; type: string } | null;
  seesWholeConsortium: boolean;
  periods: StatementPeriods;
  performanceMonth: string;
  /** The agreement version the agreement PDF opens on, or null when there is none. */
  agreement: { version: number; status: string } | null;
  /** Benchmarking: the functions of the partnership's service lines, and the year. */
  benchmark: { financialYear: string; functions: BenchmarkFunction[] };
  /** Saved options appraisals of the partnership, newest first (every member reads them). */
  appraisals?: Array<{ id: string; name: string }>;
  /** Saved what-if scenarios, newest first (absent: none). */
  scenarios?: { id: string; name: string; from: string; to: string }[];
}

const q = (o: Record<string, string>) => new URLSearchParams(o).toString();

export function reportsView(i: ReportsPageInput): { groups: ReportGroup[] } {
  const base = `/consortium/${i.consortiumId}/reports`;
  const groups: ReportGroup[] = [];
  const org = i.organisation;

  const statements: ReportGroup = {
    heading: org ? `Statements of ${org.name}` : 'Statements',
    intro: 'What your organisation was charged for the shared services against its baseline, by line and service line, with the month-by-month chart and an indicative exit quote.',
    links: [],
    notes: [],
  };
  if (!org) statements.notes.push('You are not signed in for a member organisation: choose a member on the Statements page to download its statement.');
  else {
    const quarter = i.periods.lastClosedQuarter;
    const ytd = i.periods.financialYearToDate;
    if (quarter)
      statements.links.push({
        id: 'statement-quarter',
        text: `Statement for the last closed quarter, ${quarter.text} (PDF)`,
        href: statementPdfHref(i.consortiumId, org.id, quarter),
        description: 'Every month of the quarter is closed: its figures are final.',
      });
    else statements.notes.push('No financial quarter has been closed yet, so there is no statement for a closed quarter.');
    if (ytd)
      statements.links.push({
        id: 'statement-year-to-date',
        text: `Statement for financial year ${ytd.financialYear} to date, ${ytd.text} (PDF)`,
        href: statementPdfHref(i.consortiumId, org.id, ytd),
        description: 'From the start of the financial year (April) to the last closed month.',
      });
    else statements.notes.push('No month has been closed yet, so there is no statement for the financial year to date.');
  }
  groups.push(statements);

  if (i.seesWholeConsortium) {
    const p = i.periods.lastClosedQuarter ?? i.periods.default;
    const ytd = i.periods.financialYearToDate;
    groups.push({
      heading: 'For the partnership board',
      intro: "The consolidated statement: the partnership's totals and every member's charge against its baseline; and the board pack.",
      links: [
        {
          id: 'consolidated-quarter',
          text: `Consolidated statement, ${p.text} (PDF)`,
          href: `${base}/consolidated.pdf?${q({ from: p.from, to: p.to })}`,
          description: i.periods.lastClosedQuarter ? 'The last closed quarter.' : 'No quarter has been closed yet: the months are worked out from the ledger as it stands.',
        },
        ...(ytd
          ? [
              {
                id: 'consolidated-year-to-date',
                text: `Consolidated statement for financial year ${ytd.financialYear} to date, ${ytd.text} (PDF)`,
                href: `${base}/consolidated.pdf?${q({ from: ytd.from, to: ytd.to })}`,
                description: 'From the start of the financial year (April) to the last closed month.',
              },
            ]
          : []),
        {
          id: 'board-pack',
          text: `Board pack (PDF), ${p.text}`,
          href: `${base}/board-pack.pdf?${q({ from: p.from, to: p.to })}`,
          description: 'The consolidated statement, every member’s savings against the benefits plan, service performance by month and the decisions taken in the period.',
        },
      ],
      notes: [],
    });
  }

  groups.push({
    heading: 'Service performance',
    intro: null,
    links: [
      {
        id: 'performance',
        text: `Performance report for ${formatMonthLong(i.performanceMonth)} (PDF)`,
        href: `${base}/performance.pdf?${q({ month: i.performanceMonth })}`,
        description: i.seesWholeConsortium
          ? "Every service level target with each member's result and status, service credits, critical failures and 12-month trends."
          : "Every service level target with your organisation's result and status, service credits, critical failures and 12-month trends.",
      },
    ],
    notes: [],
  });

  groups.push({
    heading: 'The agreement',
    intro: null,
    links: i.agreement
      ? [
          {
            id: 'agreement',
            text: `The agreement, version ${i.agreement.version}${i.agreement.status === 'approved' ? '' : ` (${i.agreement.status})`} (PDF)`,
            href: `${base}/agreement.pdf`,
            description: 'The parties, delivery model, service lines, service levels with their targets and credits, risk-sharing and exit terms.',
          },
        ]
      : [],
    notes: i.agreement ? [] : ['There is no agreement yet.'],
  });

  const bench: ReportGroup = {
    heading: 'Benchmarking',
    intro: org ? `${org.name} against organisations of the same type, by the cost of each function as a percentage of turnover, for ${i.benchmark.financialYear}.` : null,
    links: [],
    notes: [],
  };
  if (!org) bench.notes.push('Benchmarking reports compare a member organisation with its peers: sign in for a member organisation to download one.');
  else if (!i.benchmark.functions.length) bench.notes.push('The partnership has no service line in a function that is benchmarked.');
  else
    for (const fn of i.benchmark.functions)
      bench.links.push({
        id: `benchmark-${fn}`,
        text: `Benchmarking report: ${BENCHMARK_FUNCTION_LABELS[fn].toLowerCase()}, ${i.benchmark.financialYear} (PDF)`,
        href: `${base}/benchmark.pdf?${q({ financialYear: i.benchmark.financialYear, function: fn, organisationType: org.type })}`,
        description: `Your ${BENCHMARK_FUNCTION_LABELS[fn].toLowerCase()} cost against your peers', with the distribution and your savings potential.`,
      });
  groups.push(bench);

  if (i.appraisals) {
    const shown = i.appraisals.slice(0, 5);
    groups.push({
      heading: 'Options appraisals',
      intro: 'How the options for delivering the services compare by net present cost: cost streams, discount factors, ranking and the preferred option.',
      links: shown.map((a) => ({
        id: `appraisal-${a.id}`,
        text: `Options appraisal: ${a.name} (PDF)`,
        href: `${base}/appraisal.pdf?${q({ appraisalId: a.id })}`,
        description: 'A saved appraisal, with the figures as they were worked out when it was saved.',
      })),
      notes: [
        i.appraisals.length === 0
          ? 'No options appraisal has been saved yet. Appraisals are made on the Options appraisals page.'
          : i.appraisals.length > shown.length
            ? `The ${shown.length} most recent of ${i.appraisals.length} appraisals; every one is on the Options appraisals page.`
            : 'Every saved appraisal is also on the Options appraisals page.',
      ],
    });
  }
  const saved = i.scenarios ?? [];
  groups.push({
    heading: 'What-if scenarios',
    intro: 'Saved scenarios for a board paper: each member’s charge now and with the changes, as worked out when the scenario was saved.',
    links: saved.slice(0, 10).map((s) => ({
      id: `scenario-${s.id}`,
      text: `${s.name}, ${formatMonthRange(s.from, s.to)} (PDF)`,
      href: `/consortium/${i.consortiumId}/scenarios/${s.id}/report.pdf`,
      description: i.seesWholeConsortium ? 'Every member’s figures.' : 'Your organisation’s figures.',
    })),
    notes: saved.length ? [] : ['No scenario has been saved yet: build one on the What-if scenarios page, then download it as a PDF or save it.'],
  });
  return { groups };
}
