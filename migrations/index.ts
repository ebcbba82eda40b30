/** Every migration, in order. Listed explicitly (no globs) so the app, the CLI and the tests agree. */
import { InitialSchema1763900000000 } from './1763900000000-InitialSchema';
import { SeedKpiCatalogue1763900000001 } from './1763900000001-SeedKpiCatalogue';
import { SlasAndMeasurements1763900000002 } from './1763900000002-SlasAndMeasurements';
import { ClosedMonths1763900000003 } from './1763900000003-ClosedMonths';
import { Agreements1763900000010 } from './1763900000010-Agreements';
import { Ledger1763900000011 } from './1763900000011-Ledger';
import { IssuedStatements1763900000012 } from './1763900000012-IssuedStatements';
import { Benchmarking1763900000020 } from './1763900000020-Benchmarking';
import { ReportJobs1763900000030 } from './1763900000030-ReportJobs';
import { MeasurementServiceLineKey1763900000040 } from './1763900000040-MeasurementServiceLineKey';
import { PendingStatementBatchUnique1763900001213 } from './1763900001213-PendingStatementBatchUnique';
import { LoginThrottle1763900001300 } from './1763900001300-LoginThrottle';
import { Partnership1763900001400 } from './1763900001400-Partnership';
import { ConsortiumDrivers1763900001500 } from './1763900001500-ConsortiumDrivers';
import { SlaCrossFunction1763900001510 } from './1763900001510-SlaCrossFunction';
import { DecisionsLog1763900001600 } from './1763900001600-DecisionsLog';
import { DatedAgreements1763900001610 } from './1763900001610-DatedAgreements';
import { DatedBaselines1763900001612 } from './1763900001612-DatedBaselines';
import { ServiceLineGoLive1763900001620 } from './1763900001620-ServiceLineGoLive';
import { ConsortiumArchive1763900001630 } from './1763900001630-ConsortiumArchive';
import { Appraisals1763900001710 } from './1763900001710-Appraisals';
import { BenefitsPlan1763900001720 } from './1763900001720-BenefitsPlan';
import { Schedules1763900001830 } from './1763900001830-Schedules';
import { DomainEvents1763900001800 } from './1763900001800-DomainEvents';
import { Notifications1763900001810 } from './1763900001810-Notifications';
import { Webhooks1763900001820 } from './1763900001820-Webhooks';
import { ImportSlots1763900001840 } from './1763900001840-ImportSlots';
import { TemporaryPasswords1763900001850 } from './1763900001850-TemporaryPasswords';
import { Scenarios1763900001700 } from './1763900001700-Scenarios';

export const MIGRATIONS = [
  InitialSchema1763900000000,
  SeedKpiCatalogue1763900000001,
  SlasAndMeasurements1763900000002,
  ClosedMonths1763900000003,
  Agreements1763900000010,
  Ledger1763900000011,
  IssuedStatements1763900000012,
  Benchmarking1763900000020,
  ReportJobs1763900000030,
  MeasurementServiceLineKey1763900000040,
  PendingStatementBatchUnique1763900001213,
  LoginThrottle1763900001300,
  Partnership1763900001400,
  ConsortiumDrivers1763900001500,
  SlaCrossFunction1763900001510,
  DecisionsLog1763900001600,
  DatedAgreements1763900001610,
  DatedBaselines1763900001612,
  ServiceLineGoLive1763900001620,
  ConsortiumArchive1763900001630,
  Appraisals1763900001710,
  BenefitsPlan1763900001720,
  Scenarios1763900001700,
  DomainEvents1763900001800,
  Notifications1763900001810,
  Webhooks1763900001820,
  Schedules1763900001830,
  ImportSlots1763900001840,
  TemporaryPasswords1763900001850,
];
