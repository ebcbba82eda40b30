/**
 * Removing a member added in error (issue 13): the organisation's latest membership period is
 * deleted, as if it had never been made. It sits above the consortia module (it reads the ledger,
 * measurements, service lines and agreements, which all depend on the consortia module), so it is a
 * module of its own.
 *
 * Refused (409) when:
 * - the period began in or before the last closed month (`month_closed`): issued statements may
 *   count it; end it with a leaving date instead;
 * - it is the host's (`host_cannot_be_removed`);
 * - the organisation has records in the consortium that the period would leave without a member
 *   (`member_has_records`, naming what to delete first): activity, measurements and cost entries
 *   attributable to it from the period's joining month; and, when it has no other period (it would
 *   stop being a member at all), its baselines, service lines naming it among their recipients, and
 *   an agreement version that is not superseded (the draft, a proposal, the one in force) naming it
 *   in its fixed shares or prices. Deleting those silently would change figures someone entered on
 *   purpose; refusing says what to correct first, and each of those corrections is audited on its own.
 *
 * The allocation-driver row taken on joining stays: it prices nothing while the organisation is not a
 * member, and a rejoining member keeps its rows (drivers are the ledger module's).
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { cmp, monthOf } from '../common/months';
import { AccessService } from '../consortia/access.service';
import { ConsortiaService } from '../consortia/consortia.service';
import type { MemberView } from '../consortia/dto';
import { UnitOfWork } from '../database/sql';
import { AgreementsService } from '../agreements/agreements.service';
import { LedgerService } from '../ledger/ledger.service';
import { MeasurementsService } from '../measurements/measurements.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';

@Injectable()
export class MemberRemovalService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly consortia: ConsortiaService,
    private readonly ledger: LedgerService,
    private readonly measurements: MeasurementsService,
    private readonly serviceLines: ServiceLinesService,
    private readonly agreements: AgreementsService,
    private readonly directory: OrganisationDirectoryService,
  ) {}

  async remove(p: Principal, consortiumId: string, organisationId: string): Promise<MemberView> {
    await this.access.consortium(p, consortiumId, 'manage');
    // the agreement versions are read before the transaction (the agreements module reads them on its own connection)
    const versions = (await this.agreements.versions(p, consortiumId)).items.filter((v) => (v.status as string) !== 'superseded' && (v.status as string) !== 'rejected');
    return this.uow.run(async (tx) => {
      const c = await this.consortia.lockForUpdate(tx, consortiumId);
      const periods = await this.consortia.periods(tx, consortiumId, organisationId);
      const latest = periods.at(-1);
      if (!latest) throw new NotFoundError('Member');
      if (organisationId === c.hostOrganisationId) {
        throw new ConflictError('host_cannot_be_removed', 'The host cannot be removed from its own consortium', [
          { field: 'organisationId', message: 'the host cannot be removed' },
        ]);
      }
      const from = monthOf(latest.joinedOn);
      const lastClosed = await this.consortia.lastClosedMonth(tx, consortiumId);
      if (lastClosed && cmp(from, lastClosed) <= 0) {
        throw new ConflictError(
          'month_closed',
          `This membership began in ${from} and months up to ${lastClosed} are closed: it is in issued statements and cannot be removed; set a leaving date instead`,
          [{ field: 'joinedOn', message: `${from} is closed` }],
        );
      }
      const org = await this.directory.find(tx, organisationId);
      const name = org?.name ?? organisationId;
      const onlyPeriod = periods.length === 1;
      // what can be corrected first (recipients, agreement terms), and what the consortium keeps for good (ledger rows,
      // measurements: there is no delete for them, so a membership with those is ended by a leaving date, not removed)
      const held: string[] = [];
      const kept: string[] = [];
      const ledger = await this.ledger.recordsOf(tx, consortiumId, organisationId, from);
      if (ledger.activity) kept.push(`${ledger.activity} activity volume(s) from ${from}`);
      if (ledger.costEntries) kept.push(`${ledger.costEntries} risk cost entr${ledger.costEntries > 1 ? 'ies' : 'y'} attributable to it from ${from}`);
      const measured = await this.measurements.countOfOrganisation(tx, consortiumId, organisationId, from);
      if (measured) kept.push(`${measured} measurement(s) from ${from}`);
      if (onlyPeriod) {
        if (ledger.baselines) kept.push(`${ledger.baselines} baseline(s)`);
        const lines = (await this.serviceLines.ofConsortium(tx, consortiumId)).filter((l) => l.recipientIds?.includes(organisationId));
        if (lines.length) held.push(`it is a recipient of service line(s) ${lines.map((l) => l.code).join(', ')}: PATCH their recipientIds without it`);
        for (const v of versions) {
          const named = Object.keys(v.fixedShares ?? {}).includes(organisationId) || (v.prices ?? []).some((x) => x.organisationId === organisationId);
          if (named) held.push(`the ${v.status} agreement version ${v.version} names it in its fixed shares or prices: replace the draft without it`);
        }
      }
      if (kept.length) held.push(`the consortium holds ${kept.join(', ')}, which are kept for good: end the membership with a leaving date instead`);
      if (held.length) {
        throw new ConflictError('member_has_records', `${name} cannot be removed: ${held.join('; ')}`, [{ field: 'organisationId', message: held.join('; ') }]);
      }
      await this.consortia.deletePeriod(tx, p, c, latest, name);
      return {
        id: latest.id,
        organisationId,
        organisationName: name,
        odsCode: org?.odsCode ?? null,
        isHost: false,
        joinedOn: latest.joinedOn,
        leftOn: latest.leftOn,
      };
    });
  }
}
