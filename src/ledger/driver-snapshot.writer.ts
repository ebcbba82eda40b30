import { Injectable } from '@nestjs/common';
import type { DriverSnapshot } from '../consortia/driver-snapshot.port';
import type { Tx } from '../database/sql';
import { DriversRepository } from './drivers.repository';

/**
 * DRIVER_SNAPSHOT: records a joining member's drivers for its joining year. Kept apart from
 * DriversService, which reads memberships through ConsortiaService: the consortia module calls this
 * while it enrols, so depending on DriversService would make a cycle.
 */
@Injectable()
export class DriverSnapshotWriter implements DriverSnapshot {
  constructor(private readonly repo: DriversRepository) {}

  /**
   * A first joining only: an organisation that rejoins keeps the rows of its earlier membership (a
   * new row for its rejoining year could reprice closed months of that year in which it was a
   * member); its host sets a new row through PUT …/drivers, which checks the closed months.
   */
  async take(tx: Tx, row: { consortiumId: string; organisationId: string; financialYear: string; annualTurnover: string; headcount: string }): Promise<void> {
    if ((await this.repo.list(tx, row.consortiumId, row.organisationId)).length) return;
    await this.repo.insertIfAbsent(tx, row.consortiumId, row);
  }
}
