/**
 * `SqliteStore`: the embedded default {@link Store}, one SQLite file (better-sqlite3, WAL mode).
 *
 * Layout: `threads`, `items` and `attachments` tables, each row owned by a `user_id`, the record kept as
 * JSON in `data`. Order is (`created_ms`, `seq`): `created_ms` is `created_at` in epoch milliseconds (the
 * wire strings come in several shapes, so they cannot be compared as text) and `seq` is an insertion
 * counter that breaks ties, so items created in the same millisecond keep their order. `seq` is the
 * table's integer primary key: it increases monotonically (globally, hence within every thread) and an
 * upsert keeps it, so a replaced item keeps its position. Paging is keyset pagination on
 * (`created_ms`, `seq`) through a covering index, so a page costs O(limit) whatever the thread length.
 *
 * The SQL is plain (row values, `ON CONFLICT … DO UPDATE`, `?` parameters) so that a PostgreSQL store can
 * reuse it with `$n` parameters and `BIGSERIAL`.
 *
 * Writes are group-committed: every write requested in one turn of the event loop (the thread, user message
 * and finished answer of all the turns streaming at that moment) is applied in one transaction when the
 * turn ends, and each write's promise resolves only after that transaction committed, so what a caller saw
 * acknowledged is on disk exactly as with one commit per write. A commit costs a WAL append of every page it
 * touched; sharing it keeps the cost per turn flat (or falling) as concurrency rises instead of growing with
 * it. Reads first commit any queued writes, so the store reads its own writes whatever the order of calls.
 *
 * @module
 */
import type Database from 'better-sqlite3';
import type { Page, ThreadItem, ThreadMetadata } from '../../src/protocol/types.js';
import type { PageParams, RequestContext, Store, StoredAttachment } from './store.js';
import { NotFoundError } from './store.js';
import { createdMs, toPage } from './rows.js';
import { openSqliteFile } from './sqlite-open.js';

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * The database file, e.g. `<CHATKIT_DATA_DIR>/chatkit.db` (its directory is created when missing);
   * `:memory:` for a throwaway database.
   */
  path: string;
  /**
   * Durability of a commit. `normal` (default, the usual setting with WAL): commits survive a crash of the
   * server process; a power loss or OS crash may lose the last moments. `full`: an fsync per commit, which
   * also survives power loss at a large cost per write.
   */
  synchronous?: 'normal' | 'full';
  /** WAL pages between automatic checkpoints (default 8000, 32 MB; SQLite's own default is 1000). */
  walAutocheckpoint?: number;
  /**
   * The connection's page cache in KiB (default 16384, 16 MiB; SQLite's own default is 2 MiB). Filled as pages
   * are read, so a new or small database takes no more memory than it needs.
   */
  cacheSizeKb?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS threads (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS threads_by_user ON threads (user_id, created_ms, seq);
CREATE TABLE IF NOT EXISTS items (
  seq INTEGER PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  type TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (thread_id, id)
);
CREATE INDEX IF NOT EXISTS items_by_thread ON items (thread_id, created_ms, seq);
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  data TEXT NOT NULL
);
`;

type Cursor = { created_ms: number; seq: number };

/** A write waiting for the next group commit. */
interface QueuedWrite {
  apply(): void;
  resolve(): void;
  reject(error: unknown): void;
}

/** A {@link Store} in one SQLite file. */
export class SqliteStore<C extends RequestContext = RequestContext> implements Store<C> {
  /** The underlying connection (exposed for tests and maintenance, e.g. `EXPLAIN QUERY PLAN`). */
  readonly db: Database.Database;
  private readonly sql;
  /** Writes waiting for the group commit at the end of this turn of the event loop. */
  private queued: QueuedWrite[] = [];
  private commitScheduled = false;
  private readonly commitQueued = () => this.commit();
  /** Writes are queued and applied in call order (see {@link Store.ordersWrites}). */
  readonly ordersWrites = true;
  /** Group commits made so far (diagnostics; the tests check that one tick's writes share one). */
  commits = 0;
  /** Applies a batch of writes in one transaction (made once: better-sqlite3 builds a wrapper per call). */
  private readonly applyBatch: (writes: QueuedWrite[], failures: Map<QueuedWrite, unknown>) => void;

  constructor(options: SqliteStoreOptions) {
    this.db = openSqliteFile(options.path);
    // In WAL mode NORMAL syncs at checkpoints instead of at every commit: a committed turn survives a crash
    // of the process (the WAL is in the OS's hands), and the file is never corrupted; only a power loss or
    // OS crash may roll back the last commits. `synchronous: 'full'` restores an fsync per commit.
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    // A checkpoint (WAL pages copied into the database file, with an fsync of each under NORMAL) every 8,000
    // pages (32 MB of WAL) instead of SQLite's 1,000: a page rewritten by many commits between two checkpoints
    // is copied once, and the fsyncs that stall the event loop come 8 × less often. Readers are unaffected
    // (the WAL index is a hash table); the WAL file stays around 32 MB once it has grown.
    this.db.pragma(`wal_autocheckpoint = ${options.walAutocheckpoint ?? 8000}`);
    // A turn touches index leaves at random positions (thread and item ids, users): with SQLite's 2 MiB cache
    // a database past ~50 MB reads most of them back from the file (a read and a copy each) at every write.
    // 16 MiB keeps the inner pages and the recent leaves of a ~100 MB database in memory: the store's CPU per
    // turn fell from ~75 to ~55 µs in a store-only run of 60,000 turns (bench notes in the README).
    this.db.pragma(`cache_size = ${-Math.max(1, Math.round(options.cacheSizeKb ?? 16384))}`);
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.applyBatch = db.transaction((writes: QueuedWrite[], failures: Map<QueuedWrite, unknown>) => {
      for (const write of writes) {
        try {
          write.apply();
        } catch (error) {
          // A refused write (missing or foreign row) changed nothing; the others go ahead.
          if (!(error instanceof NotFoundError)) throw error;
          failures.set(write, error);
        }
      }
    });
    this.sql = {
      threadOwned: db.prepare<[string, string], { data: string }>(
        'SELECT data FROM threads WHERE id = ? AND user_id = ?',
      ),
      threadOwner: db.prepare<[string], { user_id: string }>('SELECT user_id FROM threads WHERE id = ?'),
      // The per-turn writes take positional parameters: binding named ones costs a property lookup each.
      // A re-save leaves `created_ms` alone when it is unchanged (the usual case): SQLite rewrites the entry of
      // every index holding a column named in SET, whatever its value, so naming `created_ms` would write a
      // `threads_by_user` leaf per re-save for nothing. A changed `created_ms` goes through `moveThread`.
      upsertThread: db.prepare<[string, string, number, string]>(
        `INSERT INTO threads (id, user_id, created_ms, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data
         WHERE threads.user_id = excluded.user_id AND threads.created_ms = excluded.created_ms`,
      ),
      moveThread: db.prepare<[number, string, string, string]>(
        'UPDATE threads SET created_ms = ?, data = ? WHERE id = ? AND user_id = ?',
      ),
      deleteThread: db.prepare('DELETE FROM threads WHERE id = ? AND user_id = ?'),
      threadCursor: db.prepare<[string, string], Cursor>(
        'SELECT created_ms, seq FROM threads WHERE id = ? AND user_id = ?',
      ),
      threadsAsc: db.prepare<[string, number, number, number], { data: string }>(
        `SELECT data FROM threads WHERE user_id = ? AND (created_ms, seq) > (?, ?)
         ORDER BY created_ms ASC, seq ASC LIMIT ?`,
      ),
      threadsDesc: db.prepare<[string, number, number, number], { data: string }>(
        `SELECT data FROM threads WHERE user_id = ? AND (created_ms, seq) < (?, ?)
         ORDER BY created_ms DESC, seq DESC LIMIT ?`,
      ),
      itemCursor: db.prepare<[string, string], Cursor>(
        'SELECT created_ms, seq FROM items WHERE thread_id = ? AND id = ?',
      ),
      itemsAsc: db.prepare<[string, number, number, number], { data: string }>(
        `SELECT data FROM items WHERE thread_id = ? AND (created_ms, seq) > (?, ?)
         ORDER BY created_ms ASC, seq ASC LIMIT ?`,
      ),
      itemsDesc: db.prepare<[string, number, number, number], { data: string }>(
        `SELECT data FROM items WHERE thread_id = ? AND (created_ms, seq) < (?, ?)
         ORDER BY created_ms DESC, seq DESC LIMIT ?`,
      ),
      // One statement checks the owner and writes: no separate ownership query (and JSON parse) per item.
      // Parameters: thread_id, id, user_id, type, created_ms, data, then thread_id and user_id again.
      upsertItem: db.prepare<[string, string, string, string, number, string, string, string]>(
        `INSERT INTO items (thread_id, id, user_id, type, created_ms, data)
         SELECT ?, ?, ?, ?, ?, ?
         WHERE EXISTS (SELECT 1 FROM threads WHERE id = ? AND user_id = ?)
         ON CONFLICT (thread_id, id) DO UPDATE SET type = excluded.type, data = excluded.data
         WHERE items.created_ms = excluded.created_ms`,
      ),
      // An item re-saved with another `created_at` (rare): `upsertItem` leaves it, this moves it.
      // Parameters: type, created_ms, data, thread_id, id, then thread_id and user_id for the owner check.
      moveItem: db.prepare<[string, number, string, string, string, string, string]>(
        `UPDATE items SET type = ?, created_ms = ?, data = ? WHERE thread_id = ? AND id = ?
         AND EXISTS (SELECT 1 FROM threads WHERE id = ? AND user_id = ?)`,
      ),
      threadExists: db.prepare<[string, string], { one: number }>(
        'SELECT 1 AS one FROM threads WHERE id = ? AND user_id = ?',
      ),
      loadItem: db.prepare<[string, string], { data: string }>(
        'SELECT data FROM items WHERE thread_id = ? AND id = ?',
      ),
      deleteItem: db.prepare('DELETE FROM items WHERE thread_id = ? AND id = ?'),
      upsertAttachment: db.prepare(
        `INSERT INTO attachments (id, user_id, data) VALUES (@id, @user_id, @data)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data WHERE attachments.user_id = excluded.user_id`,
      ),
      loadAttachment: db.prepare<[string, string], { data: string }>(
        'SELECT data FROM attachments WHERE id = ? AND user_id = ?',
      ),
      deleteAttachment: db.prepare('DELETE FROM attachments WHERE id = ? AND user_id = ?'),
    };
  }

  private ownThread(threadId: string, context: C): ThreadMetadata {
    this.commit();
    const row = this.sql.threadOwned.get(threadId, context.userId);
    if (!row) throw new NotFoundError('thread', threadId);
    return JSON.parse(row.data) as ThreadMetadata;
  }

  /** Ownership check without loading (and parsing) the thread. */
  private assertOwnThread(threadId: string, context: C): void {
    this.commit();
    if (!this.sql.threadExists.get(threadId, context.userId)) throw new NotFoundError('thread', threadId);
  }

  async loadThread(threadId: string, context: C): Promise<ThreadMetadata> {
    return this.ownThread(threadId, context);
  }

  async saveThread(thread: ThreadMetadata, context: C): Promise<void> {
    const { id } = thread;
    const userId = context.userId;
    const ms = createdMs(thread.created_at);
    const data = JSON.stringify(thread);
    return this.write(() => {
      // The conflict clause skips another user's row: report it like a missing thread, never overwrite it.
      if (
        this.sql.upsertThread.run(id, userId, ms, data).changes === 0 &&
        this.sql.moveThread.run(ms, data, id, userId).changes === 0
      )
        throw new NotFoundError('thread', id);
    });
  }

  async loadThreads(params: PageParams, context: C): Promise<Page<ThreadMetadata>> {
    this.commit();
    const cursor = this.cursor(
      params,
      () => this.sql.threadCursor.get(params.after!, context.userId),
      'thread',
    );
    const statement = params.order === 'asc' ? this.sql.threadsAsc : this.sql.threadsDesc;
    return toPage(
      statement.all(context.userId, cursor.created_ms, cursor.seq, params.limit + 1),
      params.limit,
    );
  }

  async deleteThread(threadId: string, context: C): Promise<void> {
    return this.write(() => {
      // Items go with the thread (ON DELETE CASCADE).
      if (this.sql.deleteThread.run(threadId, context.userId).changes === 0)
        throw new NotFoundError('thread', threadId);
    });
  }

  async loadThreadItems(threadId: string, params: PageParams, context: C): Promise<Page<ThreadItem>> {
    this.assertOwnThread(threadId, context);
    const cursor = this.cursor(params, () => this.sql.itemCursor.get(threadId, params.after!), 'item');
    const statement = params.order === 'asc' ? this.sql.itemsAsc : this.sql.itemsDesc;
    return toPage(statement.all(threadId, cursor.created_ms, cursor.seq, params.limit + 1), params.limit);
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    // An id that already exists is updated in place (same as saveItem) rather than duplicated.
    return this.upsertItem(threadId, item, context);
  }

  async saveItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    return this.upsertItem(threadId, item, context);
  }

  private upsertItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    // Serialized now: the caller may change its object once the call returned.
    const { id, type } = item;
    const userId = context.userId;
    const ms = createdMs(item.created_at);
    const data = JSON.stringify(item);
    return this.write(() => {
      if (
        this.sql.upsertItem.run(threadId, id, userId, type, ms, data, threadId, userId).changes === 0 &&
        this.sql.moveItem.run(type, ms, data, threadId, id, threadId, userId).changes === 0
      )
        throw new NotFoundError('thread', threadId);
    });
  }

  async loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem> {
    this.assertOwnThread(threadId, context);
    const row = this.sql.loadItem.get(threadId, itemId);
    if (!row) throw new NotFoundError('item', itemId);
    return JSON.parse(row.data) as ThreadItem;
  }

  async deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void> {
    return this.write(() => {
      if (!this.sql.threadExists.get(threadId, context.userId)) throw new NotFoundError('thread', threadId);
      this.sql.deleteItem.run(threadId, itemId);
    });
  }

  async saveAttachment(attachment: StoredAttachment, context: C): Promise<void> {
    const row = { id: attachment.id, user_id: context.userId, data: JSON.stringify(attachment) };
    return this.write(() => {
      if (this.sql.upsertAttachment.run(row).changes === 0)
        throw new NotFoundError('attachment', attachment.id);
    });
  }

  async loadAttachment(attachmentId: string, context: C): Promise<StoredAttachment> {
    this.commit();
    const row = this.sql.loadAttachment.get(attachmentId, context.userId);
    if (!row) throw new NotFoundError('attachment', attachmentId);
    return JSON.parse(row.data) as StoredAttachment;
  }

  async deleteAttachment(attachmentId: string, context: C): Promise<void> {
    return this.write(() => {
      if (this.sql.deleteAttachment.run(attachmentId, context.userId).changes === 0)
        throw new NotFoundError('attachment', attachmentId);
    });
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commit(); // queued writes were promised; they commit before the connection closes
    this.db.close();
  }

  /**
   * Queues a write for the group commit at the end of this turn of the event loop; resolves once it is
   * committed, rejects with its own error (a {@link NotFoundError} of one write never fails the others).
   */
  private write(apply: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ apply, resolve, reject });
      if (!this.commitScheduled) {
        this.commitScheduled = true;
        setImmediate(this.commitQueued);
      }
    });
  }

  /** Commits every queued write in one transaction and settles their promises. */
  private commit(): void {
    this.commitScheduled = false;
    const writes = this.queued;
    if (writes.length === 0) return;
    this.queued = [];
    if (!this.db.open) {
      const closed = new Error('SqliteStore: the database is closed');
      for (const write of writes) write.reject(closed);
      return;
    }
    const failures = new Map<QueuedWrite, unknown>();
    try {
      this.commits++;
      this.applyBatch(writes, failures);
    } catch {
      // A database error rolled the whole batch back: apply each write in its own transaction instead, so
      // the error reaches only the write that caused it.
      for (const write of writes) {
        try {
          this.db.transaction(write.apply)();
          write.resolve();
        } catch (error) {
          write.reject(error);
        }
      }
      return;
    }
    for (const write of writes) {
      if (failures.has(write)) write.reject(failures.get(write));
      else write.resolve();
    }
  }

  /** The keyset position to page from: the `after` row, or before-the-first / after-the-last row. */
  private cursor(params: PageParams, find: () => Cursor | undefined, kind: 'thread' | 'item'): Cursor {
    if (!params.after) {
      return params.order === 'asc'
        ? { created_ms: Number.MIN_SAFE_INTEGER, seq: 0 }
        : { created_ms: Number.MAX_SAFE_INTEGER, seq: 0 };
    }
    const found = find();
    if (!found) throw new NotFoundError(kind, params.after);
    return found;
  }
}
