/**
 * `createSession`: the client's observable chat session (PROTOCOL.md §9). It owns the current
 * {@link SessionState}, turns intents into requests, feeds stream events through the pure reducer, runs
 * client tools between streams and reports through hooks. The element renders `getState()` snapshots and
 * calls intents; nothing here touches the DOM.
 *
 * Concurrency: one serial queue for streaming requests (never two streams at once; widget actions wait
 * behind the current answer), JSON requests run in parallel. Every thread switch bumps an epoch and aborts
 * what belonged to the old thread, so late events never leak into the new one.
 *
 * @module
 */

import {
  abortReason,
  ChatKitClientError,
  CLIENT_ERROR_CODES,
  isAbortError,
  toClientError,
} from './client-errors.js';
import { completeClientToolCall, mergeHistoryPage, pruneAfter, reconcileNewest } from './reducer.js';
import type { ChatSession, SessionOptions, SessionState, SessionStatus } from './session-types.js';
import { createStreamRunner, type StreamJobContext } from './stream-runner.js';
import {
  addOptimisticUserMessage,
  dismissNotice,
  initialThreadState,
  isAwaitingResponse,
  lastUserMessageId,
  setError,
  threadMeta,
  threadStateFromThread,
  type ThreadState,
} from './thread-state.js';
import { createTransport } from './transport.js';
import type {
  Action,
  ActionConfig,
  Attachment,
  Page,
  StreamingRequest,
  Thread,
  ThreadItem,
  UserMessageItem,
} from './types.js';

export type * from './session-types.js';

/** Creates a session. Give `url` (and optionally `fetch`, `headers`, `locale`, `userId`) or a `transport`. */
export function createSession(options: SessionOptions): ChatSession {
  if (!options.transport && !options.url)
    throw new TypeError('createSession needs a `url` or a `transport`.');
  const transport = options.transport ?? createTransport({ ...options, url: options.url! });
  const pageSize = options.pageSize ?? 20;
  const listeners = new Set<(state: SessionState) => void>();
  let thread: ThreadState = initialThreadState();
  let status: SessionStatus = 'idle';
  let loadingOlder = false;
  let snapshot: SessionState = { ...thread, status, loadingOlder };
  // Everything tied to the current thread (loads, streams) listens to this; a thread switch aborts it.
  let epoch = new AbortController();

  function publish(): void {
    const next: SessionState = { ...thread, status, loadingOlder };
    snapshot = next;
    for (const listener of [...listeners]) listener(next);
  }
  function update(change: (state: ThreadState) => ThreadState, nextStatus: SessionStatus = status): void {
    const next = change(thread);
    if (next === thread && nextStatus === status) return;
    thread = next;
    status = nextStatus;
    publish();
  }
  function reportError(error: ChatKitClientError): void {
    options.onError?.({ error });
  }
  function log(name: string, data?: Record<string, unknown>): void {
    options.onLog?.({ name, ...(data ? { data } : {}) });
  }
  function threadChanged(threadId: string | null): void {
    options.onThreadChange?.({ threadId });
  }
  function switchEpoch(): AbortSignal {
    epoch.abort();
    epoch = new AbortController();
    return epoch.signal;
  }
  function link(...signals: Array<AbortSignal | undefined>): AbortSignal {
    return AbortSignal.any(signals.filter((signal): signal is AbortSignal => signal !== undefined));
  }
  function requireThreadId(): string | null {
    const id = thread.thread?.id;
    if (id) return id;
    const error = new ChatKitClientError(CLIENT_ERROR_CODES.noThread, 'There is no current thread.');
    update(
      (state) => setError(state, { code: error.code, message: error.message, allowRetry: false }),
      'error',
    );
    reportError(error);
    return null;
  }

  /** JSON request with uniform error reporting: aborted → rethrown as is, failures → onError + rethrow. */
  async function json<T>(body: Parameters<typeof transport.request>[0], signal?: AbortSignal): Promise<T> {
    try {
      return await transport.request<T>(body, signal);
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw error;
      const clientError = toClientError(error);
      reportError(clientError);
      throw clientError;
    }
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

  /** Enqueues a streaming job bound to the current epoch; resolves when it (and tool follow-ups) finish. */
  function enqueue(
    build: (ctx: StreamJobContext) => StreamingRequest | null,
    signal?: AbortSignal,
  ): Promise<void> {
    return runner.enqueue(build, epoch.signal, signal);
  }

  async function refetch(signal: AbortSignal, keepUnsynced?: ReadonlySet<string>): Promise<void> {
    const threadId = thread.thread?.id;
    if (!threadId) return;
    const startedStreams = runner.streamCount();
    const [meta, page] = await Promise.all([
      transport.request<Thread>({ type: 'threads.get_by_id', params: { thread_id: threadId } }, signal),
      transport.request<Page<ThreadItem>>(
        { type: 'items.list', params: { thread_id: threadId, order: 'desc', limit: pageSize } },
        signal,
      ),
    ]);
    // A stream that started meanwhile is fresher than this snapshot; the thread may have changed too.
    if (signal.aborted || thread.thread?.id !== threadId || runner.streamCount() !== startedStreams) return;
    if (runner.isStreaming()) return;
    update((state) => ({
      ...reconcileNewest(state, page, keepUnsynced ? { keepUnsynced } : {}),
      thread: threadMeta(meta),
    }));
  }

  async function loadThread(threadId: string, signal?: AbortSignal): Promise<void> {
    const previous = thread.thread?.id ?? null;
    const scope = link(switchEpoch(), signal);
    thread = initialThreadState();
    loadingOlder = false;
    update((state) => state, 'loading');
    options.onThreadLoadStart?.({ threadId });
    try {
      const [loaded, page] = await Promise.all([
        transport.request<Thread>({ type: 'threads.get_by_id', params: { thread_id: threadId } }, scope),
        transport.request<Page<ThreadItem>>(
          { type: 'items.list', params: { thread_id: threadId, order: 'desc', limit: pageSize } },
          scope,
        ),
      ]);
      if (scope.aborted) return;
      update(() => threadStateFromThread(loaded, page), 'idle');
      if (previous !== threadId) threadChanged(threadId);
    } catch (error) {
      if (isAbortError(error) || scope.aborted) return;
      const clientError = toClientError(error);
      update(
        (state) =>
          setError(state, { code: clientError.code, message: clientError.message, allowRetry: false }),
        'error',
      );
      reportError(clientError);
      if (previous !== null) threadChanged(null);
    } finally {
      options.onThreadLoadEnd?.({ threadId });
    }
  }

  const session: ChatSession = {
    transport,
    getState: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    loadThread,

    async loadOlder(signal) {
      const threadId = thread.thread?.id;
      const cursor = thread.beforeCursor;
      if (!threadId || !thread.hasMoreBefore || !cursor || loadingOlder) return;
      const scope = link(epoch.signal, signal);
      loadingOlder = true;
      publish();
      try {
        const page = await json<Page<ThreadItem>>(
          {
            type: 'items.list',
            params: { thread_id: threadId, order: 'desc', limit: pageSize, after: cursor },
          },
          scope,
        );
        if (!scope.aborted) update((state) => mergeHistoryPage(state, page, 'older'));
      } catch {
        // Reported by json(); the "load older" control stays available for another try.
      } finally {
        if (!scope.aborted) {
          loadingOlder = false;
          publish();
        }
      }
    },

    newThread() {
      const previous = thread.thread?.id ?? null;
      switchEpoch();
      thread = initialThreadState();
      loadingOlder = false;
      update((state) => state, 'idle');
      publish();
      if (previous !== null) threadChanged(null);
    },

    sendUserMessage(input, signal) {
      if (input.newThread && thread.thread) session.newThread();
      const content = input.content ?? [{ type: 'input_text', text: input.text ?? '' }];
      const attachments = input.attachments ?? [];
      return enqueue(() => {
        const threadId = thread.thread?.id;
        const bubble: UserMessageItem = {
          id: `local_${Math.random().toString(16).slice(2, 10)}`,
          thread_id: threadId ?? '',
          created_at: new Date().toISOString(),
          type: 'user_message',
          content,
          attachments: attachments.filter((a): a is Attachment => typeof a !== 'string'),
          ...(input.quotedText ? { quoted_text: input.quotedText } : {}),
          inference_options: input.inferenceOptions ?? {},
        };
        update((state) => addOptimisticUserMessage(state, bubble), 'streaming');
        const wireInput = {
          content,
          attachments: attachments.map((a) => (typeof a === 'string' ? a : a.id)),
          ...(input.quotedText ? { quoted_text: input.quotedText } : {}),
          inference_options: input.inferenceOptions ?? {},
        };
        return threadId
          ? { type: 'threads.add_user_message', params: { thread_id: threadId, input: wireInput } }
          : { type: 'threads.create', params: { input: wireInput } };
      }, signal);
    },

    cancel() {
      const cancelled = runner.cancel();
      if (!cancelled && status === 'error') update((state) => state, 'idle');
      return cancelled;
    },

    retry(itemId, signal) {
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
        return {
          type: 'threads.custom_action',
          params: { thread_id: threadId, ...(itemId ? { item_id: itemId } : {}), action: wireAction(action) },
        };
      }, signal);
    },

    async syncCustomAction(action, itemId, signal) {
      const threadId = requireThreadId();
      if (!threadId) return undefined;
      const params = {
        thread_id: threadId,
        ...(itemId ? { item_id: itemId } : {}),
        action: wireAction(action),
      };
      const response = await json<{ updated_item?: ThreadItem | null }>(
        { type: 'threads.sync_custom_action', params },
        link(epoch.signal, signal),
      );
      const item = response?.updated_item ?? undefined;
      if (item && thread.thread?.id === threadId) {
        update((state) => {
          const index = state.items.findIndex((existing) => existing.id === item.id);
          if (index === -1) return state;
          const items = state.items.slice();
          items[index] = item;
          return { ...state, items };
        });
      }
      return item;
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
        return { type: 'threads.add_client_tool_output', params: { thread_id: threadId, result } };
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

    async feedback(itemIds, kind, signal) {
      const threadId = requireThreadId();
      if (!threadId) return;
      await json(
        { type: 'items.feedback', params: { thread_id: threadId, item_ids: itemIds, kind } },
        signal,
      );
    },

    listThreads(params = {}, signal) {
      return json<Page<Thread>>(
        {
          type: 'threads.list',
          params: {
            limit: params.limit ?? pageSize,
            order: params.order ?? 'desc',
            after: params.after ?? null,
          },
        },
        signal,
      );
    },

    async renameThread(threadId, title, signal) {
      const renamed = await json<Thread>(
        { type: 'threads.update', params: { thread_id: threadId, title } },
        signal,
      );
      if (thread.thread?.id === threadId) {
        update((state) =>
          state.thread ? { ...state, thread: { ...state.thread, title: renamed.title } } : state,
        );
      }
      return renamed;
    },

    async deleteThread(threadId, signal) {
      await json({ type: 'threads.delete', params: { thread_id: threadId } }, signal);
      if (thread.thread?.id === threadId) session.newThread();
    },

    async fetchUpdates(signal) {
      if (!thread.thread || runner.isStreaming()) return;
      try {
        await refetch(link(epoch.signal, signal));
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) return;
        reportError(toClientError(error));
      }
    },

    async resume({ intervalMs = 1500, maxAttempts = 40, signal } = {}) {
      const scope = link(epoch.signal, signal);
      for (
        let attempt = 0;
        attempt < maxAttempts && isAwaitingResponse(thread) && !scope.aborted;
        attempt++
      ) {
        try {
          await delay(intervalMs, scope);
        } catch {
          return;
        }
        await session.fetchUpdates(scope);
      }
    },

    async createAttachment(file, signal) {
      return json<Attachment>({ type: 'attachments.create', params: file }, signal);
    },
    async deleteAttachment(attachmentId, signal) {
      await json({ type: 'attachments.delete', params: { attachment_id: attachmentId } }, signal);
    },
    transcribe(audioBase64, mimeType, signal) {
      return json(
        { type: 'input.transcribe', params: { audio_base64: audioBase64, mime_type: mimeType } },
        signal,
      );
    },

    dismissNotice(id) {
      update((state) => dismissNotice(state, id));
    },
    clearError() {
      update((state) => setError(state, null), status === 'error' ? 'idle' : status);
    },
    dispose() {
      switchEpoch();
      listeners.clear();
    },
  };

  if (options.initialThread) void loadThread(options.initialThread);
  return session;
}

/** Only `type` and `payload` travel (§2.6); `handler`, `loadingBehavior`, `streaming` are client hints. */
function wireAction(action: Action | ActionConfig): Action {
  return action.payload === undefined
    ? { type: action.type }
    : { type: action.type, payload: action.payload };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
