import { MigrationInterface, QueryRunner } from 'typeorm';

type K = [code: string, name: string, unit: string, direction: 'higher_is_better' | 'lower_is_better', fn: string, category: string];
const H = 'higher_is_better';
const L = 'lower_is_better';

/**
 * The KPI catalogue: the QIPP indicators of seeds table 15 (seven headline, secondary and
 * non-financial) and the service-level KPIs consortia commonly put in SLAs. Frozen data: a later
 * change to the catalogue is a new migration (or POST /kpis by an admin).
 */
const KPIS: K[] = [
  // Headline indicators: cost of the function as % of the organisation's running costs.
  ['FIN_COST_PCT', 'Cost of Finance function as % of running costs', 'percent', L, 'finance', 'headline'],
  ['HR_COST_PCT', 'Cost of HR function as % of running costs', 'percent', L, 'hr', 'headline'],
  ['IMT_COST_PCT', 'Cost of IM&T function as % of running costs', 'percent', L, 'imt', 'headline'],
  ['PROC_COST_PCT', 'Cost of Procurement function as % of running costs', 'percent', L, 'procurement', 'headline'],
  ['EST_COST_PCT', 'Cost of Estates function as % of running costs', 'percent', L, 'estates', 'headline'],
  ['PAY_COST_PCT', 'Cost of Payroll function as % of running costs', 'percent', L, 'payroll', 'headline'],
  ['GOV_COST_PCT', 'Cost of Governance & Risk function as % of running costs', 'percent', L, 'governance_risk', 'headline'],
  // HR secondary
  ['HR_COST_PER_EMPLOYEE', 'Cost of HR function per employee', 'gbp', L, 'hr', 'secondary'],
  ['HR_RECRUIT_COST_PER_FTE', 'Cost of recruitment per FTE recruited', 'gbp', L, 'hr', 'secondary'],
  ['HR_AGENCY_PCT_PAYBILL', 'Cost of agency staff as % of total pay bill', 'percent', L, 'hr', 'secondary'],
  ['HR_SICKNESS_PCT_PAYBILL', 'Cost of sickness as % of total pay bill', 'percent', L, 'hr', 'secondary'],
  ['HR_LD_COST_PER_FTE', 'Cost of learning and development (including training) per FTE', 'gbp', L, 'hr', 'secondary'],
  // Finance secondary
  ['FIN_MGMT_ACCOUNTS_COST_PCT', 'Cost of management accounts as % of running costs', 'percent', L, 'finance', 'secondary'],
  ['FIN_COST_PER_CUSTOMER_INVOICE', 'Cost per customer invoice processed', 'gbp', L, 'finance', 'secondary'],
  ['FIN_COST_PER_INVOICE', 'Cost per accounts payable invoice processed', 'gbp', L, 'finance', 'secondary'],
  ['PAY_COST_PER_PAYSLIP', 'Cost of payroll per FTE paid (per payslip)', 'gbp', L, 'payroll', 'secondary'],
  // Finance non-financial
  ['FIN_DEBTOR_DAYS', 'Debtor days', 'days', L, 'finance', 'non_financial'],
  ['FIN_CREDITOR_DAYS', 'Creditor days', 'days', L, 'finance', 'non_financial'],
  ['FIN_PSPP_PCT', 'Performance against the public sector payment policy (%)', 'percent', H, 'finance', 'non_financial'],
  ['FIN_INVOICES_WITH_PO_PCT', 'Proportion of invoices with accurate purchase orders', 'percent', H, 'finance', 'non_financial'],
  ['PAY_ERRORS_PCT', 'Proportion of payroll errors', 'percent', L, 'payroll', 'non_financial'],
  ['FIN_OUTTURN_VARIANCE_PCT', 'Outturn variation from budget (%)', 'percent', L, 'finance', 'non_financial'],
  ['FIN_MGMT_ACCOUNTS_WD', 'Working days to issue management accounts', 'working_days', L, 'finance', 'non_financial'],
  // IM&T
  ['IMT_COST_PER_HELPDESK_CALL', 'Cost per helpdesk call', 'gbp', L, 'imt', 'secondary'],
  ['IMT_COST_PER_WORKSTATION', 'Acquisition cost per workstation', 'gbp', L, 'imt', 'secondary'],
  ['IMT_COST_PER_HEALTH_RECORD', 'Cost per medical health record processed', 'gbp', L, 'imt', 'secondary'],
  ['IMT_SCHEME_ONCOST_PCT', 'Average % on-cost to IM&T scheme for implementation', 'percent', L, 'imt', 'secondary'],
  ['IMT_DEVICES_PER_PERSON', 'PCs/laptops per person', 'ratio', H, 'imt', 'non_financial'],
  ['IMT_SELF_SERVICE_PCT', 'Level of self-service capability used (%)', 'percent', H, 'imt', 'non_financial'],
  ['IMT_HELPDESK_RESPONSE_HOURS', 'Average helpdesk response time', 'hours', L, 'imt', 'non_financial'],
  // Procurement
  ['PROC_COST_PCT_NONPAY', 'Cost of procurement as % of non-pay expenditure', 'percent', L, 'procurement', 'secondary'],
  ['PROC_COST_PER_ORDER', 'Average cost per order placed', 'gbp', L, 'procurement', 'secondary'],
  ['PROC_ELECTRONIC_ORDERS_PCT', '% of orders placed electronically', 'percent', H, 'procurement', 'secondary'],
  ['PROC_AVG_INVOICE_VALUE', 'Average invoice value', 'gbp', H, 'procurement', 'secondary'],
  ['PROC_SAVINGS_PCT_NONPAY', 'Savings achieved per annum as % of non-pay expenditure', 'percent', H, 'procurement', 'secondary'],
  ['PROC_SUPPLIERS_PER_ITEM', 'Average number of different suppliers per item', 'count', L, 'procurement', 'non_financial'],
  ['PROC_SINGLE_TENDER_PCT', 'Proportion of single tender procurements', 'percent', L, 'procurement', 'non_financial'],
  ['PROC_CONTRACT_COVER_PCT', '% of spend covered by contract', 'percent', H, 'procurement', 'non_financial'],
  // Estates
  ['EST_PROPERTY_COST_PER_M2', 'Total property cost per sq m', 'gbp', L, 'estates', 'secondary'],
  ['EST_ENERGY_COST_PER_M2', 'Total energy cost per sq m', 'gbp', L, 'estates', 'secondary'],
  ['EST_WATER_COST_PER_M2', 'Total water cost per sq m', 'gbp', L, 'estates', 'secondary'],
  ['EST_AVG_JOB_VALUE', 'Average value of estates job completed', 'gbp', L, 'estates', 'secondary'],
  ['EST_CONDITION_B_PCT', '% of accommodation rated condition B and above', 'percent', H, 'estates', 'non_financial'],
  ['EST_MAINT_TURNAROUND_DAYS', 'Average turnaround time for maintenance/estates jobs', 'days', L, 'estates', 'non_financial'],
  ['EST_PEAT_SCORE', 'PEAT score', 'ratio', H, 'estates', 'non_financial'],
  // Service-level KPIs commonly written into consortium SLAs
  ['BPPC_NUMBER_PCT', 'BPPC: % of invoices paid within 30 days (by number)', 'percent', H, 'finance', 'service_level'],
  ['BPPC_VALUE_PCT', 'BPPC: % of invoices paid within 30 days (by value)', 'percent', H, 'finance', 'service_level'],
  ['PAY_ACCURACY', 'Payroll accuracy (%)', 'percent', H, 'payroll', 'service_level'],
  ['PAY_ON_TIME', 'Payslips issued on time (%)', 'percent', H, 'payroll', 'service_level'],
  ['HR_TIME_TO_HIRE', 'Time to hire (days)', 'days', L, 'hr', 'service_level'],
  ['MGMT_ACCOUNTS_WD', 'Working days to issue management accounts (SLA)', 'working_days', L, 'finance', 'service_level'],
  ['IMT_FIRST_CONTACT_RESOLUTION', 'Helpdesk first contact resolution (%)', 'percent', H, 'imt', 'service_level'],
  ['IMT_CALLS_60S_PCT', 'Calls answered within 60 seconds (%)', 'percent', H, 'imt', 'service_level'],
];

export class SeedKpiCatalogue1763900000001 implements MigrationInterface {
  name = 'SeedKpiCatalogue1763900000001';

  public async up(q: QueryRunner): Promise<void> {
    for (const [code, name, unit, direction, fn, category] of KPIS) {
      await q.query(`INSERT INTO kpis (code, name, unit, direction, function, category) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (code) DO NOTHING`, [
        code,
        name,
        unit,
        direction,
        fn,
        category,
      ]);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM kpis WHERE code = ANY($1)`, [KPIS.map((k) => k[0])]);
  }
}
