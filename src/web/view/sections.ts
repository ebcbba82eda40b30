/** The sections of a partnership's pages (the sub-navigation), by what the user may do. Pure. */
import type { Role } from '../../common/enums';

export type SectionKey = 'overview' | 'performance' | 'measurements' | 'statements' | 'exit' | 'agreement' | 'benchmarking' | 'board' | 'reports';

const SECTIONS: { key: SectionKey; text: string; path: string }[] = [
  { key: 'overview', text: 'Overview', path: '' },
  { key: 'performance', text: 'Service performance', path: '/performance' },
  { key: 'measurements', text: 'Submit measurements', path: '/measurements' },
  { key: 'statements', text: 'Statements', path: '/statements' },
  { key: 'agreement', text: 'Agreement', path: '/agreement' },
  { key: 'exit', text: 'Exit quote', path: '/exit-quote' },
  { key: 'benchmarking', text: 'Benchmarking', path: '/benchmarking' },
  { key: 'board', text: 'Partnership board', path: '/board' },
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
