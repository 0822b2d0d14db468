/**
 * The non-streaming request types (PROTOCOL.md §2.7–§2.16, §3, §8.11, §8.12).
 *
 * @module
 */
import type {
  NonStreamingRequest,
  Page,
  ThreadItem,
  ThreadMetadata,
  WidgetItem,
} from '../../src/protocol/types.js';
import { assertNever, isHiddenItem } from '../../src/protocol/types.js';
import { toWire } from '../../src/protocol/wire.js';
import type { RequestContext } from '../stores/store.js';
import { HttpError } from './errors.js';
import { createResponseContext } from './response-context.js';
import type { ChatKitServer } from './server.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** `limit` null/0 → 20 (§8.11); larger values are capped so one request cannot ask for everything. */
export function pageLimit(limit: number | null | undefined): number {
  if (!limit || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

/** A thread as sent in lists, updates and thread events: the metadata with an empty items page. */
export function threadWithoutItems(thread: ThreadMetadata) {
  return { ...thread, items: { data: [], has_more: false } };
}

/** Removes server-private items after paging (a page may get shorter while `has_more` stays true). */
export function visibleItems(page: Page<ThreadItem>): Page<ThreadItem> {
  return { ...page, data: page.data.filter((item) => !isHiddenItem(item)) };
}

/** Loads the sender of a custom action: null without `item_id`; 400 when it is not a widget. */
export async function loadSender<C extends RequestContext>(
  server: ChatKitServer<C>,
  threadId: string,
  itemId: string | null | undefined,
  context: C,
): Promise<ThreadItem | null> {
  if (itemId == null) return null;
  return server.store.loadItem(threadId, itemId, context);
}

/** Answers one non-streaming request with the JSON body (already in wire form). */
export async function processJsonRequest<C extends RequestContext>(
  server: ChatKitServer<C>,
  request: NonStreamingRequest,
  context: C,
): Promise<unknown> {
  const { store } = server;
  switch (request.type) {
    case 'threads.get_by_id': {
      const thread = await store.loadThread(request.params.thread_id, context);
      // §2.8: the first page in ascending order (the oldest 20), hidden items removed after paging.
      const items = await store.loadThreadItems(thread.id, { limit: DEFAULT_LIMIT, order: 'asc' }, context);
      return toWire({ ...thread, items: visibleItems(items) });
    }
    case 'threads.list': {
      const { limit, order, after } = request.params;
      const page = await store.loadThreads(
        { limit: pageLimit(limit), order: order ?? 'desc', after },
        context,
      );
      return toWire({ ...page, data: page.data.map(threadWithoutItems) });
    }
    case 'threads.update': {
      const thread = await store.loadThread(request.params.thread_id, context);
      thread.title = request.params.title;
      await store.saveThread(thread, context);
      return toWire(threadWithoutItems(thread));
    }
    case 'threads.delete':
      await store.deleteThread(request.params.thread_id, context);
      return {};
    case 'items.list': {
      const { thread_id, limit, order, after } = request.params;
      const page = await store.loadThreadItems(
        thread_id,
        { limit: pageLimit(limit), order: order ?? 'desc', after },
        context,
      );
      return toWire(visibleItems(page));
    }
    case 'items.feedback': {
      // Deliberate difference: the thread must be the caller's (the reference does not check).
      await store.loadThread(request.params.thread_id, context);
      const { thread_id, item_ids, kind } = request.params;
      await server.addFeedback(thread_id, item_ids, kind, context);
      return {};
    }
    case 'attachments.create': {
      const attachments = requireAttachmentStore(server);
      const { name, size, mime_type } = request.params;
      const record = await attachments.createAttachment(
        { id: server.generateId('attachment'), name, size, mime_type },
        context,
      );
      await store.saveAttachment(record, context);
      return toWire(record);
    }
    case 'attachments.delete': {
      const { attachment_id } = request.params;
      // Load first so another user's attachment is a 404 and its bytes are never touched.
      await store.loadAttachment(attachment_id, context);
      // Bytes first, then the record (§8.12); without an attachment store there are no bytes to delete.
      await server.attachmentStore?.deleteAttachment(attachment_id, context);
      await store.deleteAttachment(attachment_id, context);
      return {};
    }
    case 'input.transcribe': {
      const audio = decodeBase64(request.params.audio_base64);
      const result = await server.transcribe(audio, request.params.mime_type, context);
      return toWire({ text: String(result.text ?? '') });
    }
    case 'threads.sync_custom_action': {
      const { thread_id, item_id, action } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const sender = await loadSender(server, thread.id, item_id, context);
      if (sender && sender.type !== 'widget') {
        throw new HttpError(400, 'invalid_request', 'params.item_id: the item is not a widget');
      }
      const ctx = createResponseContext({
        context,
        store,
        thread,
        signal: context.signal ?? new AbortController().signal,
        generateId: server.generateId,
        clock: server.clock,
      });
      const result = await server.syncAction(thread, action, sender as WidgetItem | null, ctx);
      const updated = result?.updated_item ?? null;
      if (!updated) return {};
      // Deliberate difference: the replacement is persisted, so it survives a reload.
      await store.saveItem(thread.id, updated, context);
      return toWire({ updated_item: updated });
    }
    default:
      return assertNever(request);
  }
}

function requireAttachmentStore<C extends RequestContext>(server: ChatKitServer<C>) {
  if (!server.attachmentStore) {
    throw new HttpError(501, 'not_implemented', 'attachments are not supported by this server');
  }
  return server.attachmentStore;
}

/**
 * Decodes base64 with web-standard `atob` (no Node `Buffer`: the core also runs in browsers and other
 * runtimes). Invalid input is the caller's error (400), where `Buffer` would have decoded garbage.
 */
function decodeBase64(value: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(value.replace(/\s+/g, ''));
  } catch {
    throw new HttpError(400, 'invalid_request', 'audio_base64 is not valid base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
