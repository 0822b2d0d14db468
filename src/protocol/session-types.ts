/**
 * The public shape of a chat session (`createSession` in `session.ts`): its snapshot, options, hooks and
 * intents. Kept apart from the implementation so the element can type against it and so the contract is
 * readable in one place.
 *
 * @module
 */

import type { ChatKitClientError } from './client-errors.js';
import type { ThreadState } from './thread-state.js';
import type { FetchLike, Lazy, Transport } from './transport.js';
import type { Scheduler } from './scheduler.js';
import type {
  Action,
  ActionConfig,
  Attachment,
  InferenceOptions,
  JsonObject,
  Page,
  StructuredInputSubmission,
  Thread,
  ThreadItem,
  TranscribeResponse,
  UserMessageContent,
  UserMessageItem,
} from './types.js';

/**
 * What the session is doing.
 *
 * - `idle`: nothing in flight; `loading`: a thread is being loaded;
 * - `streaming`: a streaming request (or a client tool between two streams) is in flight;
 * - `cancelling`: the user pressed stop and the stream is being torn down;
 * - `error`: the last load or stream failed (see `state.error`); the next intent leaves this status.
 */
export type SessionStatus = 'idle' | 'loading' | 'streaming' | 'cancelling' | 'error';

/** The session snapshot: the thread state plus what the session is doing. Immutable; replaced on change. */
export interface SessionState extends ThreadState {
  readonly status: SessionStatus;
  /** An older history page is being fetched (`loadOlder`). */
  readonly loadingOlder: boolean;
}

/** A client tool invocation (ChatKit's `onClientTool` argument). */
export interface ClientToolInvocation {
  /** The tool name (`client_tool_call.name`). */
  name: string;
  /** The tool arguments (`client_tool_call.arguments`). */
  params: JsonObject;
}

/** Runs a client tool; its (awaited) result is sent to the server as the tool output. */
export type ClientToolHandler = (invocation: ClientToolInvocation) => unknown;

/** Hooks the session calls; the element turns them into `chatkit.*` events. All optional. */
export interface SessionHooks {
  /** A `client_effect` event arrived (never stored). */
  onEffect?(effect: { name: string; data: JsonObject }): void;
  /** The current thread changed (`thread.created`, a load, a new chat, a deletion). */
  onThreadChange?(detail: { threadId: string | null }): void;
  /** A streaming response started / ended (ended also after errors and cancels). */
  onResponseStart?(): void;
  onResponseEnd?(): void;
  /** A failure, surfaced once (also reflected in `state.error` for stream and load failures). */
  onError?(detail: { error: ChatKitClientError }): void;
  /** Diagnostics (unknown event types, unhandled client tools, refetch failures). */
  onLog?(detail: { name: string; data?: JsonObject }): void;
  /**
   * A send failed before the server stored the message: its optimistic bubble was removed. `message` is
   * that bubble (the user's text and attachments), so the host can give the text back to the user.
   */
  onMessageNotSent?(detail: { message: UserMessageItem; error: ChatKitClientError }): void;
  /** A thread load started / ended (ended also on failure). */
  onThreadLoadStart?(detail: { threadId: string }): void;
  onThreadLoadEnd?(detail: { threadId: string }): void;
}

/** Options of `createSession`. Give either `transport` or `url` (plus the transport options). */
export interface SessionOptions extends SessionHooks {
  /** A ready transport (tests, custom protocols). */
  transport?: Transport;
  /** The ChatKit endpoint, when no `transport` is given. */
  url?: string;
  /** Replaces `fetch` (ChatKit's `api.fetch`). */
  fetch?: FetchLike;
  /** Extra request headers. */
  headers?: Lazy<Record<string, string>>;
  /** Sent as `Accept-Language`. */
  locale?: Lazy<string | undefined>;
  /** The anonymous per-browser user id, sent as `x-chatkit-user`. */
  userId?: Lazy<string | undefined>;
  /** Runs client tools (ChatKit's `onClientTool`). Without it, pending calls wait for `addClientToolOutput`. */
  onClientTool?: ClientToolHandler;
  /** Items per history page (`items.list` limit). @defaultValue 20 */
  pageSize?: number;
  /** The thread to load at once. */
  initialThread?: string | null;
  /**
   * Coalesces change notifications while a response streams: called with a callback to run later (e.g. on
   * the next animation frame); updates in between reach listeners once. Without it every event notifies.
   */
  scheduleNotify?: (notify: () => void) => void;
  /** Schedules the waits of `resume` (its polls and back-off); tests inject a manual one. @defaultValue `setTimeout` */
  scheduler?: Scheduler;
}

/** What `sendUserMessage` takes. */
export interface SendUserMessageInput {
  /** Plain text; ignored when `content` is given. */
  text?: string;
  /** Full content (text and tags). */
  content?: UserMessageContent[];
  /** Uploaded attachments (full objects show previews in the optimistic bubble) or their ids. */
  attachments?: ReadonlyArray<Attachment | string>;
  /** The quoted selection (reply-to). */
  quotedText?: string | null;
  /** Composer tool/model choice. */
  inferenceOptions?: InferenceOptions;
  /** Start a new thread even if one is open. */
  newThread?: boolean;
}

/** Options of `resume`. */
export interface ResumeOptions {
  /** Delay before the first poll, in milliseconds; it doubles after each poll. @defaultValue 1000 */
  intervalMs?: number;
  /** The longest delay between polls, in milliseconds. @defaultValue 8000 */
  maxIntervalMs?: number;
  /** Give up after this many polls. @defaultValue 6 */
  maxAttempts?: number;
  signal?: AbortSignal;
}

/**
 * A chat session: one current thread, one serial queue of streaming requests (at most one stream at a
 * time, §9), JSON requests in parallel. Stream and load intents never reject: their failures land in
 * `state.error` and `onError`. Data intents (`listThreads`, `renameThread`, `deleteThread`, `feedback`,
 * `syncCustomAction`, attachments, `transcribe`) reject with a `ChatKitClientError` (after `onError`).
 * Aborting an intent's own `signal` reports nothing: stream and load intents resolve (a stream keeps its
 * partial answer as on cancel), data intents reject with the abort reason.
 */
export interface ChatSession {
  /** The current snapshot. */
  getState(): SessionState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (state: SessionState) => void): () => void;
  /** The transport (for requests the session does not model). */
  readonly transport: Transport;

  /** Loads a thread: its metadata plus the newest page of items (`items.list` desc). */
  loadThread(threadId: string, signal?: AbortSignal): Promise<void>;
  /** Loads the next older page of items, if any. */
  loadOlder(signal?: AbortSignal): Promise<void>;
  /** Leaves the current thread for an empty new chat (aborts what belongs to the old thread). */
  newThread(): void;
  /** Sends a user message (creating the thread first if needed), showing it optimistically. */
  sendUserMessage(input: SendUserMessageInput, signal?: AbortSignal): Promise<void>;
  /** Stops the current stream if `allowCancel`; returns whether a stream was aborted. */
  cancel(): boolean;
  /** Regenerates after a user message (default: the error's retry target, else the newest user message). */
  retry(itemId?: string, signal?: AbortSignal): Promise<void>;
  /** Sends a streaming widget/app action (queued behind the current stream). */
  customAction(action: Action | ActionConfig, itemId?: string | null, signal?: AbortSignal): Promise<void>;
  /** Sends a non-streaming action (allowed while streaming); applies and returns `updated_item`. */
  syncCustomAction(
    action: Action | ActionConfig,
    itemId?: string | null,
    signal?: AbortSignal,
  ): Promise<ThreadItem | undefined>;
  /** Completes the newest pending client tool call by hand (when no `onClientTool` handled it). */
  addClientToolOutput(result: unknown, signal?: AbortSignal): Promise<void>;
  /** Answers (or skips) a pending structured input item. */
  addStructuredInput(itemId: string, input: StructuredInputSubmission, signal?: AbortSignal): Promise<void>;
  /** Sends thumbs up/down for items. */
  feedback(itemIds: string[], kind: 'positive' | 'negative', signal?: AbortSignal): Promise<void>;
  /** One page of the thread history (newest first). */
  listThreads(
    params?: { after?: string | null; limit?: number; order?: 'asc' | 'desc' },
    signal?: AbortSignal,
  ): Promise<Page<Thread>>;
  /** Renames a thread (and the current one's title in state). */
  renameThread(threadId: string, title: string, signal?: AbortSignal): Promise<Thread>;
  /** Deletes a thread; deleting the current one starts a new chat. */
  deleteThread(threadId: string, signal?: AbortSignal): Promise<void>;
  /** Re-reads the current thread (metadata + newest items) and reconciles the local copy. */
  fetchUpdates(signal?: AbortSignal): Promise<void>;
  /**
   * Polls `fetchUpdates`, backing off, while the server is presumably still answering (see
   * `isAwaitingResponse`); stops once a stream starts or the thread changes.
   */
  resume(options?: ResumeOptions): Promise<void>;
  /** Two-phase upload, step 1 (`attachments.create`). */
  createAttachment(
    file: { name: string; size: number; mime_type: string },
    signal?: AbortSignal,
  ): Promise<Attachment>;
  /**
   * Direct upload (ChatKit's `uploadStrategy: {type: 'direct', uploadUrl}`): `multipart/form-data` with a
   * `file` field POSTed to `uploadUrl` with the session's identity headers; the answer is the attachment.
   */
  uploadAttachment(
    file: Blob & { name: string },
    uploadUrl: string,
    signal?: AbortSignal,
  ): Promise<Attachment>;
  /** `attachments.delete`. */
  deleteAttachment(attachmentId: string, signal?: AbortSignal): Promise<void>;
  /** `input.transcribe` (dictation). */
  transcribe(audioBase64: string, mimeType: string, signal?: AbortSignal): Promise<TranscribeResponse>;
  /** Removes a notice banner. */
  dismissNotice(id: number): void;
  /** Clears the inline error (and an `error` status). */
  clearError(): void;
  /** Aborts everything and drops listeners. */
  dispose(): void;
}
