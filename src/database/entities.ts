/** Every TypeORM entity, listed explicitly. */
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { User } from '../auth/user.entity';
import { BenchmarkReturn } from '../benchmarking/benchmark-return.entity';
import { Consortium } from '../consortia/consortium.entity';
import { Member } from '../consortia/member.entity';
import { Kpi } from '../kpis/kpi.entity';
import { Organisation } from '../organisations/organisation.entity';
import { ActivityVolume, Baseline, CostEntry, IdempotencyKey } from '../ledger/ledger.entities';
import { Measurement } from '../measurements/measurement.entity';
import { ServiceLine } from '../service-lines/service-line.entity';
import { SlaTarget } from '../slas/sla-target.entity';
import { IssuedStatement } from '../statements/issued-statement.entity';
import { Sla } from '../slas/sla.entity';
import { ReportFile, ReportJob } from '../reports/jobs/report-job.entity';

export const ENTITIES = [
  Organisation,
  User,
  Consortium,
  Member,
  ServiceLine,
  Kpi,
  Sla,
  SlaTarget,
  Measurement,
  BenchmarkReturn,
  AgreementVersion,
  CostEntry,
  ActivityVolume,
  Baseline,
  IdempotencyKey,
  IssuedStatement,
  ReportJob,
  ReportFile,
];
