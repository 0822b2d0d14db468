/**
 * `createSession`: the client's observable chat session (PROTOCOL.md §9). It owns the current
 * {@link SessionState}, turns intents into requests, feeds stream events through the pure reducer, runs
 * client tools between streams and reports through hooks. The element renders `getState()` snapshots and
 * calls intents; nothing here touches the DOM.
 *
 * Concurrency: one serial queue for streaming requests (never two streams at once; widget actions wait
 * behind the current answer, `stream-runner.ts`), JSON requests run in parallel (`session-requests.ts`).
 * Every thread switch bumps an epoch and aborts what belonged to the old thread, so late events never leak
 * into the new one.
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
import { completeClientToolCall, mergeHistoryPage, pruneAfter } from './stream-reducer.js';
import type { createRequestIntents, RequestIntentDeps, RequestIntents } from './session-requests.js';
import type { ChatSession, SessionOptions, SessionState, SessionStatus } from './session-types.js';
import { createStreamRunner, loadExtras, type StreamJobContext } from './stream-runner.js';
import {
  addOptimisticUserMessage,
  dismissNotice,
  failedLoadThreadId,
  initialThreadState,
  isAwaitingResponse,
  lastUserMessageId,
  setError,
  threadMeta,
  threadStateFromThread,
  type ThreadState,
} from './thread-state.js';
import { systemScheduler } from './scheduler.js';
import { createTransport } from './transport.js';
import { buildUserMessage, wireAction } from './user-message.js';
import type { Page, StreamingRequest, Thread, ThreadItem } from './types.js';

export type * from './session-types.js';

/** Creates a session. Give `url` (and optionally `fetch`, `headers`, `locale`, `userId`) or a `transport`. */
export function createSession(options: SessionOptions): ChatSession {
  if (!options.transport && !options.url)
    throw new TypeError('createSession needs a `url` or a `transport`.');
  const transport = options.transport ?? createTransport({ ...options, url: options.url! });
  const pageSize = options.pageSize ?? 20;
  const scheduler = options.scheduler ?? systemScheduler;
  const listeners = new Set<(state: SessionState) => void>();
  let thread: ThreadState = initialThreadState();
  let status: SessionStatus = 'idle';
  let loadingOlder = false;
  // Built on demand: while a response streams, many events change the state between two notifications.
  let snapshot: SessionState | null = null;
  const current = (): SessionState => (snapshot ??= { ...thread, status, loadingOlder });
  // Everything tied to the current thread (loads, streams, polls) listens to this; leaving it aborts them.
  let epoch = new AbortController();

  // Deltas can arrive many per frame; while a response streams, listeners hear about them once per
  // `scheduleNotify` tick (the element passes one per animation frame) instead of once per event. The snapshot
  // itself is always current; any other status change notifies at once (and flushes a pending tick).
  // Only the newest tick counts: one left over from a flushed burst must not publish the next burst early.
  let tick = 0;
  let notifyPending = false;
  function notify(): void {
    notifyPending = false;
    const state = current();
    for (const listener of [...listeners]) listener(state);
  }
  function publish(): void {
    snapshot = null;
    const schedule = options.scheduleNotify;
    if (!schedule || status !== 'streaming') return notify();
    if (notifyPending) return;
    notifyPending = true;
    const mine = ++tick;
    schedule(() => {
      if (notifyPending && mine === tick) notify();
    });
  }
  function update(change: (state: ThreadState) => ThreadState, nextStatus: SessionStatus = status): void {
    const next = change(thread);
    if (next === thread && nextStatus === status) return;
    thread = next;
    status = nextStatus;
    publish();
  }
  /** Leaves the current thread: aborts its work and starts from `next` (published). */
  function reset(next: ThreadState, nextStatus: SessionStatus): AbortSignal {
    epoch.abort();
    epoch = new AbortController();
    thread = next;
    status = nextStatus;
    loadingOlder = false;
    publish();
    return epoch.signal;
  }
  const reportError = (error: ChatKitClientError) => options.onError?.({ error });
  const log = (name: string, data?: Record<string, unknown>) =>
    options.onLog?.({ name, ...(data ? { data } : {}) });
  const threadChanged = (threadId: string | null) => options.onThreadChange?.({ threadId });
  function fail(error: ChatKitClientError): void {
    update(
      (state) => setError(state, { code: error.code, message: error.message, allowRetry: false }),
      'error',
    );
    reportError(error);
  }
  function requireThreadId(id = thread.thread?.id): string | null {
    if (!id) fail(new ChatKitClientError(CLIENT_ERROR_CODES.noThread, 'There is no current thread.'));
    return id ?? null;
  }

  const runner = createStreamRunner({
    transport,
    hooks: options,
    onClientTool: options.onClientTool,
    getThread: () => thread,
    update,
    log,
    reportError,
    threadChanged,
    refetch: (signal, keepUnsynced) => refetch(signal, keepUnsynced),
  });
  // The thread load in flight: streaming intents wait for it, or a message sent while a thread is still
  // loading would start a new thread instead of joining the one being opened.
  let loading: Promise<void> | null = null;
  function enqueue(
    build: (ctx: StreamJobContext) => StreamingRequest | null,
    signal?: AbortSignal,
  ): Promise<void> {
    if (loading) return loading.then(() => runner.enqueue(build, epoch.signal, signal));
    return runner.enqueue(build, epoch.signal, signal);
  }

  /** Metadata plus the newest items page of a thread (§9 "History": long threads show their end). */
  function fetchThread(threadId: string, signal: AbortSignal): Promise<[Thread, Page<ThreadItem>]> {
    return Promise.all([
      transport.request<Thread>({ type: 'threads.get_by_id', params: { thread_id: threadId } }, signal),
      transport.request<Page<ThreadItem>>(
        { type: 'items.list', params: { thread_id: threadId, order: 'desc', limit: pageSize } },
        signal,
      ),
    ]);
  }

  async function refetch(signal: AbortSignal, keepUnsynced?: ReadonlySet<string>): Promise<void> {
    const threadId = thread.thread?.id;
    if (!threadId) return;
    const startedStreams = runner.streamCount();
    // The merge code loads while the request is on the network.
    const [[meta, page], { reconcileNewest }] = await Promise.all([
      fetchThread(threadId, signal),
      loadExtras(),
    ]);
    // A stream that started meanwhile is fresher than this snapshot; the thread may have changed too.
    if (signal.aborted || thread.thread?.id !== threadId || runner.streamCount() !== startedStreams) return;
    if (runner.isStreaming()) return;
    update((state) => ({
      ...reconcileNewest(state, page, keepUnsynced ? { keepUnsynced } : {}),
      thread: threadMeta(meta),
    }));
  }

  function loadThread(threadId: string, signal?: AbortSignal): Promise<void> {
    const load = runLoad(threadId, signal).finally(() => {
      if (loading === load) loading = null;
    });
    loading = load;
    return load;
  }

  async function runLoad(threadId: string, signal?: AbortSignal): Promise<void> {
    const previous = thread.thread?.id ?? null;
    const current = reset(initialThreadState(), 'loading');
    const scope = anySignal(current, signal);
    options.onThreadLoadStart?.({ threadId });
    try {
      const [loaded, page] = await fetchThread(threadId, scope);
      if (scope.aborted) throw abortReason(scope);
      update(() => threadStateFromThread(loaded, page), 'idle');
      if (previous !== threadId) threadChanged(threadId);
    } catch (error) {
      if (isAbortError(error) || scope.aborted) {
        // Only the caller's abort leaves this load in charge of the status; a newer load owns it otherwise.
        if (!current.aborted) update((state) => state, 'idle');
        return;
      }
      // The thread stays the one to retry: a failed load (a 503, a dropped connection) says nothing about
      // whether it exists, so the error offers Retry (load again) whenever the failure allows it.
      const clientError = toClientError(error);
      update(
        (state) =>
          setError(state, {
            code: clientError.code,
            message: clientError.message,
            allowRetry: clientError.allowRetry,
            loadThreadId: threadId,
          }),
        'error',
      );
      reportError(clientError);
      if (previous !== null) threadChanged(null);
    } finally {
      options.onThreadLoadEnd?.({ threadId });
    }
  }

  // The JSON intents (session-requests.ts) load with the first one: a first answer needs none of them. Each
  // call keeps the thread and epoch of the moment it was made, as when the module was part of this file: a
  // thread switch while the chunk loads aborts what the epoch aborts and never retargets the call.
  let requests: Promise<{ createRequestIntents: typeof createRequestIntents }> | undefined;
  function requestIntent<K extends keyof RequestIntents>(name: K): RequestIntents[K] {
    return ((...args: unknown[]) => {
      const threadId = thread.thread?.id;
      const signal = epoch.signal;
      const load = (requests ??= import('./session-requests.js'));
      // A failed chunk load (offline) may be retried by the next call.
      load.catch(() => (requests = undefined));
      return load.then((m) => {
        const deps: RequestIntentDeps = {
          transport,
          pageSize,
          getThread: () => thread,
          update: (change) => update(change),
          requireThreadId: () => requireThreadId(threadId),
          reportError,
          epochSignal: () => signal,
          newThread: () => session.newThread(),
        };
        return (m.createRequestIntents(deps)[name] as (...a: unknown[]) => unknown)(...args);
      });
    }) as RequestIntents[K];
  }

  const session: ChatSession = {
    transport,
    getState: current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    loadThread,

    async loadOlder(signal) {
      const threadId = thread.thread?.id;
      const cursor = thread.beforeCursor;
      if (!threadId || !thread.hasMoreBefore || !cursor || loadingOlder) return;
      const current = epoch.signal;
      loadingOlder = true;
      publish();
      try {
        const page = await transport.request<Page<ThreadItem>>(
          {
            type: 'items.list',
            params: { thread_id: threadId, order: 'desc', limit: pageSize, after: cursor },
          },
          anySignal(current, signal),
        );
        if (!current.aborted) update((state) => mergeHistoryPage(state, page, 'older'));
      } catch (error) {
        // The "load older" control stays available for another try.
        if (!isAbortError(error) && !current.aborted) reportError(toClientError(error));
      } finally {
        if (!current.aborted) {
          loadingOlder = false;
          publish();
        }
      }
    },

    newThread() {
      const previous = thread.thread?.id ?? null;
      reset(initialThreadState(), 'idle');
      if (previous !== null) threadChanged(null);
    },

    sendUserMessage(input, signal) {
      if (input.newThread && thread.thread) session.newThread();
      return enqueue(() => {
        // Built when the job's turn comes, so a message queued behind `threads.create` joins the new thread.
        const { request, bubble } = buildUserMessage(input, thread.thread?.id);
        update((state) => addOptimisticUserMessage(state, bubble), 'streaming');
        return request;
      }, signal);
    },

    cancel() {
      const cancelled = runner.cancel();
      if (!cancelled && status === 'error') update((state) => state, 'idle');
      return cancelled;
    },

    retry(itemId, signal) {
      const failedLoad = failedLoadThreadId(thread);
      if (failedLoad) return loadThread(failedLoad, signal);
      return enqueue(() => {
        const threadId = requireThreadId();
        const target = itemId ?? thread.error?.retryItemId ?? lastUserMessageId(thread);
        if (!threadId || !target) return null;
        // The server deletes everything after the message without telling us (§8.7): prune first.
        update((state) => pruneAfter(state, target));
        return { type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: target } };
      }, signal);
    },

    customAction(action, itemId, signal) {
      return enqueue(() => {
        const threadId = requireThreadId();
        if (!threadId) return null;
        const params = {
          thread_id: threadId,
          ...(itemId ? { item_id: itemId } : {}),
          action: wireAction(action),
        };
        return { type: 'threads.custom_action', params };
      }, signal);
    },

    addClientToolOutput(result, signal) {
      return enqueue((ctx) => {
        const threadId = requireThreadId();
        const last = thread.items[thread.items.length - 1];
        // §9.3: only when the newest item is the pending call, and only once per call.
        if (
          !threadId ||
          last?.type !== 'client_tool_call' ||
          last.status !== 'pending' ||
          ctx.isHandled(last.id)
        ) {
          log('client_tool.no_pending_call');
          return null;
        }
        ctx.markHandled(last.id);
        update((state) => completeClientToolCall(state, last.id, result));
        return {
          type: 'threads.add_client_tool_output',
          params: { thread_id: threadId, result: result ?? null },
        };
      }, signal);
    },

    addStructuredInput(itemId, input, signal) {
      return enqueue(() => {
        const threadId = requireThreadId();
        if (!threadId) return null;
        return {
          type: 'threads.add_structured_input',
          params: { thread_id: threadId, item_id: itemId, input },
        };
      }, signal);
    },

    syncCustomAction: requestIntent('syncCustomAction'),
    feedback: requestIntent('feedback'),
    listThreads: requestIntent('listThreads'),
    renameThread: requestIntent('renameThread'),
    deleteThread: requestIntent('deleteThread'),
    createAttachment: requestIntent('createAttachment'),
    uploadAttachment: requestIntent('uploadAttachment'),
    deleteAttachment: requestIntent('deleteAttachment'),
    transcribe: requestIntent('transcribe'),

    async fetchUpdates(signal) {
      if (!thread.thread || runner.isStreaming()) return;
      try {
        await refetch(anySignal(epoch.signal, signal));
      } catch (error) {
        if (!isAbortError(error) && !signal?.aborted) reportError(toClientError(error));
      }
    },

    async resume(options = {}) {
      const scope = anySignal(epoch.signal, options.signal);
      const threadId = thread.thread?.id;
      const streams = runner.streamCount();
      // Re-checked after every wait too (the loop's module load included): a stream that started meanwhile
      // (the user's next turn) or another thread makes this poll stale, and it would only cost a pointless
      // get_by_id + items.list pair.
      const stillWaiting = () =>
        !scope.aborted &&
        threadId !== undefined &&
        thread.thread?.id === threadId &&
        runner.streamCount() === streams &&
        isAwaitingResponse(thread);
      // The loop (session-extras.ts) loads only when there is something to wait for.
      // A failed load (offline) leaves nothing to poll with; the next resume retries it.
      if (stillWaiting()) {
        await loadExtras().then(
          ({ pollUntilAnswered }) =>
            pollUntilAnswered(options, scope, scheduler, stillWaiting, () => session.fetchUpdates(scope)),
          () => {},
        );
      }
    },

    dismissNotice(id) {
      update((state) => dismissNotice(state, id));
    },
    clearError() {
      update((state) => setError(state, null), status === 'error' ? 'idle' : status);
    },
    dispose() {
      epoch.abort();
      listeners.clear();
    },
  };

  if (options.initialThread) void loadThread(options.initialThread);
  return session;
}
