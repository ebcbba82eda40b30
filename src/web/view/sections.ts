/** The sections of a partnership's pages (the sub-navigation), by what the user may do. Pure. */
import type { Role } from '../../common/enums';

export type SectionKey =
  | 'overview'
  | 'performance'
  | 'measurements'
  | 'statements'
  | 'benefits'
  | 'exit'
  | 'scenarios'
  | 'agreement'
  | 'benchmarking'
  | 'board'
  | 'appraisals'
  | 'reports'
  | HostSectionKey;

/** The host's tasks (issue 15): a second row of the sub-navigation, for the host's administrators and platform admins. */
export type HostSectionKey = 'members' | 'service-lines' | 'slas' | 'costs' | 'activity' | 'close' | 'batches' | 'audit' | 'schedules' | 'webhooks';

const HOST_SECTIONS: { key: HostSectionKey; text: string; path: string }[] = [
  { key: 'members', text: 'Members and invitations', path: '/members' },
  { key: 'service-lines', text: 'Service lines', path: '/service-lines' },
  { key: 'slas', text: 'SLAs', path: '/slas' },
  { key: 'costs', text: 'Costs', path: '/costs' },
  { key: 'activity', text: 'Activity and baselines', path: '/activity' },
  { key: 'close', text: 'Close a month', path: '/months' },
  { key: 'batches', text: 'Statement batches', path: '/batches' },
  { key: 'audit', text: 'Audit and decisions', path: '/audit' },
  { key: 'schedules', text: 'Schedules', path: '/schedules' },
  { key: 'webhooks', text: 'Webhooks', path: '/webhooks' },
];

/** Who runs the partnership (AccessService.isHost): a platform admin, or an administrator of the host organisation. */
export function runsConsortium(p: { role: Role; organisationId: string | null }, hostOrganisationId: string): boolean {
  return p.role === 'admin' || (p.role === 'host_admin' && p.organisationId === hostOrganisationId);
}

/** The host's tasks for the sub-navigation (empty for everyone else). */
export function hostSectionsFor(consortiumId: string, o: { runsConsortium: boolean; current: SectionKey }) {
  if (!o.runsConsortium) return [];
  return HOST_SECTIONS.map((s) => ({ text: s.text, href: `/consortium/${consortiumId}${s.path}`, current: s.key === o.current }));
}

const SECTIONS: { key: SectionKey; text: string; path: string }[] = [
  { key: 'overview', text: 'Overview', path: '' },
  { key: 'performance', text: 'Service performance', path: '/performance' },
  { key: 'measurements', text: 'Submit measurements', path: '/measurements' },
  { key: 'statements', text: 'Statements', path: '/statements' },
  { key: 'benefits', text: 'Benefits against plan', path: '/benefits' },
  { key: 'agreement', text: 'Agreement', path: '/agreement' },
  { key: 'exit', text: 'Exit quote', path: '/exit-quote' },
  { key: 'scenarios', text: 'What-if scenarios', path: '/scenarios' },
  { key: 'benchmarking', text: 'Benchmarking', path: '/benchmarking' },
  { key: 'board', text: 'Partnership board', path: '/board' },
  { key: 'appraisals', text: 'Options appraisals', path: '/appraisals' },
  { key: 'reports', text: 'Reports', path: '/reports' },
];

/**
 * Who may submit measurements, as the API decides (`POST …/measurements`: roles admin, host_admin and
 * partner_user; MeasurementsService: the host's administrators and platform admins, or a partner user
 * for its own organisation). Board members read; organisation administrators manage their users.
 */
export function canSubmitMeasurements(role: Role, seesWholeConsortium: boolean): boolean {
  if (role === 'partner_user') return true;
  return (role === 'admin' || role === 'host_admin') && seesWholeConsortium;
}

export function sectionsFor(consortiumId: string, o: { role: Role; seesWholeConsortium: boolean; current: SectionKey }) {
  return SECTIONS.filter((s) => (s.key !== 'board' || o.seesWholeConsortium) && (s.key !== 'measurements' || canSubmitMeasurements(o.role, o.seesWholeConsortium))).map((s) => ({
    text: s.text,
    href: `/consortium/${consortiumId}${s.path}`,
    current: s.key === o.current,
  }));
}
