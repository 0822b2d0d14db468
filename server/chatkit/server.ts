/**
 * `ChatKitServer`: the framework-agnostic ChatKit server. `process(body, context)` validates a request,
 * performs the pre-flight loads, and answers with a JSON body or a lazy stream of events (PROTOCOL.md §8).
 *
 * Integrations customize it by subclassing (override `respond`, `action`, …) or by passing the same hooks
 * as constructor options. See server/chatkit/README.md for where it deliberately differs from chatkit-python.
 *
 * @module
 */
import type { IdGenerator } from '../../src/protocol/ids.js';
import { parseRequest } from '../../src/protocol/schema.js';
import { systemClock, systemScheduler } from '../../src/protocol/time.js';
import { formatClockReading } from './timestamp.js';
import { serverGenerateId } from './ids.js';
import type { Clock, Scheduler } from '../../src/protocol/time.js';
import type {
  Action,
  StreamOptions,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
} from '../../src/protocol/types.js';
import { assertNever } from '../../src/protocol/types.js';
import type { RequestContext, Store } from '../stores/store.js';
import { NotFoundError } from '../stores/store.js';
import type { AttachmentStore } from './attachment-store.js';
import { HttpError } from './errors.js';
import { processJsonRequest } from './json-operations.js';
import { parsePlainTurnRequest } from './request-fast-path.js';
import { prepareStream } from './stream-operations.js';
import type {
  ChatKitLogger,
  ChatKitServerOptions,
  ProcessResult,
  ResponseContext,
  SyncActionResult,
} from './types.js';

/** The hidden note inserted after a cancelled stream (§8.8). */
export const CANCELLED_STREAM_NOTE = 'The user cancelled the stream. Stop responding to the prior request.';

const consoleLogger: ChatKitLogger = {
  error: (details, message) => console.error(message ?? 'chatkit error', details),
  warn: (details, message) => console.warn(message ?? 'chatkit warning', details),
  debug: () => {},
};

/** Whether an assistant message has any non-blank text (worth keeping after a cancel). */
function hasText(item: ThreadItem): boolean {
  return item.type === 'assistant_message' && item.content.some((part) => part.text.trim() !== '');
}

/**
 * The ChatKit server. `C` is the integration's request context (at least `{ userId }`).
 *
 * @example
 * const server = new ChatKitServer({ store, async *respond(thread, input, ctx) {
 *   yield ctx.events.done(ctx.assistantMessage('Hello!'));
 * } });
 * const result = await server.process(body, { userId: 'u1', signal });
 */
export class ChatKitServer<C extends RequestContext = RequestContext> {
  readonly store: Store<C>;
  readonly attachmentStore: AttachmentStore<C> | undefined;
  readonly generateId: IdGenerator;
  readonly clock: Clock;
  /** Schedules the server's waits (the grace a cancelled responder gets to clean up). */
  readonly scheduler: Scheduler;
  readonly logger: ChatKitLogger;
  /** Clean-ups of cancelled streams still running, by thread id (see `process`). */
  readonly #cleanups = new Map<string, Promise<void>>();

  constructor(options: ChatKitServerOptions<C>) {
    this.store = options.store;
    this.attachmentStore = options.attachmentStore;
    this.generateId = options.generateId ?? serverGenerateId;
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.logger = options.logger ?? consoleLogger;
    // Hooks passed as options shadow the prototype methods, so composition and subclassing both work.
    if (options.respond) this.respond = options.respond;
    if (options.action) this.action = options.action;
    if (options.syncAction) this.syncAction = options.syncAction;
    if (options.addFeedback) {
      const hook = options.addFeedback;
      this.addFeedback = async (...args) => hook.apply(this, args);
    }
    if (options.transcribe) this.transcribe = options.transcribe;
    if (options.getStreamOptions) this.getStreamOptions = options.getStreamOptions;
    if (options.handleStreamCancelled) this.handleStreamCancelled = options.handleStreamCancelled;
  }

  /**
   * Handles one request body. Throws {@link HttpError} for invalid input (400), records that are missing or
   * not the caller's (404), and state conflicts (409) — always before any event is produced.
   */
  async process(body: unknown, context: C): Promise<ProcessResult> {
    let request = parsePlainTurnRequest(body);
    if (!request) {
      const parsed = parseRequest(body);
      if (!parsed.ok) throw new HttpError(400, 'invalid_request', parsed.message);
      request = parsed.request;
    }
    // A request on a thread whose cancelled stream is still storing its partial answer (the responder gets up
    // to a second to return) waits for it: "Stop" then a quick reload or next message must see that answer,
    // in the page and in the model's history. One process only; a map lookup when nothing is pending.
    if (this.#cleanups.size) {
      const params = (request as { params?: { thread_id?: unknown } }).params;
      const cleanup =
        typeof params?.thread_id === 'string' ? this.#cleanups.get(params.thread_id) : undefined;
      if (cleanup) await cleanup;
    }
    try {
      switch (request.type) {
        case 'threads.create':
        case 'threads.add_user_message':
        case 'threads.add_client_tool_output':
        case 'threads.add_structured_input':
        case 'threads.retry_after_item':
        case 'threads.custom_action':
          return { kind: 'stream', events: await prepareStream(this, request, context) };
        case 'threads.sync_custom_action':
        case 'threads.get_by_id':
        case 'threads.list':
        case 'threads.update':
        case 'threads.delete':
        case 'items.list':
        case 'items.feedback':
        case 'attachments.create':
        case 'attachments.delete':
        case 'input.transcribe':
          return { kind: 'json', body: await processJsonRequest(this, request, context) };
        default:
          // A request type added to ChatKitRequest without a case here does not compile.
          return assertNever(request);
      }
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new HttpError(404, 'not_found', error.message, { cause: error });
      throw error;
    }
  }

  /** @internal The response phase reports a cancelled stream's clean-up (`ResponsePhaseHost`). */
  cleanupStarted(threadId: string, done: Promise<void>): void {
    this.#cleanups.set(threadId, done);
    const forget = () => {
      if (this.#cleanups.get(threadId) === done) this.#cleanups.delete(threadId);
    };
    done.then(forget, forget);
  }

  /** The current time as a wire timestamp. */
  now(): string {
    return formatClockReading(this.clock());
  }

  /** Produces the assistant's turn. Must be provided (option or override). */
  // eslint-disable-next-line require-yield
  async *respond(
    _thread: ThreadMetadata,
    _input: UserMessageItem | null,
    _ctx: ResponseContext<C>,
  ): AsyncIterable<ThreadStreamEvent> {
    throw new Error('ChatKitServer: no respond() given; pass `respond` in the options or override it');
  }

  /** Handles a streaming custom action. Default: fails the stream (`stream.error`). */
  // eslint-disable-next-line require-yield
  async *action(
    _thread: ThreadMetadata,
    action: Action,
    _sender: WidgetItem | null,
    _ctx: ResponseContext<C>,
  ): AsyncIterable<ThreadStreamEvent> {
    throw new Error(`ChatKitServer: no action() given for action ${JSON.stringify(action.type)}`);
  }

  /** Handles a non-streaming custom action. Default: 501 `not_implemented`. */
  async syncAction(
    _thread: ThreadMetadata,
    _action: Action,
    _sender: WidgetItem | null,
    _ctx: ResponseContext<C>,
  ): Promise<SyncActionResult> {
    throw new HttpError(
      501,
      'not_implemented',
      'synchronous custom actions are not supported by this server',
    );
  }

  /** Receives item feedback. Default: ignored. */
  async addFeedback(
    _threadId: string,
    _itemIds: string[],
    _kind: 'positive' | 'negative',
    _context: C,
  ): Promise<void> {}

  /** Transcribes dictated audio. Default: 501 `not_implemented`. */
  async transcribe(_audio: Uint8Array, _mimeType: string, _context: C): Promise<{ text: string }> {
    throw new HttpError(501, 'not_implemented', 'dictation is not supported by this server');
  }

  /** The `stream_options` of every response phase. Default: cancellable. */
  getStreamOptions(_thread: ThreadMetadata, _context: C): StreamOptions | Promise<StreamOptions> {
    return { allow_cancel: true };
  }

  /**
   * Clean-up after a cancelled stream (§8.8): keeps pending assistant messages with non-blank text, drops
   * other pending items, and stores the hidden cancellation note for the next model call.
   */
  async handleStreamCancelled(thread: ThreadMetadata, pendingItems: ThreadItem[], context: C): Promise<void> {
    for (const item of pendingItems) {
      if (hasText(item)) await this.store.saveItem(thread.id, item, context);
    }
    await this.store.addThreadItem(
      thread.id,
      {
        id: this.generateId('sdk_hidden_context'),
        thread_id: thread.id,
        created_at: this.now(),
        type: 'sdk_hidden_context',
        content: CANCELLED_STREAM_NOTE,
      },
      context,
    );
  }
}
