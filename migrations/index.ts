/** Every migration, in order. Listed explicitly (no globs) so the app, the CLI and the tests agree. */
import { InitialSchema1763900000000 } from './1763900000000-InitialSchema';
import { SeedKpiCatalogue1763900000001 } from './1763900000001-SeedKpiCatalogue';
import { SlasAndMeasurements1763900000002 } from './1763900000002-SlasAndMeasurements';
import { ClosedMonths1763900000003 } from './1763900000003-ClosedMonths';

export const MIGRATIONS = [
  InitialSchema1763900000000,
  SeedKpiCatalogue1763900000001,
  SlasAndMeasurements1763900000002,
  ClosedMonths1763900000003,
];
