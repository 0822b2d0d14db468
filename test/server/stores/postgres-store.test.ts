import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../server/stores/postgres-store.js';
import { postgresAvailable, startPostgres, type TestPostgres } from './postgres-server.js';
import { runStoreContract } from './store-contract.js';

// Needs the PostgreSQL server binaries (Debian package `postgresql`); skipped where they are missing.
/** A thread record as the server saves it. */
const thread = (id: string) => ({
  id,
  created_at: '2026-05-19T14:00:00Z',
  status: { type: 'active' as const },
  metadata: {},
});

describe.skipIf(!postgresAvailable)('PostgresStore', () => {
  let server: TestPostgres;
  let counter = 0;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  // Each store gets its own schema, so every contract test starts empty.
  runStoreContract(
    'PostgresStore',
    () => new PostgresStore({ pool: server.connection, schema: `contract_${++counter}` }),
  );

  it('pages 20k items through the index: index scan, no sort', async () => {
    const store = new PostgresStore({ pool: server.connection, schema: 'plan' });
    const context = { userId: 'u' };
    await store.saveThread(thread('thr_big'), context);
    await store.saveThread(thread('thr_other'), context);
    const base = Date.UTC(2026, 4, 19, 14);
    await store.pool.query(
      `INSERT INTO ${store.tables.items} (thread_id, id, user_id, type, created_ms, data)
       SELECT CASE WHEN i % 2 = 1 THEN 'thr_big' ELSE 'thr_other' END, 'msg_' || i, 'u', 'end_of_turn',
              $1::bigint + i / 3,
              json_build_object('id', 'msg_' || i, 'thread_id', CASE WHEN i % 2 = 1 THEN 'thr_big' ELSE 'thr_other' END,
                'created_at', '2026-05-19T14:00:00Z', 'type', 'end_of_turn')::text
       FROM generate_series(0, 19999) AS i`,
      [base],
    );
    await store.pool.query(`ANALYZE ${store.tables.items}`);
    for (const [op, dir] of [
      ['>', 'ASC'],
      ['<', 'DESC'],
    ]) {
      const { rows } = await store.pool.query(
        `EXPLAIN SELECT data FROM ${store.tables.items} WHERE thread_id = 'thr_big' AND (created_ms, seq) ${op} (0, 0)
         ORDER BY created_ms ${dir}, seq ${dir} LIMIT 21`,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan( Backward)? using items_by_thread/);
      expect(plan).toMatch(/Index Cond: .*thread_id = 'thr_big'.*ROW\(created_ms, seq\) [<>] ROW/);
      expect(plan).not.toMatch(/Sort|Seq Scan/);
    }
    const newest = await store.loadThreadItems('thr_big', { limit: 3, order: 'desc' }, context);
    expect(newest.data.map((item) => item.id)).toEqual(['msg_19999', 'msg_19997', 'msg_19995']);
    const next = await store.loadThreadItems(
      'thr_big',
      { limit: 2, order: 'desc', after: newest.after },
      context,
    );
    expect(next.data.map((item) => item.id)).toEqual(['msg_19993', 'msg_19991']);
    await store.close();
  });

  it('survives the database ending an idle connection, and the next query reconnects', async () => {
    const lost: Error[] = [];
    let reported!: () => void;
    const idleErrorSeen = new Promise<void>((resolve) => (reported = resolve));
    const store = new PostgresStore({
      pool: server.connection,
      schema: 'idle_error',
      onIdleError: (error) => {
        lost.push(error);
        reported();
      },
    });
    const context = { userId: 'u' };
    await store.saveThread(thread('thr_1'), context);
    expect(store.pool.idleCount).toBeGreaterThan(0);
    // What a failover or an administrator does: end every other session of this database.
    const admin = new PostgresStore({ pool: server.connection, schema: 'idle_error_admin' });
    await admin.pool.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()',
    );
    await admin.close();
    await idleErrorSeen;
    expect(lost[0]?.message).toMatch(/terminating connection/);
    expect((await store.loadThread('thr_1', context)).id).toBe('thr_1');
    await store.close();
  });
});
