/**
 * Medium tests: services with their real repositories on a real PostgreSQL database, without HTTP.
 * Here the unit of work and the audit log: what a unit writes commits together or not at all.
 */
import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { AuditModule } from '../../src/audit/audit.module';
import { AuditService } from '../../src/audit/audit.service';
import type { Principal } from '../../src/auth/principal';
import { DatabaseModule } from '../../src/database/database.module';
import { Sql, UnitOfWork } from '../../src/database/sql';
import { createTestDatabase, dropTestDatabase } from '../support/db';

describe('UnitOfWork and AuditService on PostgreSQL (medium)', () => {
  let db: { name: string; url: string };
  let mod: TestingModule;
  let uow: UnitOfWork;
  let audit: AuditService;
  let sql: Sql;
  const actor = { userId: null, email: 'medium@test.example', role: 'admin', organisationId: null } as unknown as Principal;

  beforeAll(async () => {
    db = await createTestDatabase();
    mod = await Test.createTestingModule({ imports: [DatabaseModule.forRoot(db.url), AuditModule] }).compile();
    uow = mod.get(UnitOfWork);
    audit = mod.get(AuditService);
    sql = mod.get(Sql);
  });

  afterAll(async () => {
    await mod.close();
    await dropTestDatabase(db.name);
  });

  async function count(entityId: string): Promise<number> {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const r = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1', [entityId]);
      return r.rows[0].n;
    } finally {
      await c.end();
    }
  }

  it('commits every write of a unit together', async () => {
    await uow.run(async (tx) => {
      await audit.record(tx, actor, { action: 'create', entity: 'thing', entityId: 'commit-1', after: { a: 1 } });
      await audit.record(tx, actor, { action: 'update', entity: 'thing', entityId: 'commit-1', before: { a: 1 }, after: { a: 2 } });
    });
    expect(await count('commit-1')).toBe(2);
    const page = await audit.list({ entityId: 'commit-1', limit: 10, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.action)).toEqual(['update', 'create']);
    expect(page.items[0]).toMatchObject({ actorEmail: 'medium@test.example', entity: 'thing', before: { a: 1 }, after: { a: 2 } });
  });

  it('writes nothing when the unit throws', async () => {
    await expect(
      uow.run(async (tx) => {
        await audit.record(tx, actor, { action: 'create', entity: 'thing', entityId: 'rollback-1' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count('rollback-1')).toBe(0);
  });

  it('strips password hashes from audit snapshots', async () => {
    await uow.run((tx) => audit.record(tx, actor, { action: 'create', entity: 'user', entityId: 'secret-1', after: { email: 'x@y.z', passwordHash: 'h' } }));
    const page = await audit.list({ entityId: 'secret-1', limit: 1, offset: 0 });
    expect(page.items[0].after).toEqual({ email: 'x@y.z' });
  });

  it('runs a unit at the isolation level asked for', async () => {
    const level = await uow.run(async (tx) => (await sql.one<{ transaction_isolation: string }>(tx, 'SHOW transaction_isolation'))?.transaction_isolation, 'REPEATABLE READ');
    expect(level).toBe('repeatable read');
  });

  it('writes a whole set of audit rows from one SELECT (bulk imports)', async () => {
    const n = await uow.run((tx) =>
      audit.recordSelected(tx, actor, {
        text: `SELECT 'update' AS action, 'measurement' AS entity, 'bulk-' || g AS entity_id, NULL::uuid AS consortium_id, NULL::jsonb AS before, jsonb_build_object('v', g) AS after FROM generate_series(1, $1::int) g`,
        params: [3],
      }),
    );
    expect(n).toBe(3);
    expect(await count('bulk-2')).toBe(1);
  });
});
