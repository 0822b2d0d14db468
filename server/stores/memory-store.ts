/**
 * `MemoryStore`: an in-process {@link Store} for tests, demos and single-process prototypes. Data lives in
 * maps and is lost on restart. Records are deep-copied in and out, so callers can never mutate stored state.
 *
 * @module
 */
import type { Page, ThreadItem, ThreadMetadata } from '../../src/protocol/types.js';
import type { PageParams, RequestContext, Store, StoredAttachment } from './store.js';
import { NotFoundError } from './store.js';
import { createdMs } from './rows.js';
import { cloneRecord } from '../chatkit/clone.js';

interface Row<T> {
  userId: string;
  /** Epoch ms of `created_at`, the primary sort key. */
  createdMs: number;
  /** Insertion order, the tie breaker; kept on upsert so an item keeps its position. */
  seq: number;
  value: T;
}

const copy = cloneRecord;

const sortKey = createdMs;

/** Orders rows by (created_at, seq) and returns the page after the `after` cursor. */
function paginate<T extends { id: string }>(
  rows: Row<T>[],
  params: PageParams,
  kind: 'thread' | 'item',
): Page<T> {
  const sorted = [...rows].sort((a, b) => a.createdMs - b.createdMs || a.seq - b.seq);
  if (params.order === 'desc') sorted.reverse();
  let start = 0;
  if (params.after) {
    const index = sorted.findIndex((row) => row.value.id === params.after);
    if (index < 0) throw new NotFoundError(kind, params.after);
    start = index + 1;
  }
  const slice = sorted.slice(start, start + params.limit);
  const hasMore = start + params.limit < sorted.length;
  const page: Page<T> = { data: slice.map((row) => copy(row.value)), has_more: hasMore };
  if (hasMore && slice.length > 0) page.after = slice[slice.length - 1].value.id;
  return page;
}

/** A {@link Store} kept in memory. */
export class MemoryStore<C extends RequestContext = RequestContext> implements Store<C> {
  private readonly threads = new Map<string, Row<ThreadMetadata>>();
  private readonly items = new Map<string, Map<string, Row<ThreadItem>>>();
  private readonly attachments = new Map<string, { userId: string; value: StoredAttachment }>();
  private seq = 0;
  /** Every write is applied when it is called (see {@link Store.ordersWrites}). */
  readonly ordersWrites = true;

  private ownThread(threadId: string, context: C): Row<ThreadMetadata> {
    const row = this.threads.get(threadId);
    if (!row || row.userId !== context.userId) throw new NotFoundError('thread', threadId);
    return row;
  }

  async loadThread(threadId: string, context: C): Promise<ThreadMetadata> {
    return copy(this.ownThread(threadId, context).value);
  }

  async saveThread(thread: ThreadMetadata, context: C): Promise<void> {
    const existing = this.threads.get(thread.id);
    if (existing && existing.userId !== context.userId) throw new NotFoundError('thread', thread.id);
    this.threads.set(thread.id, {
      userId: context.userId,
      createdMs: sortKey(thread.created_at),
      seq: existing?.seq ?? ++this.seq,
      value: copy(thread),
    });
    if (!this.items.has(thread.id)) this.items.set(thread.id, new Map());
  }

  async loadThreads(params: PageParams, context: C): Promise<Page<ThreadMetadata>> {
    const rows = [...this.threads.values()].filter((row) => row.userId === context.userId);
    return paginate(rows, params, 'thread');
  }

  async deleteThread(threadId: string, context: C): Promise<void> {
    this.ownThread(threadId, context);
    this.threads.delete(threadId);
    this.items.delete(threadId);
  }

  async loadThreadItems(threadId: string, params: PageParams, context: C): Promise<Page<ThreadItem>> {
    this.ownThread(threadId, context);
    return paginate([...(this.items.get(threadId)?.values() ?? [])], params, 'item');
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    // An id that already exists is updated in place (same as saveItem) rather than duplicated.
    await this.saveItem(threadId, item, context);
  }

  async saveItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    this.ownThread(threadId, context);
    const rows = this.items.get(threadId)!;
    const existing = rows.get(item.id);
    rows.set(item.id, {
      userId: context.userId,
      createdMs: sortKey(item.created_at),
      seq: existing?.seq ?? ++this.seq,
      value: copy(item),
    });
  }

  async loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem> {
    this.ownThread(threadId, context);
    const row = this.items.get(threadId)?.get(itemId);
    if (!row) throw new NotFoundError('item', itemId);
    return copy(row.value);
  }

  async deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void> {
    this.ownThread(threadId, context);
    this.items.get(threadId)?.delete(itemId);
  }

  async saveAttachment(attachment: StoredAttachment, context: C): Promise<void> {
    const existing = this.attachments.get(attachment.id);
    if (existing && existing.userId !== context.userId) throw new NotFoundError('attachment', attachment.id);
    this.attachments.set(attachment.id, { userId: context.userId, value: copy(attachment) });
  }

  async loadAttachment(attachmentId: string, context: C): Promise<StoredAttachment> {
    const row = this.attachments.get(attachmentId);
    if (!row || row.userId !== context.userId) throw new NotFoundError('attachment', attachmentId);
    return copy(row.value);
  }

  async deleteAttachment(attachmentId: string, context: C): Promise<void> {
    await this.loadAttachment(attachmentId, context);
    this.attachments.delete(attachmentId);
  }

  async close(): Promise<void> {}
}
