/**
 * Public types of the framework-agnostic ChatKit server: the result of `process()`, the hooks an integration
 * implements (as subclass methods or constructor options) and the context handed to responders.
 *
 * @module
 */
import type { Clock, Scheduler } from '../../src/protocol/time.js';
import type { IdGenerator, IdKind } from '../../src/protocol/ids.js';
import type {
  Action,
  AssistantMessageItem,
  IconName,
  JsonObject,
  StreamOptions,
  ThreadItem,
  ThreadItemUpdate,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
  WidgetRoot,
} from '../../src/protocol/types.js';
import type { RequestContext, Store } from '../stores/store.js';
import type { AttachmentStore } from './attachment-store.js';

/** What `process()` returns: a JSON body to send as-is, or a lazy stream of events to send as SSE. */
export type ProcessResult =
  | { kind: 'json'; body: unknown }
  | {
      kind: 'stream';
      /**
       * The events, already in wire form (null members dropped). Iterate once. Calling the iterator's
       * `return()` (e.g. on client disconnect) cancels the responder and runs the cancellation clean-up.
       */
      events: AsyncIterable<ThreadStreamEvent>;
    };

/** A minimal logger; pino's `Logger` fits. */
export interface ChatKitLogger {
  error(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  debug(details: object, message?: string): void;
}

/** Options of `streamWidget` beyond the thread. */
export interface StreamWidgetOptions {
  /** Id of the widget item; default: a new `message` id. */
  id?: string;
  /** `created_at` of the widget item; default: now. */
  createdAt?: string;
  /** What the client's copy affordance puts on the clipboard. */
  copyText?: string | null;
  /** Id generator used when `id` is not given. */
  generateId?: IdGenerator;
  /** Clock used when `createdAt` is not given. */
  clock?: Clock;
}

/** Builders of stream events, so responders do not spell out wire shapes by hand. */
export interface EventHelpers {
  added(item: ThreadItem): ThreadStreamEvent;
  done(item: ThreadItem): ThreadStreamEvent;
  replaced(item: ThreadItem): ThreadStreamEvent;
  removed(itemId: string): ThreadStreamEvent;
  updated(itemId: string, update: ThreadItemUpdate): ThreadStreamEvent;
  /** `assistant_message.content_part.text_delta` for `content_index` (default 0). */
  textDelta(itemId: string, delta: string, contentIndex?: number): ThreadStreamEvent;
  progress(text: string, icon?: IconName): ThreadStreamEvent;
  notice(level: 'info' | 'warning' | 'danger', message: string, title?: string): ThreadStreamEvent;
  clientEffect(name: string, data?: JsonObject): ThreadStreamEvent;
  streamOptions(options: StreamOptions): ThreadStreamEvent;
  /** An `error` event the stream continues after (§4.11); `custom` code when a message is given. */
  error(options: { message?: string; code?: string; allowRetry?: boolean }): ThreadStreamEvent;
}

/**
 * Everything a responder (`respond`, `action`, `syncAction`) gets besides the thread and its input.
 *
 * Responders mutate `thread` in place (title, status, allowed_image_domains, private metadata); the server
 * saves it and emits `thread.updated` after each relayed event when something changed (§8.1).
 */
export interface ResponseContext<C extends RequestContext = RequestContext> {
  /** The request context the integration passed to `process()`. */
  readonly context: C;
  /** The store; every call needs `context` as the last argument. */
  readonly store: Store<C>;
  /** The thread being answered (mutable, see above). */
  readonly thread: ThreadMetadata;
  /** Aborted when the client cancels (disconnect) or the request's own signal aborts. Pass it to model calls. */
  readonly signal: AbortSignal;
  /** Makes a new id of a kind (`message`, `workflow`, `tool_call`, …). */
  generateId(kind: IdKind): string;
  /** The current time as a wire timestamp. */
  now(): string;
  /** Ready-made event builders. */
  readonly events: EventHelpers;
  /** A new, empty assistant message item for this thread (`content: []`, or one text part when `text` given). */
  assistantMessage(text?: string): AssistantMessageItem;
  /** Streams a widget (static or successive versions) as §7.7 events, as an async generator. */
  streamWidget(
    widget: WidgetRoot | AsyncIterable<WidgetRoot>,
    options?: Omit<StreamWidgetOptions, 'generateId' | 'clock'>,
  ): AsyncGenerator<ThreadStreamEvent, void, undefined>;
  /** Loads the newest `limit` items (default 50) oldest-first, hidden items included: the model's history. */
  loadHistory(limit?: number): Promise<ThreadItem[]>;
}

/** The result of a synchronous custom action. */
export interface SyncActionResult {
  /** A replacement for the sender item (persisted by this server, returned to the client). */
  updated_item?: ThreadItem | null;
}

/** Produces the assistant's turn: `input` is the new user message, or null when resuming (tool output etc.). */
export type RespondHook<C extends RequestContext> = (
  thread: ThreadMetadata,
  input: UserMessageItem | null,
  ctx: ResponseContext<C>,
) => AsyncIterable<ThreadStreamEvent>;

/** Handles a streaming custom action fired from `sender` (a widget item) or by the app (`null`). */
export type ActionHook<C extends RequestContext> = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  ctx: ResponseContext<C>,
) => AsyncIterable<ThreadStreamEvent>;

/** Handles a non-streaming custom action; may return a replacement for the sender item. */
export type SyncActionHook<C extends RequestContext> = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  ctx: ResponseContext<C>,
) => Promise<SyncActionResult>;

/** Notification of thumbs up/down on items. */
export type FeedbackHook<C extends RequestContext> = (
  threadId: string,
  itemIds: string[],
  kind: 'positive' | 'negative',
  context: C,
) => Promise<void> | void;

/**
 * Turns recorded audio into composer text. `mimeType` is the raw value (`audio/webm;codecs=opus`).
 * `<chatkit-chat>` sends empty audio once per session to learn whether to show its microphone: answer it
 * `{ text: '' }` without calling a provider (server/agent/openai-transcriber.ts does).
 */
export type TranscribeHook<C extends RequestContext> = (
  audio: Uint8Array,
  mimeType: string,
  context: C,
) => Promise<{ text: string }>;

/** Decides the `stream_options` sent at the start of every response phase. */
export type StreamOptionsHook<C extends RequestContext> = (
  thread: ThreadMetadata,
  context: C,
) => StreamOptions | Promise<StreamOptions>;

/** Clean-up after a cancelled stream; gets the items that were added but not done. */
export type StreamCancelledHook<C extends RequestContext> = (
  thread: ThreadMetadata,
  pendingItems: ThreadItem[],
  context: C,
) => Promise<void>;

/** Constructor options of `ChatKitServer`. Hooks given here win over subclass methods; `this` is the server. */
export interface ChatKitServerOptions<C extends RequestContext = RequestContext> {
  store: Store<C>;
  attachmentStore?: AttachmentStore<C>;
  respond?: RespondHook<C>;
  action?: ActionHook<C>;
  syncAction?: SyncActionHook<C>;
  addFeedback?: FeedbackHook<C>;
  transcribe?: TranscribeHook<C>;
  getStreamOptions?: StreamOptionsHook<C>;
  handleStreamCancelled?: StreamCancelledHook<C>;
  /** Id generator (default: `<prefix>_<16 hex>`); inject `sequentialIdGenerator()` in tests. */
  generateId?: IdGenerator;
  /** Clock in epoch ms (default `Date.now`); timestamps are written with `toISOString()`. */
  clock?: Clock;
  /** Schedules the server's waits, such as the grace a cancelled responder gets (default `setTimeout`). */
  scheduler?: Scheduler;
  /** Where unexpected responder errors are logged (default: `console.error`). */
  logger?: ChatKitLogger;
}
