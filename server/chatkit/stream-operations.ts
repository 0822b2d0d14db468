/**
 * The streaming request types (PROTOCOL.md §8.2–§8.7). Each one validates and loads what it needs first
 * (throwing before any event exists), then returns a lazy, cancellable stream whose writes happen only
 * while it is consumed.
 *
 * @module
 */
import { assertNever } from '../../src/protocol/types.js';
import type {
  StreamingRequest,
  ThreadCreatedEvent,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageInput,
  UserMessageItem,
  WidgetItem,
} from '../../src/protocol/types.js';
import { toWire } from '../../src/protocol/wire.js';
import type { RequestContext, StoredAttachment } from '../stores/store.js';
import { cancellableStream } from './cancellable-stream.js';
import { wireReadyCopy } from './clone.js';
import { HttpError } from './errors.js';
import { adoptRequestAbort, type LazyAbort } from './lazy-abort.js';
import { loadSender, threadWithoutItems } from './json-operations.js';
import { createResponseContext } from './response-context.js';
import { ResponsePhaseTail } from './response-phase.js';
import type { ChatKitServer } from './server.js';
import { answerStructuredInput } from './structured-input.js';
import type { ResponseContext } from './types.js';

type Produce<C extends RequestContext> = (ctx: ResponseContext<C>) => AsyncIterable<ThreadStreamEvent>;

/** Validates a streaming request and returns its event stream. */
export async function prepareStream<C extends RequestContext>(
  server: ChatKitServer<C>,
  request: StreamingRequest,
  context: C,
): Promise<AsyncIterable<ThreadStreamEvent>> {
  const { store } = server;
  // A body ends by returning the response phase (its tail) rather than `yield*`-ing it: see cancellableStream.
  const stream = (
    body: (
      abort: LazyAbort,
    ) => AsyncGenerator<ThreadStreamEvent, AsyncIterable<ThreadStreamEvent> | void, undefined>,
  ) => cancellableStream(body, adoptRequestAbort(context) ?? context.signal); // the router's abort state, if any
  const respondTo = (thread: ThreadMetadata, abort: LazyAbort, produce: Produce<C>) =>
    responsePhase(server, thread, context, abort, produce);

  switch (request.type) {
    case 'threads.create': {
      const { input } = request.params;
      const attachments = await loadAttachments(server, input, context);
      return stream(async function* (abort) {
        const thread: ThreadMetadata = {
          id: server.generateId('thread'),
          created_at: server.now(),
          status: { type: 'active' },
          metadata: {},
        };
        let message: UserMessageItem;
        if (store.ordersWrites && attachments.length === 0) {
          // The thread and its first message in one commit (the store applies them in this order): each
          // commit of a turn is a WAL append and a socket write of its own for the events it held back.
          message = userMessage(server, thread, input, []);
          await Promise.all([
            store.saveThread(thread, context),
            store.addThreadItem(thread.id, message, context),
          ]);
          yield threadCreated(thread);
        } else {
          await store.saveThread(thread, context);
          yield toWire({ type: 'thread.created', thread: threadWithoutItems(thread) });
          message = await addUserMessage(server, thread, input, attachments, context);
        }
        yield userMessageDone(message);
        return respondTo(thread, abort, (ctx) => server.respond(thread, message, ctx));
      });
    }
    case 'threads.add_user_message': {
      const { thread_id, input } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const attachments = await loadAttachments(server, input, context);
      return stream(async function* (abort) {
        const message = await addUserMessage(server, thread, input, attachments, context);
        yield userMessageDone(message);
        return respondTo(thread, abort, (ctx) => server.respond(thread, message, ctx));
      });
    }
    case 'threads.add_client_tool_output': {
      const thread = await store.loadThread(request.params.thread_id, context);
      // §8.5: only the newest stored item counts, hidden items included.
      const newest = (await store.loadThreadItems(thread.id, { limit: 1, order: 'desc' }, context)).data[0];
      if (newest?.type !== 'client_tool_call' || newest.status !== 'pending') {
        throw new HttpError(409, 'conflict', 'no pending client tool call in this thread');
      }
      const { result } = request.params;
      // eslint-disable-next-line require-yield -- the events come from the returned tail
      return stream(async function* (abort) {
        await store.saveItem(thread.id, { ...newest, status: 'completed', output: result }, context);
        const recent = await store.loadThreadItems(thread.id, { limit: 20, order: 'desc' }, context);
        for (const item of recent.data) {
          if (item.id !== newest.id && item.type === 'client_tool_call' && item.status === 'pending') {
            await store.deleteThreadItem(thread.id, item.id, context);
          }
        }
        return respondTo(thread, abort, (ctx) => server.respond(thread, null, ctx));
      });
    }
    case 'threads.add_structured_input': {
      const { thread_id, item_id, input } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const item = await store.loadItem(thread.id, item_id, context);
      if (item.type !== 'structured_input') {
        throw new HttpError(400, 'invalid_request', 'params.item_id: the item is not a structured_input');
      }
      if (item.status !== 'pending')
        throw new HttpError(409, 'conflict', 'the structured input is not pending');
      const answered = answerStructuredInput(item, input, (id) =>
        server.logger.warn({ questionId: id }, 'chatkit: answer for an unknown question ignored'),
      );
      // eslint-disable-next-line require-yield -- the events come from the returned tail
      return stream(async function* (abort) {
        return respondTo(thread, abort, (ctx) =>
          prepend(ctx.events.replaced(answered), () => server.respond(thread, null, ctx)),
        );
      });
    }
    case 'threads.retry_after_item': {
      const { thread_id, item_id } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const { target, newer } = await findRetryTarget(server, thread, item_id, context);
      // eslint-disable-next-line require-yield -- the events come from the returned tail
      return stream(async function* (abort) {
        // §8.7: deleted silently; the client prunes its own copy.
        for (const id of newer) await store.deleteThreadItem(thread.id, id, context);
        return respondTo(thread, abort, (ctx) => server.respond(thread, target, ctx));
      });
    }
    case 'threads.custom_action': {
      const { thread_id, item_id, action } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const sender = await loadSender(server, thread.id, item_id, context);
      if (sender && sender.type !== 'widget') {
        // §2.6: the reference answers a single error event, without stream_options; kept for compatibility.
        return stream(async function* () {
          yield { type: 'error', code: 'stream.error', allow_retry: false };
        });
      }
      // eslint-disable-next-line require-yield -- the events come from the returned tail
      return stream(async function* (abort) {
        return respondTo(thread, abort, (ctx) =>
          server.action(thread, action, sender as WidgetItem | null, ctx),
        );
      });
    }
    default:
      return assertNever(request);
  }
}

function responsePhase<C extends RequestContext>(
  server: ChatKitServer<C>,
  thread: ThreadMetadata,
  context: C,
  abort: LazyAbort,
  produce: Produce<C>,
) {
  const { store, generateId, clock } = server;
  const ctx = createResponseContext({ context, store, thread, signal: abort, generateId, clock });
  return new ResponsePhaseTail(server, { thread, context, abort, produce: () => produce(ctx) });
}

/**
 * `thread.created` for a thread `threads.create` just made (id, time, active status, no title or metadata):
 * `toWire`'s exact result (metadata emptied and last, no items), built without its walk.
 */
export function threadCreated(thread: ThreadMetadata): ThreadCreatedEvent {
  const { id, created_at } = thread;
  const keys = Object.keys(thread);
  if (
    typeof id !== 'string' ||
    typeof created_at !== 'string' ||
    thread.status.type !== 'active' ||
    keys.length !== 4 ||
    keys[0] !== 'id' ||
    keys[1] !== 'created_at' ||
    keys[2] !== 'status' ||
    keys[3] !== 'metadata' ||
    Object.keys(thread.status).length !== 1
  )
    return toWire({ type: 'thread.created', thread: threadWithoutItems(thread) });
  return {
    type: 'thread.created',
    thread: {
      id,
      created_at,
      status: { type: 'active' },
      items: { data: [], has_more: false },
      metadata: {},
    },
  };
}

/** The `thread.item.done` of a user message, in its wire form (a copy: the responder gets the message too). */
function userMessageDone(message: UserMessageItem): ThreadStreamEvent {
  const event: ThreadStreamEvent = { type: 'thread.item.done', item: message };
  return wireReadyCopy(event) ?? toWire(event);
}

/** Yields `first`, then the responder's events; the responder starts only after `first` was persisted. */
async function* prepend(first: ThreadStreamEvent, rest: () => AsyncIterable<ThreadStreamEvent>) {
  yield first;
  yield* rest();
}

/** Loads every referenced attachment up front, so a bad id is a 404 before the stream starts. */
async function loadAttachments<C extends RequestContext>(
  server: ChatKitServer<C>,
  input: UserMessageInput,
  context: C,
): Promise<StoredAttachment[]> {
  const ids = [...new Set(input.attachments)];
  return Promise.all(ids.map((id) => server.store.loadAttachment(id, context)));
}

/** Builds and stores the user message of §8.2 step 3; attachments are embedded and bound to the thread. */
async function addUserMessage<C extends RequestContext>(
  server: ChatKitServer<C>,
  thread: ThreadMetadata,
  input: UserMessageInput,
  attachments: StoredAttachment[],
  context: C,
): Promise<UserMessageItem> {
  const bound = attachments.map((attachment) => ({ ...attachment, thread_id: thread.id }));
  for (const attachment of bound) await server.store.saveAttachment(attachment, context);
  const message = userMessage(server, thread, input, bound);
  await server.store.addThreadItem(thread.id, message, context);
  return message;
}

/** The user message of §8.2 step 3, with its attachments already bound to the thread. */
function userMessage<C extends RequestContext>(
  server: ChatKitServer<C>,
  thread: ThreadMetadata,
  input: UserMessageInput,
  bound: StoredAttachment[],
): UserMessageItem {
  const message: UserMessageItem = {
    id: server.generateId('message'),
    thread_id: thread.id,
    created_at: server.now(),
    type: 'user_message',
    content: input.content,
    attachments: bound.length === 0 ? [] : toWire(bound),
    inference_options: input.inference_options ?? {},
  };
  if (input.quoted_text != null) message.quoted_text = input.quoted_text;
  return message;
}

/** Walks the items newest → oldest (pages of 20) until `itemId`; it must be a user message. */
async function findRetryTarget<C extends RequestContext>(
  server: ChatKitServer<C>,
  thread: ThreadMetadata,
  itemId: string,
  context: C,
): Promise<{ target: UserMessageItem; newer: string[] }> {
  const newer: string[] = [];
  let after: string | null | undefined;
  for (;;) {
    const page = await server.store.loadThreadItems(thread.id, { limit: 20, order: 'desc', after }, context);
    for (const item of page.data as ThreadItem[]) {
      if (item.id === itemId) {
        if (item.type !== 'user_message') {
          throw new HttpError(400, 'invalid_request', 'params.item_id: the item is not a user_message');
        }
        return { target: item, newer };
      }
      newer.push(item.id);
    }
    if (!page.has_more || !page.after) break;
    after = page.after;
  }
  // Deliberate difference: the reference answers an empty stream; a 404 tells the client what happened.
  throw new HttpError(404, 'not_found', `item ${JSON.stringify(itemId)} not found`);
}
