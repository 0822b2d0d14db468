/**
 * The session's streaming half: one serial queue of streaming requests, each consumed event by event
 * through the reducer, with the client tool round trip (§8.5, §9 "Client tools") run between a stream and
 * its follow-up inside the same queue slot, so nothing else can slip in between.
 *
 * Internal to `session.ts`; split out to keep each file about one concept.
 *
 * @module
 */

import {
  abortReason,
  anySignal,
  ChatKitClientError,
  CLIENT_ERROR_CODES,
  isAbortError,
  toClientError,
} from './client-errors.js';
import { applyMessageUpdate, isMessageUpdate } from './apply-message-update.js';
import {
  beginStream,
  cancelStream,
  endStream,
  KNOWN_EVENT_TYPES,
  reduceEvent,
  type ItemUpdater,
} from './stream-reducer.js';
import type * as Extras from './session-extras.js';
import type { ClientToolHandler, SessionHooks, SessionStatus } from './session-types.js';
import {
  dropOptimisticUserMessage,
  lastUserMessageId,
  optimisticMessage,
  setError,
  type ThreadState,
} from './thread-state.js';
import type { Transport } from './transport.js';
import type { ClientToolCallItem, StreamingRequest } from './types.js';

/** What a queued job's request builder may use. */
export interface StreamJobContext {
  /** Whether a client tool call was already answered (answers are sent exactly once). */
  isHandled(itemId: string): boolean;
  /** Records that a client tool call is being answered. */
  markHandled(itemId: string): void;
}

/** What the runner needs from the session. */
export interface StreamRunnerDeps {
  transport: Transport;
  hooks: SessionHooks;
  onClientTool?: ClientToolHandler;
  getThread(): ThreadState;
  update(change: (state: ThreadState) => ThreadState, status?: SessionStatus): void;
  log(name: string, data?: Record<string, unknown>): void;
  reportError(error: ChatKitClientError): void;
  threadChanged(threadId: string | null): void;
  /** Re-reads the thread after an abnormal end; `keepUnsynced` (the pending ids) keeps a partial answer. */
  refetch(signal: AbortSignal, keepUnsynced?: ReadonlySet<string>): Promise<void>;
}

/** The serial stream queue. */
export interface StreamRunner {
  /**
   * Queues a job. `build` runs when the job's turn comes (so it sees the thread id a previous stream may
   * just have created) and returns the request, or `null` to skip. `epoch` is aborted on thread switches;
   * `signal` is the caller's own.
   */
  enqueue(
    build: (ctx: StreamJobContext) => StreamingRequest | null,
    epoch: AbortSignal,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Aborts the active stream if the server allows it (`allowCancel`). */
  cancel(): boolean;
  /** Whether a stream is being read right now. */
  isStreaming(): boolean;
  /** How many streams have started so far (lets a refetch notice it was overtaken). */
  streamCount(): number;
}

let extras: Promise<typeof Extras> | undefined;
/**
 * The session's on-demand half (`session-extras.ts`: widget, workflow and image updates, history merging),
 * loaded once for every session. A failed chunk load (offline) may be retried by the next caller.
 */
export function loadExtras(): Promise<typeof Extras> {
  const load = (extras ??= import('./session-extras.js'));
  load.catch(() => (extras = undefined));
  return load;
}
/** Every item update, once `session-extras.ts` has arrived; until then assistant-message updates only. */
let updateAnyItem: ItemUpdater | undefined;
/**
 * Items whose updates (§5.2–5.4) or follow-up (a client tool call) need `session-extras.ts`: it starts
 * loading when one is added.
 */
const EXTRA_ITEMS: ReadonlySet<string> = new Set([
  'widget',
  'workflow',
  'generated_image',
  'client_tool_call',
]);

const GENERIC_STREAM_ERROR = 'An error occurred when generating a response.';

function sendsMessage(request: StreamingRequest): boolean {
  return request.type === 'threads.create' || request.type === 'threads.add_user_message';
}

/** Whether an assistant message was added in the current stream and never completed. */
function hasPendingMessage(state: ThreadState): boolean {
  return state.items.some((item) => item.type === 'assistant_message' && state.pending.has(item.id));
}

/** Creates the queue. */
export function createStreamRunner(deps: StreamRunnerDeps): StreamRunner {
  const { transport, hooks } = deps;
  let chain: Promise<void> = Promise.resolve();
  let active: { controller: AbortController; cancelled: boolean } | null = null;
  let started = 0;
  const handledToolCalls = new Set<string>();
  const ctx: StreamJobContext = {
    isHandled: (id) => handledToolCalls.has(id),
    markHandled: (id) => void handledToolCalls.add(id),
  };

  async function runJob(
    build: (ctx: StreamJobContext) => StreamingRequest | null,
    epoch: AbortSignal,
    signal?: AbortSignal,
  ): Promise<void> {
    const scope = anySignal(epoch, signal);
    if (scope.aborted) return;
    let request = build(ctx);
    while (request && !scope.aborted) {
      const toolCall = await runStream(request, epoch, scope);
      if (!toolCall || scope.aborted) return;
      // Client tools are on demand (session-extras.ts); the chunk started loading when the call was added.
      const { runClientTool } = await loadExtras();
      request = scope.aborted ? null : await runClientTool(deps, handledToolCalls, toolCall);
    }
  }

  /** Reads one stream to its end; returns the pending client tool call it delivered, if any. */
  async function runStream(
    request: StreamingRequest,
    epoch: AbortSignal,
    scope: AbortSignal,
  ): Promise<ClientToolCallItem | null> {
    const controller = new AbortController();
    const job = { controller, cancelled: false };
    active = job;
    started++;
    const signal = anySignal(scope, controller.signal);
    let toolCall: ClientToolCallItem | null = null;
    let malformedSeen = false;
    // The user message this turn stored: the retry target if the stream fails.
    let turnMessageId: string | undefined =
      request.type === 'threads.retry_after_item' ? request.params.item_id : undefined;
    const unknownTypes = new Set<string>();
    deps.update(beginStream, 'streaming');
    hooks.onResponseStart?.();
    try {
      for await (const decoded of transport.stream(request, signal)) {
        if (!decoded.ok) {
          if (malformedSeen) {
            deps.log('stream.malformed_event', { message: decoded.error.message });
            continue;
          }
          // One visible error per stream; the event is skipped and reading continues.
          malformedSeen = true;
          const { code, message } = decoded.error;
          deps.update((state) => setError(state, { code, message, allowRetry: false }));
          deps.reportError(decoded.error);
          continue;
        }
        const event = decoded.event;
        if (!KNOWN_EVENT_TYPES.has(event.type)) {
          if (!unknownTypes.has(event.type)) deps.log('stream.unknown_event', { type: event.type });
          unknownTypes.add(event.type);
          continue;
        }
        if (event.type === 'client_effect') {
          hooks.onEffect?.({ name: event.name, data: event.data ?? {} });
          continue;
        }
        if (event.type === 'thread.item.added' && EXTRA_ITEMS.has(event.item.type)) void loadExtras();
        if (event.type === 'thread.item.updated' && !updateAnyItem && !isMessageUpdate(event.update)) {
          // Events apply strictly in order: reading waits for the chunk (usually already loaded since the
          // item was added); a cancel or thread switch meanwhile wins over this event.
          updateAnyItem = (await loadExtras()).applyItemUpdate;
          if (signal.aborted) throw abortReason(signal);
        }
        const updateItem = updateAnyItem ?? applyMessageUpdate;
        deps.update((state) => reduceEvent(state, event, updateItem));
        if (event.type === 'thread.created') deps.threadChanged(event.thread.id);
        else if (event.type === 'thread.item.done' && event.item.type === 'user_message')
          turnMessageId = event.item.id;
        else if (event.type === 'thread.item.done' && event.item.type === 'client_tool_call') {
          toolCall = event.item.status === 'pending' ? event.item : null;
        } else if (event.type === 'error') {
          const message = event.message || GENERIC_STREAM_ERROR;
          deps.reportError(
            new ChatKitClientError(event.code, message, { allowRetry: Boolean(event.allow_retry) }),
          );
        }
      }
      // A cancelled reader can end like a normal body; the abort must win.
      if (signal.aborted) throw abortReason(signal);
      // A send is always echoed first (§8.2); a body that ends without it was a failure outside the
      // response phase (thread not found, bad attachment…), which the reference server reports by silence.
      if (sendsMessage(request) && turnMessageId === undefined) {
        throw new ChatKitClientError(
          CLIENT_ERROR_CODES.notAccepted,
          'The server did not accept the message.',
        );
      }
      // §9 "End of stream": items still pending when the body ends. A pending assistant message means the
      // body was cut mid-answer (a close-delimited response just ends; only chunked framing reports it), since
      // servers always send `done` for a message they complete: treat it like a dropped connection. Other
      // pending items (a workflow left open) may be legitimate; they stay, and a refetch reconciles them.
      const unsynced = deps.getThread().pending;
      if (!deps.getThread().error && hasPendingMessage(deps.getThread())) {
        throw new ChatKitClientError(
          CLIENT_ERROR_CODES.interrupted,
          'The stream ended before the answer was complete.',
          { allowRetry: true },
        );
      }
      const willRunTool =
        toolCall !== null && deps.onClientTool !== undefined && !handledToolCalls.has(toolCall.id);
      deps.update(endStream, deps.getThread().error ? 'error' : willRunTool ? 'streaming' : 'idle');
      hooks.onResponseEnd?.();
      if (unsynced.size > 0) await reconcile(job, epoch, unsynced);
      return toolCall;
    } catch (error) {
      if (isAbortError(error) || signal.aborted) {
        // A thread switch already replaced the state; a user/caller cancel keeps the partial answer (§9).
        if (!epoch.aborted) deps.update(cancelStream, 'idle');
        hooks.onResponseEnd?.();
        return null;
      }
      const clientError = toClientError(error, CLIENT_ERROR_CODES.interrupted);
      const unsynced = deps.getThread().pending;
      // The message the server never stored: its bubble goes away, so its text must not be lost with it.
      const unsent = sendsMessage(request) ? optimisticMessage(deps.getThread()) : undefined;
      // A send that failed before its message was stored has nothing to retry after (the bubble goes away).
      const retryItemId =
        turnMessageId ?? (sendsMessage(request) ? undefined : lastUserMessageId(deps.getThread()));
      deps.update(
        (state) =>
          setError(dropOptimisticUserMessage(endStream(state)), {
            code: clientError.code,
            message: clientError.message,
            allowRetry: clientError.allowRetry && retryItemId !== undefined,
            ...(retryItemId ? { retryItemId } : {}),
          }),
        'error',
      );
      deps.reportError(clientError);
      if (unsent) hooks.onMessageNotSent?.({ message: unsent, error: clientError });
      hooks.onResponseEnd?.();
      // §9 "Abrupt end": refetch so the list matches what the server stored.
      await reconcile(job, epoch, unsynced);
      return null;
    } finally {
      if (active === job) active = null;
    }
  }

  /** Re-reads the thread after a stream ended with `unsynced` items; keeps those the server lacks. */
  async function reconcile(
    job: { controller: AbortController },
    epoch: AbortSignal,
    unsynced: ReadonlySet<string>,
  ): Promise<void> {
    // The stream is over; the refetch must not see it as still active (it would discard its result).
    if (active === job) active = null;
    if (!deps.getThread().thread) return;
    await deps.refetch(epoch, unsynced).catch((refetchError: unknown) => {
      if (!isAbortError(refetchError)) deps.log('refetch.failed', { message: String(refetchError) });
    });
  }

  return {
    enqueue(build, epoch, signal) {
      const job = chain.then(() => runJob(build, epoch, signal));
      // A failing job must not stall the queue; its own caller sees the rejection.
      chain = job.catch(() => undefined);
      return job;
    },
    cancel() {
      if (!active || active.cancelled || !deps.getThread().allowCancel) return false;
      active.cancelled = true;
      deps.update((state) => state, 'cancelling');
      active.controller.abort();
      return true;
    },
    isStreaming: () => active !== null,
    streamCount: () => started,
  };
}
