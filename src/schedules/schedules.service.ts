/**
 * Schedules (issue 17, docs/schedules.md): the monthly board pack on the working day the host
 * chooses, and the reminder to submit measurements before a month closes.
 *
 * The tick (pg-boss cron `schedules.tick`, SCHEDULE_TICK_CRON, and once when a worker process
 * starts, so a restarted worker catches up) looks at every live consortium with a schedule on and
 * fires what is due today (core/schedule-rules.ts). A run fires once: its row in schedule_runs
 * (primary key consortium, kind, period) is inserted ON CONFLICT DO NOTHING, and its event is
 * published in the same transaction only when this process inserted it. Two processes ticking at
 * the same moment: the second one's insert waits for the first's transaction, then does nothing.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { addMonths, monthOf } from '../common/months';
import { SCHEDULES_CONFIG, type SchedulesConfig } from '../config/slices';
import { AccessService } from '../consortia/access.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { UnitOfWork } from '../database/sql';
import { EventsService } from '../events/events.service';
import { JobQueue } from '../jobs/job-queue.service';
import { MonthsService } from '../months/months.service';
import { PerformanceService } from '../slas/performance.service';
import { boardPackRange, dueRuns, nextDates, type DueRun, type ScheduleKind, type ScheduleSettings } from './core/schedule-rules';
import type { PutSchedulesDto, SchedulesView } from './dto';
import { SchedulesRepository, type ScheduleSettingsRow } from './schedules.repository';

export const SCHEDULES_TICK = 'schedules.tick';

/** How many runs GET …/schedules lists. */
const LAST_RUNS = 12;

export interface TickResult {
  /** Runs this call claimed (fired: published, or found nothing missing). */
  fired: { consortiumId: string; kind: ScheduleKind; period: string; published: boolean }[];
  /** Consortia whose runs failed (logged; the tick then fails and pg-boss retries it). */
  failed: string[];
}

@Injectable()
export class SchedulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Schedules');

  constructor(
    private readonly repo: SchedulesRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly consortia: ConsortiaService,
    private readonly months: MonthsService,
    private readonly performance: PerformanceService,
    private readonly events: EventsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    @Inject(SCHEDULES_CONFIG) config: SchedulesConfig,
  ) {
    jobs.cron({ name: SCHEDULES_TICK, retryLimit: 3, retryDelaySeconds: 30 }, config.tickCron, async () => {
      const r = await this.tick();
      if (r.failed.length) throw new Error(`schedules failed for ${r.failed.length} consortium(s): ${r.failed.join(', ')}`);
    });
  }

  /** A worker that starts catches up at once: whatever fell due while no worker ran fires now (once). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.worker) return;
    try {
      await this.tick();
    } catch (err) {
      this.logger.error({ err }, 'The schedules check at start failed; the next tick tries again');
    }
  }

  // ---------------------------------------------------------------- settings

  async get(p: Principal, consortiumId: string): Promise<SchedulesView> {
    await this.access.consortium(p, consortiumId, 'read');
    return this.view(consortiumId, await this.repo.find(null, consortiumId));
  }

  /** Sets both schedules (host; audited; an archived consortium refuses with 409). */
  async put(p: Principal, consortiumId: string, dto: PutSchedulesDto): Promise<SchedulesView> {
    await this.access.consortium(p, consortiumId, 'manage');
    const row = await this.uow.run(async (tx) => {
      const before = await this.repo.find(tx, consortiumId);
      const after = await this.repo.upsert(tx, {
        consortiumId,
        boardPackWorkingDay: dto.boardPackWorkingDay,
        reminderWorkingDaysBefore: dto.reminderWorkingDaysBefore,
        updatedBy: p.userId,
      });
      await this.audit.record(tx, p, {
        action: 'update',
        entity: 'consortium_schedules',
        entityId: consortiumId,
        consortiumId,
        before: before && settingsOf(before),
        after: after && settingsOf(after),
      });
      return after;
    });
    return this.view(consortiumId, row);
  }

  private async view(consortiumId: string, row: ScheduleSettingsRow | null): Promise<SchedulesView> {
    const s = row ? settingsOf(row) : { boardPackWorkingDay: null, reminderWorkingDaysBefore: null };
    const today = this.clock.today();
    const month = monthOf(today);
    const fired = await this.repo.firedAmong(null, consortiumId, [addMonths(month, -1), month, addMonths(month, 1)]);
    const closed = await this.months.closedSet(null, consortiumId);
    const next = nextDates(
      s,
      today,
      (kind, period) => fired.has(`${kind} ${period}`),
      (m) => closed.has(m),
    );
    const runs = await this.repo.runs(null, consortiumId, LAST_RUNS);
    return {
      ...s,
      updatedAt: row?.updatedAt ?? null,
      next: { boardPack: next.boardPack, reminder: next.reminder?.date ?? null, reminderMonth: next.reminder?.month ?? null },
      lastRuns: runs.map((r) => ({ kind: r.kind, period: r.period, scheduledFor: r.scheduledFor, firedAt: r.firedAt, outcome: r.outcome, eventId: r.eventId })),
    };
  }

  // ---------------------------------------------------------------- the tick

  /**
   * Fires every run due on `today` that has not fired, for every live consortium with a schedule on.
   * Safe to call from any number of processes at once. A consortium that fails is logged and
   * reported in `failed`; the others go on.
   */
  async tick(today = this.clock.today()): Promise<TickResult> {
    const result: TickResult = { fired: [], failed: [] };
    for (const row of await this.repo.enabled(null)) {
      try {
        const c = await this.consortia.find(null, row.consortiumId);
        if (!c || c.archivedAt) continue;
        const closed = await this.months.closedList(null, c.id);
        const closedSet = new Set(closed);
        for (const due of dueRuns(settingsOf(row), today, (m) => closedSet.has(m))) {
          const published = await this.fire(c.id, due, today, closed.at(-1) ?? null);
          if (published !== null) result.fired.push({ consortiumId: c.id, kind: due.kind, period: due.period, published });
        }
      } catch (err) {
        this.logger.error({ err, consortiumId: row.consortiumId }, 'A schedule could not run');
        result.failed.push(row.consortiumId);
      }
    }
    return result;
  }

  /**
   * Claims and fires one run: null when it had already fired; else whether an event was published.
   * Everything runs on the transaction's one connection: a process whose claim waits on another's
   * holds no second connection, so concurrent ticks cannot starve the pool.
   */
  private fire(consortiumId: string, due: DueRun, today: string, lastClosed: string | null): Promise<boolean | null> {
    return this.uow.run(async (tx) => {
      if (!(await this.repo.claim(tx, { consortiumId, kind: due.kind, period: due.period, scheduledFor: due.scheduledFor }))) return null;
      let eventId: string;
      if (due.kind === 'board_pack') {
        const range = boardPackRange(today, lastClosed);
        eventId = (await this.events.publish(tx, consortiumId, 'board_pack.due', { ...range, scheduledFor: due.scheduledFor }, null)).id;
      } else {
        const missing = await this.performance.missingMeasurements(tx, consortiumId, due.period);
        // nothing missing: the run is recorded (checked once), and no one is reminded
        if (!missing.length) return false;
        eventId = (await this.events.publish(tx, consortiumId, 'measurements.reminder', { month: due.period, closesOn: due.closesOn ?? null, missing }, null)).id;
      }
      await this.repo.published(tx, { consortiumId, kind: due.kind, period: due.period, eventId });
      return true;
    });
  }
}

function settingsOf(r: ScheduleSettingsRow): ScheduleSettings {
  return { boardPackWorkingDay: r.boardPackWorkingDay, reminderWorkingDaysBefore: r.reminderWorkingDaysBefore };
}
