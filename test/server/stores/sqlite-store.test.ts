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
    // Checkpoints every 8,000 WAL pages rather than 1,000 (fewer copies and fsyncs per turn).
    expect(first.db.pragma('wal_autocheckpoint', { simple: true })).toBe(8000);
    // A 16 MiB page cache (negative = KiB), not SQLite's 2 MiB: random index leaves stay in memory.
    expect(first.db.pragma('cache_size', { simple: true })).toBe(-16384);
    await first.saveThread(
      { id: 'thr_1', created_at: '2026-05-19T14:00:00Z', status: { type: 'active' }, metadata: {} },
      { userId: 'u' },
    );
    await first.close();
    const second = new SqliteStore({ path, cacheSizeKb: 4096 });
    expect(second.db.pragma('cache_size', { simple: true })).toBe(-4096);
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

  it('a re-save keeps the position, a re-save with another created_at moves it, another user is refused', async () => {
    const store = new SqliteStore({ path: join(directory, 'move.db') });
    const context = { userId: 'u' };
    const thread = (id: string, second: number) => ({
      id,
      created_at: `2026-05-19T14:00:0${second}Z`,
      status: { type: 'active' as const },
      metadata: {},
    });
    const item = (id: string, second: number): ThreadItem => ({
      id,
      thread_id: 'thr_a',
      created_at: `2026-05-19T14:01:0${second}Z`,
      type: 'end_of_turn',
    });
    const threadIds = async () =>
      (await store.loadThreads({ limit: 10, order: 'asc' }, context)).data.map((row) => row.id);
    const itemIds = async () =>
      (await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, context)).data.map((row) => row.id);
    for (const [id, second] of [
      ['thr_a', 1],
      ['thr_b', 2],
      ['thr_c', 3],
    ] as const)
      await store.saveThread(thread(id, second), context);
    for (const [id, second] of [
      ['m1', 1],
      ['m2', 2],
      ['m3', 3],
    ] as const)
      await store.addThreadItem('thr_a', item(id, second), context);
    // Same created_at: the record changes, the position does not.
    await store.saveThread({ ...thread('thr_a', 1), title: 'renamed' }, context);
    await store.saveItem('thr_a', { ...item('m1', 1), type: 'end_of_turn' }, context);
    expect(await threadIds()).toEqual(['thr_a', 'thr_b', 'thr_c']);
    expect((await store.loadThread('thr_a', context)).title).toBe('renamed');
    expect(await itemIds()).toEqual(['m1', 'm2', 'm3']);
    // Another created_at: the row moves (and keeps its tie-break sequence).
    await store.saveThread({ ...thread('thr_a', 4), title: 'moved' }, context);
    await store.saveItem('thr_a', item('m1', 4), context);
    expect(await threadIds()).toEqual(['thr_b', 'thr_c', 'thr_a']);
    expect((await store.loadThread('thr_a', context)).title).toBe('moved');
    expect(await itemIds()).toEqual(['m2', 'm3', 'm1']);
    expect((await store.loadItem('thr_a', 'm1', context)).created_at).toBe('2026-05-19T14:01:04Z');
    // Another user can neither move nor overwrite, with or without a new created_at.
    const other = { userId: 'someone-else' };
    await expect(store.saveThread(thread('thr_b', 2), other)).rejects.toThrow();
    await expect(store.saveThread(thread('thr_b', 9), other)).rejects.toThrow();
    await expect(store.saveItem('thr_a', item('m2', 2), other)).rejects.toThrow();
    await expect(store.saveItem('thr_a', item('m2', 9), other)).rejects.toThrow();
    expect(await threadIds()).toEqual(['thr_b', 'thr_c', 'thr_a']);
    expect(await itemIds()).toEqual(['m2', 'm3', 'm1']);
    await store.close();
  });

  it('a re-save with an unchanged created_at writes no order-index page', async () => {
    const store = new SqliteStore({ path: join(directory, 'pages.db') });
    const context = { userId: 'u' };
    const thread = {
      id: 'thr_p',
      created_at: '2026-05-19T14:00:00Z',
      status: { type: 'active' as const },
      metadata: {},
    };
    const item: ThreadItem = {
      id: 'm1',
      thread_id: 'thr_p',
      created_at: '2026-05-19T14:00:01Z',
      type: 'end_of_turn',
    };
    await store.saveThread(thread, context);
    await store.addThreadItem('thr_p', item, context);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    await store.saveThread({ ...thread, title: 'again' }, context);
    // (different data: SQLite skips writing a cell rewritten with identical bytes)
    await store.saveItem('thr_p', { ...item, changed: true } as ThreadItem, context);
    // Pages of the WAL since the checkpoint, by b-tree (the page number heads each 24-byte frame header).
    const { readFileSync } = await import('node:fs');
    const wal = readFileSync(join(directory, 'pages.db-wal'));
    const names = new Map(
      (store.db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]).map(
        (row) => [row.pageno, row.name],
      ),
    );
    const written = new Set<string>();
    for (let offset = 32; offset + 24 <= wal.length; offset += 24 + 4096)
      written.add(names.get(wal.readUInt32BE(offset)) ?? '?');
    expect(written.has('threads')).toBe(true);
    expect(written.has('items')).toBe(true);
    expect(written.has('threads_by_user')).toBe(false);
    expect(written.has('items_by_thread')).toBe(false);
    await store.close();
  });

  it('group-commits the writes of one tick: one transaction, each write settled on its own', async () => {
    const store = new SqliteStore({ path: join(directory, 'group.db') });
    const context = { userId: 'u' };
    const thread = (id: string) => ({
      id,
      created_at: '2026-05-19T14:00:00Z',
      status: { type: 'active' as const },
      metadata: {},
    });
    const item = (id: string, threadId: string): ThreadItem => ({
      id,
      thread_id: threadId,
      created_at: '2026-05-19T14:00:01Z',
      type: 'end_of_turn',
    });
    await store.saveThread(thread('thr_a'), context);
    const commitsBefore = store.commits;
    // Five writes requested in the same tick, one of them for a thread of another user.
    const results = await Promise.allSettled([
      store.saveThread(thread('thr_b'), context),
      store.addThreadItem('thr_a', item('m1', 'thr_a'), context),
      store.addThreadItem('thr_a', item('m2', 'thr_a'), context),
      store.addThreadItem('thr_a', item('m3', 'thr_a'), { userId: 'someone-else' }),
      store.saveItem('thr_a', item('m1', 'thr_a'), context),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(store.commits - commitsBefore).toBe(1);
    const items = await store.loadThreadItems('thr_a', { limit: 10, order: 'asc' }, context);
    expect(items.data.map((row) => row.id)).toEqual(['m1', 'm2']);
    expect((await store.loadThread('thr_b', context)).id).toBe('thr_b');
    await store.close();
  });

  it('reads its own queued writes and commits them before closing', async () => {
    const path = join(directory, 'queued.db');
    const store = new SqliteStore({ path });
    const context = { userId: 'u' };
    const saved = store.saveThread(
      { id: 'thr_q', created_at: '2026-05-19T14:00:00Z', status: { type: 'active' }, metadata: {} },
      context,
    );
    // Not awaited yet: a read in the same tick already sees the write.
    expect((await store.loadThread('thr_q', context)).id).toBe('thr_q');
    await saved;
    const pending = store.addThreadItem(
      'thr_q',
      { id: 'm1', thread_id: 'thr_q', created_at: '2026-05-19T14:00:01Z', type: 'end_of_turn' },
      context,
    );
    await store.close();
    await pending;
    const reopened = new SqliteStore({ path });
    const items = await reopened.loadThreadItems('thr_q', { limit: 10, order: 'asc' }, context);
    expect(items.data.map((row) => row.id)).toEqual(['m1']);
    await reopened.close();
  });
});
