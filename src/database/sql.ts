/**
 * The one data-access style of the project: parameterised SQL written in repositories, one
 * repository per aggregate (see README "Data access"). Services never see SQL, a DataSource or an
 * EntityManager: they hold repositories and, when several writes must commit together, a `Tx` from
 * `UnitOfWork.run`, which they pass to every repository method the unit spans.
 *
 * Why plain SQL rather than TypeORM entities: the hot paths (COPY imports, hash-joined re-imports,
 * streamed exports, row locks that serialise month close) need SQL anyway, numeric money must stay
 * exact strings end to end, and entity classes duplicated the migrations and drifted from them.
 * TypeORM remains the connection pool, the transaction runner and the migration runner.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

declare const txBrand: unique symbol;

/** A database transaction, opaque outside repositories. Obtain one from `UnitOfWork.run`. */
export interface Tx {
  readonly [txBrand]: true;
}

/** What a repository runs its statements on: a transaction, or (null) a pooled connection of its own. */
export type On = Tx | null;

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

interface TxImpl {
  readonly manager: EntityManager;
}

function managerOf(tx: Tx): EntityManager {
  return (tx as unknown as TxImpl).manager;
}

/** Runs work in one transaction: commit when it resolves, roll back when it throws. */
@Injectable()
export class UnitOfWork {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    const body = (manager: EntityManager): Promise<T> => work({ manager } as unknown as Tx);
    return isolation ? this.ds.transaction(isolation, body) : this.ds.transaction(body);
  }
}

/**
 * Statement execution for repositories. `on` is the caller's transaction, or null to run on a pooled
 * connection of its own (autocommit).
 */
@Injectable()
export class Sql {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The rows of one statement. */
  async rows<T>(on: On, text: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.run(on, text, params)).records as T[];
  }

  /** The first row of one statement, or null. */
  async one<T>(on: On, text: string, params: readonly unknown[] = []): Promise<T | null> {
    const rows = await this.rows<T>(on, text, params);
    return rows[0] ?? null;
  }

  /** Runs a statement for its effect; resolves with the number of rows it touched. */
  async exec(on: On, text: string, params: readonly unknown[] = []): Promise<number> {
    const r = await this.run(on, text, params);
    return r.affected ?? r.records.length;
  }

  /** The pg client of a transaction, for COPY streams (src/database/copy-writer.ts). */
  async client(tx: Tx): Promise<PoolClient> {
    const runner = managerOf(tx).queryRunner;
    if (!runner?.isTransactionActive) throw new Error('Sql.client: must run inside a transaction');
    return (await runner.connect()) as PoolClient;
  }

  /**
   * Streams the rows of a query on a connection of its own (pg-query-stream), so a large export is
   * never held in memory. `release` must be called when done, whether or not the stream finished:
   * it destroys the stream (closing its cursor on the server) before the connection goes back to
   * the pool, and a connection whose cursor does not close within `closeTimeoutMs` is discarded
   * rather than handed to the next request with a query still running on it.
   */
  async stream(text: string, params: readonly unknown[] = [], closeTimeoutMs = 5000): Promise<{ rows: Readable; release: () => Promise<void> }> {
    const runner = this.ds.createQueryRunner();
    let rows: Readable;
    try {
      rows = await runner.stream(text, [...params]);
    } catch (e) {
      await runner.release();
      throw e;
    }
    let released = false;
    const release = async (): Promise<void> => {
      if (released) return;
      released = true;
      let clean = rows.closed;
      if (!clean) {
        const closed = new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), closeTimeoutMs);
          const ok = (): void => {
            clearTimeout(timer);
            resolve(true);
          };
          if (rows.closed) ok();
          else rows.once('close', ok);
        });
        rows.on('error', () => undefined); // a cursor that fails to close is handled below
        if (!rows.destroyed) rows.destroy();
        clean = await closed;
      }
      const pg = runner as unknown as { releasePostgresConnection?: (err?: Error) => Promise<void> };
      if (!clean && pg.releasePostgresConnection) await pg.releasePostgresConnection(new Error('export cursor did not close'));
      else await runner.release();
    };
    return { rows, release };
  }

  private async run(on: On, text: string, params: readonly unknown[]): Promise<{ records: unknown[]; affected?: number }> {
    if (on) return this.onRunner(managerOf(on).queryRunner!, text, params);
    const runner = this.ds.createQueryRunner();
    try {
      return await this.onRunner(runner, text, params);
    } finally {
      await runner.release();
    }
  }

  private async onRunner(runner: QueryRunner, text: string, params: readonly unknown[]): Promise<{ records: unknown[]; affected?: number }> {
    const r = await runner.query(text, [...params], true);
    return { records: (r.records ?? []) as unknown[], affected: typeof r.affected === 'number' ? r.affected : undefined };
  }
}
