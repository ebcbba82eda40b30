import { Injectable } from '@nestjs/common';
import { Sql, type On, type Tx } from '../database/sql';
import type { ScheduleKind } from './core/schedule-rules';

export interface ScheduleSettingsRow {
  consortiumId: string;
  boardPackWorkingDay: number | null;
  reminderWorkingDaysBefore: number | null;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface ScheduleRun {
  consortiumId: string;
  kind: ScheduleKind;
  period: string;
  scheduledFor: string;
  firedAt: Date;
  outcome: 'published' | 'nothing_missing';
  eventId: string | null;
}

const SETTINGS = `consortium_id AS "consortiumId", board_pack_working_day AS "boardPackWorkingDay",
  reminder_working_days_before AS "reminderWorkingDaysBefore", updated_by AS "updatedBy", updated_at AS "updatedAt"`;
const RUN = `consortium_id AS "consortiumId", kind, period, to_char(scheduled_for, 'YYYY-MM-DD') AS "scheduledFor", fired_at AS "firedAt", outcome, event_id AS "eventId"`;

/** The schedules aggregate: a consortium's settings (consortium_schedules) and its runs (schedule_runs). */
@Injectable()
export class SchedulesRepository {
  constructor(private readonly sql: Sql) {}

  find(on: On, consortiumId: string): Promise<ScheduleSettingsRow | null> {
    return this.sql.one<ScheduleSettingsRow>(on, `SELECT ${SETTINGS} FROM consortium_schedules WHERE consortium_id = $1`, [consortiumId]);
  }

  /** Every consortium with at least one schedule on, by consortium id. */
  enabled(on: On): Promise<ScheduleSettingsRow[]> {
    return this.sql.rows<ScheduleSettingsRow>(
      on,
      `SELECT ${SETTINGS} FROM consortium_schedules
        WHERE board_pack_working_day IS NOT NULL OR reminder_working_days_before IS NOT NULL ORDER BY consortium_id`,
    );
  }

  upsert(
    tx: Tx,
    r: { consortiumId: string; boardPackWorkingDay: number | null; reminderWorkingDaysBefore: number | null; updatedBy: string | null },
  ): Promise<ScheduleSettingsRow | null> {
    return this.sql.one<ScheduleSettingsRow>(
      tx,
      `INSERT INTO consortium_schedules (consortium_id, board_pack_working_day, reminder_working_days_before, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (consortium_id) DO UPDATE SET board_pack_working_day = EXCLUDED.board_pack_working_day,
         reminder_working_days_before = EXCLUDED.reminder_working_days_before, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${SETTINGS}`,
      [r.consortiumId, r.boardPackWorkingDay, r.reminderWorkingDaysBefore, r.updatedBy],
    );
  }

  /**
   * Claims a run: inserts its row unless one exists. True when this call inserted it (the caller then
   * fires it, in the same transaction); false when another process, or an earlier tick, did. A
   * concurrent claimer waits on the row's key until the first commits (then gets false) or rolls back.
   */
  async claim(tx: Tx, r: { consortiumId: string; kind: ScheduleKind; period: string; scheduledFor: string }): Promise<boolean> {
    const rows = await this.sql.rows(
      tx,
      `INSERT INTO schedule_runs (consortium_id, kind, period, scheduled_for, outcome) VALUES ($1, $2, $3, $4, 'nothing_missing')
       ON CONFLICT (consortium_id, kind, period) DO NOTHING RETURNING 1 AS claimed`,
      [r.consortiumId, r.kind, r.period, r.scheduledFor],
    );
    return rows.length === 1;
  }

  /** Records the event a claimed run published. */
  async published(tx: Tx, r: { consortiumId: string; kind: ScheduleKind; period: string; eventId: string }): Promise<void> {
    await this.sql.exec(tx, `UPDATE schedule_runs SET outcome = 'published', event_id = $4 WHERE consortium_id = $1 AND kind = $2 AND period = $3`, [
      r.consortiumId,
      r.kind,
      r.period,
      r.eventId,
    ]);
  }

  /** The runs of a consortium, newest period first. */
  runs(on: On, consortiumId: string, limit: number): Promise<ScheduleRun[]> {
    return this.sql.rows<ScheduleRun>(on, `SELECT ${RUN} FROM schedule_runs WHERE consortium_id = $1 ORDER BY period DESC, kind LIMIT $2`, [consortiumId, limit]);
  }

  /** Which of the given periods have a run of each kind. */
  async firedAmong(on: On, consortiumId: string, periods: readonly string[]): Promise<Set<string>> {
    const rows = await this.sql.rows<{ key: string }>(on, `SELECT kind || ' ' || period AS key FROM schedule_runs WHERE consortium_id = $1 AND period = ANY($2::text[])`, [
      consortiumId,
      periods,
    ]);
    return new Set(rows.map((r) => r.key));
  }
}
