import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../server/stores/sqlite-store.js';
import type { ThreadItem } from '../../../src/protocol/types.js';
import { runStoreContract } from './store-contract.js';

const directory = mkdtempSync(join(tmpdir(), 'chatkit-sqlite-'));
let counter = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

runStoreContract('SqliteStore', () => new SqliteStore({ path: join(directory, `contract-${++counter}.db`) }));

describe('SqliteStore', () => {
  it('uses WAL and keeps data across reopening the file', async () => {
    const path = join(directory, 'reopen.db');
    const first = new SqliteStore({ path });
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await first.saveThread(
      { id: 'thr_1', created_at: '2026-05-19T14:00:00Z', status: { type: 'active' }, metadata: {} },
      { userId: 'u' },
    );
    await first.close();
    const second = new SqliteStore({ path });
    expect((await second.loadThread('thr_1', { userId: 'u' })).id).toBe('thr_1');
    await second.close();
  });

  it('pages 20k items through the index: the plan has no full scan and no temp b-tree', async () => {
    const store = new SqliteStore({ path: join(directory, 'plan.db') });
    const context = { userId: 'u' };
    await store.saveThread(
      { id: 'thr_big', created_at: '2026-05-19T14:00:00Z', status: { type: 'active' }, metadata: {} },
      context,
    );
    await store.saveThread(
      { id: 'thr_other', created_at: '2026-05-19T14:00:00Z', status: { type: 'active' }, metadata: {} },
      context,
    );
    const base = Date.UTC(2026, 4, 19, 14);
    store.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        const item: ThreadItem = {
          id: `msg_${i}`,
          thread_id: i % 2 ? 'thr_big' : 'thr_other',
          created_at: new Date(base + Math.floor(i / 3)).toISOString(),
          type: 'end_of_turn',
        };
        store.db
          .prepare(
            'INSERT INTO items (thread_id, id, user_id, type, created_ms, data) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(item.thread_id, item.id, 'u', item.type, base + Math.floor(i / 3), JSON.stringify(item));
      }
    })();
    store.db.exec('ANALYZE');
    for (const order of ['ASC', 'DESC']) {
      const op = order === 'ASC' ? '>' : '<';
      const plan = store.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT data FROM items WHERE thread_id = ? AND (created_ms, seq) ${op} (?, ?)
           ORDER BY created_ms ${order}, seq ${order} LIMIT ?`,
        )
        .all('thr_big', 0, 0, 21) as { detail: string }[];
      const details = plan.map((row) => row.detail).join(' | ');
      // SQLite seeks the index to the cursor's created_ms (the seq tie-break is checked on the few rows that
      // share that millisecond), then walks it in order: O(limit), no sort.
      expect(details).toMatch(
        /SEARCH items USING INDEX items_by_thread \(thread_id=\? AND \(?created_ms[,seq)]*[<>]/,
      );
      expect(details).not.toMatch(/SCAN|TEMP B-TREE/);
    }
    // And the pages are right at the far end of the thread.
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
});
