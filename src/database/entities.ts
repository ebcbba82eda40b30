/** Every TypeORM entity, listed explicitly. */
import { AuditEntry } from '../audit/audit-entry.entity';
import { User } from '../auth/user.entity';
import { Consortium } from '../consortia/consortium.entity';
import { Member } from '../consortia/member.entity';
import { Kpi } from '../kpis/kpi.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Measurement } from '../measurements/measurement.entity';
import { ServiceLine } from '../service-lines/service-line.entity';
import { SlaTarget } from '../slas/sla-target.entity';
import { Sla } from '../slas/sla.entity';

export const ENTITIES = [Organisation, User, Consortium, Member, ServiceLine, Kpi, AuditEntry, Sla, SlaTarget, Measurement];
