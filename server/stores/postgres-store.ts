/**
 * `PostgresStore`: the scale-out {@link Store} over PostgreSQL (`pg` pool), selected with `DATABASE_URL`.
 *
 * Same layout and paging as {@link SqliteStore} (server/stores/sqlite-store.ts): rows owned by `user_id`,
 * records as JSON text in `data` (kept verbatim, so what was saved is what is loaded), order by
 * (`created_ms`, `seq`) with `seq` a `BIGSERIAL` that an upsert keeps, keyset pagination on a btree index
 * so a page costs O(limit). Tables live in the `schema` option's schema (default `public`) and are created
 * on first use under an advisory lock, so several server processes can start at once.
 *
 * @module
 */
import pg from 'pg';
import type { Page, ThreadItem, ThreadMetadata } from '../../src/protocol/types.js';
import type { PageParams, RequestContext, Store, StoredAttachment } from './store.js';
import { NotFoundError } from './store.js';
import { createdMs, toPage } from './rows.js';

/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (the `DATABASE_URL`). */
  connectionString?: string;
  /** Or a full pool configuration (host may be a Unix socket directory). */
  pool?: pg.PoolConfig;
  /** Schema holding the tables (created when missing); default `public`. */
  schema?: string;
  /**
   * Called when an idle pooled connection fails (the database restarted or ended it, e.g. a failover or
   * `pg_terminate_backend`). The pool drops that connection and opens a new one for the next query; without
   * this option the error is ignored. Either way the process does not crash: `pg` would otherwise throw it
   * as an unhandled `error` event.
   */
  onIdleError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
// Any constant works: it only serialises concurrent schema creation by several processes.
const SCHEMA_LOCK = 0x636b_7374;

type Cursor = { created_ms: string; seq: string };

const FOREIGN_KEY_VIOLATION = '23503';

/** A {@link Store} in PostgreSQL. */
export class PostgresStore<C extends RequestContext = RequestContext> implements Store<C> {
  /** The connection pool (exposed for tests and maintenance, e.g. `EXPLAIN`). */
  readonly pool: pg.Pool;
  /** The schema-qualified table names. */
  readonly tables: { threads: string; items: string; attachments: string };
  private readonly schema: string;
  private ready: Promise<void> | undefined;

  constructor(options: PostgresStoreOptions) {
    this.schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(this.schema))
      throw new TypeError(`invalid schema name ${JSON.stringify(this.schema)}`);
    this.pool = new pg.Pool(options.pool ?? { connectionString: options.connectionString });
    this.pool.on('error', (error) => options.onIdleError?.(error));
    const q = `"${this.schema}".`;
    this.tables = { threads: `${q}threads`, items: `${q}items`, attachments: `${q}attachments` };
  }

  /** Creates the schema and tables once (idempotent). */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      const { threads, items, attachments } = this.tables;
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
        await client.query(`
          CREATE TABLE IF NOT EXISTS ${threads} (
            seq BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            user_id TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            data TEXT NOT NULL
          );
          CREATE INDEX IF NOT EXISTS threads_by_user ON ${threads} (user_id, created_ms, seq);
          CREATE TABLE IF NOT EXISTS ${items} (
            seq BIGSERIAL PRIMARY KEY,
            thread_id TEXT NOT NULL REFERENCES ${threads} (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            type TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            data TEXT NOT NULL,
            UNIQUE (thread_id, id)
          );
          CREATE INDEX IF NOT EXISTS items_by_thread ON ${items} (thread_id, created_ms, seq);
          CREATE TABLE IF NOT EXISTS ${attachments} (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            data TEXT NOT NULL
          );`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        this.ready = undefined;
        throw error;
      } finally {
        client.release();
      }
    })();
    return this.ready;
  }

  private async query<R extends pg.QueryResultRow>(
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    await this.init();
    // PostgreSQL TEXT cannot hold NUL, and binding one fails with 22021 (a 500 before issue 11). No stored
    // row can contain one either, so a read or delete keyed by such a value matches nothing, as on SQLite.
    // (A write still fails with 22021, which the HTTP layer answers as 400.)
    const hasNul = values.some((value) => typeof value === 'string' && value.includes('\u0000'));
    if (hasNul && /^\s*(SELECT|DELETE)\b/i.test(text)) {
      return { rows: [], rowCount: 0 } as unknown as pg.QueryResult<R>;
    }
    return this.pool.query<R>(text, values);
  }

  private async ownThread(threadId: string, context: C): Promise<ThreadMetadata> {
    const { rows } = await this.query<{ data: string }>(
      `SELECT data FROM ${this.tables.threads} WHERE id = $1 AND user_id = $2`,
      [threadId, context.userId],
    );
    if (rows.length === 0) throw new NotFoundError('thread', threadId);
    return JSON.parse(rows[0].data) as ThreadMetadata;
  }

  async loadThread(threadId: string, context: C): Promise<ThreadMetadata> {
    return this.ownThread(threadId, context);
  }

  async saveThread(thread: ThreadMetadata, context: C): Promise<void> {
    const { threads } = this.tables;
    const result = await this.query(
      `INSERT INTO ${threads} (id, user_id, created_ms, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET created_ms = EXCLUDED.created_ms, data = EXCLUDED.data
       WHERE ${threads}.user_id = EXCLUDED.user_id`,
      [thread.id, context.userId, createdMs(thread.created_at), JSON.stringify(thread)],
    );
    // The conflict clause skips another user's row: report it like a missing thread, never overwrite it.
    if (result.rowCount === 0) throw new NotFoundError('thread', thread.id);
  }

  async loadThreads(params: PageParams, context: C): Promise<Page<ThreadMetadata>> {
    const { threads } = this.tables;
    const cursor = await this.cursor(params, 'thread', () =>
      this.query<Cursor>(`SELECT created_ms, seq FROM ${threads} WHERE id = $1 AND user_id = $2`, [
        params.after,
        context.userId,
      ]),
    );
    const [op, dir] = params.order === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
    const { rows } = await this.query<{ data: string }>(
      `SELECT data FROM ${threads} WHERE user_id = $1 AND (created_ms, seq) ${op} ($2, $3)
       ORDER BY created_ms ${dir}, seq ${dir} LIMIT $4`,
      [context.userId, cursor.created_ms, cursor.seq, params.limit + 1],
    );
    return toPage(rows, params.limit);
  }

  async deleteThread(threadId: string, context: C): Promise<void> {
    // Items go with the thread (ON DELETE CASCADE).
    const result = await this.query(`DELETE FROM ${this.tables.threads} WHERE id = $1 AND user_id = $2`, [
      threadId,
      context.userId,
    ]);
    if (result.rowCount === 0) throw new NotFoundError('thread', threadId);
  }

  async loadThreadItems(threadId: string, params: PageParams, context: C): Promise<Page<ThreadItem>> {
    await this.ownThread(threadId, context);
    const { items } = this.tables;
    const cursor = await this.cursor(params, 'item', () =>
      this.query<Cursor>(`SELECT created_ms, seq FROM ${items} WHERE thread_id = $1 AND id = $2`, [
        threadId,
        params.after,
      ]),
    );
    const [op, dir] = params.order === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
    const { rows } = await this.query<{ data: string }>(
      `SELECT data FROM ${items} WHERE thread_id = $1 AND (created_ms, seq) ${op} ($2, $3)
       ORDER BY created_ms ${dir}, seq ${dir} LIMIT $4`,
      [threadId, cursor.created_ms, cursor.seq, params.limit + 1],
    );
    return toPage(rows, params.limit);
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    // An id that already exists is updated in place (same as saveItem) rather than duplicated.
    await this.saveItem(threadId, item, context);
  }

  async saveItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    // One round trip checks the owner and writes. A thread deleted by another process between the check
    // and the insert fails the foreign key: reported like a missing thread as well.
    let result: pg.QueryResult;
    try {
      result = await this.query(
        `INSERT INTO ${this.tables.items} (thread_id, id, user_id, type, created_ms, data)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE EXISTS (SELECT 1 FROM ${this.tables.threads} WHERE id = $1 AND user_id = $3)
         ON CONFLICT (thread_id, id) DO UPDATE SET type = EXCLUDED.type, created_ms = EXCLUDED.created_ms,
           data = EXCLUDED.data`,
        [threadId, item.id, context.userId, item.type, createdMs(item.created_at), JSON.stringify(item)],
      );
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION)
        throw new NotFoundError('thread', threadId);
      throw error;
    }
    if (result.rowCount === 0) throw new NotFoundError('thread', threadId);
  }

  async loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem> {
    await this.ownThread(threadId, context);
    const { rows } = await this.query<{ data: string }>(
      `SELECT data FROM ${this.tables.items} WHERE thread_id = $1 AND id = $2`,
      [threadId, itemId],
    );
    if (rows.length === 0) throw new NotFoundError('item', itemId);
    return JSON.parse(rows[0].data) as ThreadItem;
  }

  async deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void> {
    await this.ownThread(threadId, context);
    await this.query(`DELETE FROM ${this.tables.items} WHERE thread_id = $1 AND id = $2`, [threadId, itemId]);
  }

  async saveAttachment(attachment: StoredAttachment, context: C): Promise<void> {
    const { attachments } = this.tables;
    const result = await this.query(
      `INSERT INTO ${attachments} (id, user_id, data) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data WHERE ${attachments}.user_id = EXCLUDED.user_id`,
      [attachment.id, context.userId, JSON.stringify(attachment)],
    );
    if (result.rowCount === 0) throw new NotFoundError('attachment', attachment.id);
  }

  async loadAttachment(attachmentId: string, context: C): Promise<StoredAttachment> {
    const { rows } = await this.query<{ data: string }>(
      `SELECT data FROM ${this.tables.attachments} WHERE id = $1 AND user_id = $2`,
      [attachmentId, context.userId],
    );
    if (rows.length === 0) throw new NotFoundError('attachment', attachmentId);
    return JSON.parse(rows[0].data) as StoredAttachment;
  }

  async deleteAttachment(attachmentId: string, context: C): Promise<void> {
    const result = await this.query(`DELETE FROM ${this.tables.attachments} WHERE id = $1 AND user_id = $2`, [
      attachmentId,
      context.userId,
    ]);
    if (result.rowCount === 0) throw new NotFoundError('attachment', attachmentId);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** The keyset position to page from: the `after` row, or before-the-first / after-the-last row. */
  private async cursor(
    params: PageParams,
    kind: 'thread' | 'item',
    find: () => Promise<pg.QueryResult<Cursor>>,
  ): Promise<Cursor> {
    if (!params.after) {
      return params.order === 'asc'
        ? { created_ms: String(Number.MIN_SAFE_INTEGER), seq: '0' }
        : { created_ms: String(Number.MAX_SAFE_INTEGER), seq: '0' };
    }
    const { rows } = await find();
    if (rows.length === 0) throw new NotFoundError(kind, params.after);
    return rows[0];
  }
}
