/**
 * The persistence contract of the ChatKit server: threads, items and attachments, each operation scoped
 * by the request context's user id. Every store (memory, SQLite, PostgreSQL) implements this interface and
 * passes the shared contract suite in test/server/stores/store-contract.ts.
 *
 * All methods are async so that network-backed stores (PostgreSQL) fit the same interface.
 *
 * @module
 */
import type { Attachment, Page, ThreadItem, ThreadMetadata } from '../../src/protocol/types.js';

/**
 * What the server knows about the caller. `userId` scopes every store operation; integrators derive it
 * from a header, cookie or token and may add their own fields.
 */
export interface RequestContext {
  /** The owner of the threads, items and attachments touched by this request. */
  userId: string;
  /** Aborted when the client disconnects or the request is otherwise cancelled. */
  signal?: AbortSignal;
  [key: string]: unknown;
}

/** Sort order of a page. */
export type Order = 'asc' | 'desc';

/** Paging parameters; `after` is the id of the last element of the previous page. */
export interface PageParams {
  limit: number;
  order: Order;
  after?: string | null;
}

/** A stored attachment: the wire shape plus integration-private metadata that is never sent. */
export type StoredAttachment = Attachment & { metadata?: Record<string, unknown> | null };

/**
 * Raised when a thread, item or attachment does not exist **for this user**. A record owned by another
 * user is reported exactly like a missing one, so ids leak nothing.
 */
export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(
    readonly kind: 'thread' | 'item' | 'attachment',
    readonly id: string,
  ) {
    super(`${kind} ${JSON.stringify(id)} not found`);
    this.name = 'NotFoundError';
  }
}

/** The store contract. Every method sees only the records of `context.userId`. */
export interface Store<C extends RequestContext = RequestContext> {
  /** Loads a thread's metadata (private `metadata` included). Throws {@link NotFoundError}. */
  loadThread(threadId: string, context: C): Promise<ThreadMetadata>;
  /** Inserts or updates a thread's metadata. Creating binds the thread to `context.userId`. */
  saveThread(thread: ThreadMetadata, context: C): Promise<void>;
  /** Pages the user's threads by `created_at` (ties broken by insertion order). */
  loadThreads(params: PageParams, context: C): Promise<Page<ThreadMetadata>>;
  /** Deletes a thread with its items. Throws {@link NotFoundError}. */
  deleteThread(threadId: string, context: C): Promise<void>;

  /**
   * Pages a thread's items by `created_at` (ties broken by insertion order). Costs O(limit), not
   * O(thread length). Hidden items are included (the server filters them). Throws {@link NotFoundError}
   * when the thread is not the user's.
   */
  loadThreadItems(threadId: string, params: PageParams, context: C): Promise<Page<ThreadItem>>;
  /** Appends an item to a thread. */
  addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void>;
  /** Inserts or replaces an item by id, keeping its position when it exists. */
  saveItem(threadId: string, item: ThreadItem, context: C): Promise<void>;
  /** Loads one item. Throws {@link NotFoundError}. */
  loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem>;
  /** Deletes one item; deleting a missing item is not an error. */
  deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void>;

  /** Inserts or updates an attachment record. */
  saveAttachment(attachment: StoredAttachment, context: C): Promise<void>;
  /** Loads an attachment record. Throws {@link NotFoundError}. */
  loadAttachment(attachmentId: string, context: C): Promise<StoredAttachment>;
  /** Deletes an attachment record. Throws {@link NotFoundError}. */
  deleteAttachment(attachmentId: string, context: C): Promise<void>;

  /** Releases connections and file handles. */
  close?(): Promise<void>;

  /**
   * `true` when writes are applied in the order they were called even if the caller did not wait for one
   * before calling the next, so a write may rely on an earlier one still in flight (one connection: the
   * memory and SQLite stores). The server then stores a new thread and its first message together, one
   * commit instead of two. Leave it unset when concurrent writes may be reordered (a connection pool).
   */
  readonly ordersWrites?: boolean;
}
