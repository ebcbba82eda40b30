/** Enumerations of the domain (domain.md §1, api.md). */
export const ORGANISATION_TYPES = [
  'acute_trust',
  'acute_foundation_trust',
  'mental_health_trust',
  'mental_health_foundation_trust',
  'community_trust',
  'ambulance_trust',
  'pct',
  'icb',
  'csu',
  'commercial_provider',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const DELIVERY_MODELS = ['in_house', 'cooperative', 'shared_services_company', 'joint_venture', 'outsourcing'] as const;
export type DeliveryModel = (typeof DELIVERY_MODELS)[number];
/** The commercial models: a price agreed in advance, the host carries the risk (domain.md §6). */
export const COMMERCIAL_MODELS: readonly DeliveryModel[] = ['shared_services_company', 'joint_venture', 'outsourcing'];

export const FUNCTIONS = ['finance', 'hr', 'payroll', 'imt', 'procurement', 'estates', 'governance_risk', 'legal', 'communications', 'occupational_health', 'other'] as const;
export type ServiceFunction = (typeof FUNCTIONS)[number];

export const CLASSIFICATIONS = ['transactional', 'operational', 'strategic'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const KPI_UNITS = ['percent', 'days', 'working_days', 'gbp', 'count', 'hours', 'ratio'] as const;
export const KPI_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export const KPI_CATEGORIES = ['headline', 'secondary', 'non_financial', 'service_level'] as const;

export const ROLES = ['admin', 'host_admin', 'org_admin', 'partner_user', 'board_viewer'] as const;
/** Roles that administer their own organisation: its profile, its users, the invitations it receives (domain.md §13). */
export const ORGANISATION_ADMIN_ROLES: readonly Role[] = ['host_admin', 'org_admin'];
export type Role = (typeof ROLES)[number];
