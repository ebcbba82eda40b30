import type { Classification, DeliveryModel, OrganisationType, Role, ServiceFunction } from '../common/enums';

/**
 * The demo consortium seeded once on `npm start` in demo mode: a host and three partner trusts sharing
 * the finance, HR and payroll activities of seeds table 14. The turnovers of the first three match
 * the worked example of domain.md §11, so a newcomer can follow the rulebook on real screens.
 * Demo passwords are for a laptop only; DEMO_MODE is off in production.
 */
const PASSWORD = 'demo-password-2025';

export const DEMO = {
  admin: { email: 'admin@demo.nhs.example', password: 'admin-password-2025' },
  organisations: [
    {
      key: 'host',
      name: 'North Vale Hospitals NHS Foundation Trust',
      odsCode: 'DNV01',
      type: 'acute_foundation_trust' as OrganisationType,
      region: 'North East and Yorkshire',
      annualTurnover: '400000000.00',
      headcount: '6000.00',
    },
    {
      key: 'riverside',
      name: 'Riverside Community Health NHS Trust',
      odsCode: 'DRV02',
      type: 'community_trust' as OrganisationType,
      region: 'North East and Yorkshire',
      annualTurnover: '250000000.00',
      headcount: '3500.00',
    },
    {
      key: 'hillcrest',
      name: 'Hillcrest Mental Health NHS Trust',
      odsCode: 'DHC03',
      type: 'mental_health_trust' as OrganisationType,
      region: 'North East and Yorkshire',
      annualTurnover: '150000000.00',
      headcount: '2500.00',
    },
    {
      key: 'moorland',
      name: 'Moorland Ambulance Service NHS Trust',
      odsCode: 'DMA04',
      type: 'ambulance_trust' as OrganisationType,
      region: 'North East and Yorkshire',
      annualTurnover: '120000000.00',
      headcount: '2100.00',
    },
  ],
  consortium: { name: 'North Vale Back Office Partnership', deliveryModel: 'cooperative' as DeliveryModel, startDate: '2025-04-01' },
  members: [
    { key: 'riverside', joinedOn: '2025-04-01' },
    { key: 'hillcrest', joinedOn: '2025-05-16' },
    { key: 'moorland', joinedOn: '2025-07-01' },
  ],
  // Seeds table 14: transactional (share), operational (retain some control), strategic (retain).
  serviceLines: [
    { code: 'FIN-AP', name: 'Accounts payable (cash disbursements)', function: 'finance', classification: 'transactional' },
    { code: 'FIN-AR', name: 'Customer billing and collections', function: 'finance', classification: 'transactional' },
    { code: 'FIN-GL', name: 'General ledger accounting', function: 'finance', classification: 'transactional' },
    { code: 'FIN-TAX', name: 'Tax accounting, filing and reporting', function: 'finance', classification: 'transactional' },
    { code: 'FIN-FA', name: 'Fixed assets and cash application', function: 'finance', classification: 'operational' },
    { code: 'FIN-TRE', name: 'Treasury management', function: 'finance', classification: 'operational' },
    { code: 'FIN-EXT', name: 'External reporting and regulatory compliance', function: 'finance', classification: 'operational' },
    { code: 'FIN-MA', name: 'Management accounting', function: 'finance', classification: 'strategic' },
    { code: 'HR-ADM', name: 'Employee records and benefits administration', function: 'hr', classification: 'transactional' },
    { code: 'HR-REC', name: 'Recruitment and training administration', function: 'hr', classification: 'transactional' },
    { code: 'HR-ADV', name: 'HR advice and policy enquiries', function: 'hr', classification: 'transactional' },
    { code: 'HR-ER', name: 'Employee relations', function: 'hr', classification: 'operational' },
    { code: 'HR-LM', name: 'Learning management', function: 'hr', classification: 'operational' },
    { code: 'HR-MED', name: 'Medical staffing', function: 'hr', classification: 'operational' },
    { code: 'HR-OD', name: 'Organisational development', function: 'hr', classification: 'strategic' },
    { code: 'PAY', name: 'Payroll services', function: 'payroll', classification: 'transactional' },
  ] as { code: string; name: string; function: ServiceFunction; classification: Classification }[],
  users: [
    { email: 'host.admin@demo.nhs.example', password: PASSWORD, role: 'host_admin' as Role, org: 'host' },
    { email: 'board@northvale.demo.nhs.example', password: PASSWORD, role: 'board_viewer' as Role, org: 'host' },
    { email: 'admin@riverside.demo.nhs.example', password: PASSWORD, role: 'org_admin' as Role, org: 'riverside' },
    { email: 'partner@riverside.demo.nhs.example', password: PASSWORD, role: 'partner_user' as Role, org: 'riverside' },
    { email: 'board@riverside.demo.nhs.example', password: PASSWORD, role: 'board_viewer' as Role, org: 'riverside' },
    { email: 'partner@hillcrest.demo.nhs.example', password: PASSWORD, role: 'partner_user' as Role, org: 'hillcrest' },
    { email: 'admin@hillcrest.demo.nhs.example', password: PASSWORD, role: 'org_admin' as Role, org: 'hillcrest' },
    { email: 'partner@moorland.demo.nhs.example', password: PASSWORD, role: 'partner_user' as Role, org: 'moorland' },
    { email: 'admin@moorland.demo.nhs.example', password: PASSWORD, role: 'org_admin' as Role, org: 'moorland' },
  ],
};
