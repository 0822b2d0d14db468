/**
 * Connects `<chatkit-chat>` to a protocol session (src/protocol/session.ts): creates it from the resolved
 * options, turns its hooks into `chatkit.*` events, mirrors its snapshot into the element's view, keeps the
 * current thread id per `persist`, and resumes an answer that was still being generated when the page was
 * reloaded. Exactly one session exists per endpoint and identity (`api.url`, `domainKey`, whether the host
 * gives its own `fetch`); changing one of those replaces it. A new `fetch` closure (every React re-render
 * makes one) is not a new identity: requests go through the newest one, the conversation stays.
 *
 * @internal
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { changesOnlyThreadContent } from '../../context/chat-context.js';
import { createSession } from '../../protocol/session.js';
import type { ChatSession, ClientToolHandler, SessionState } from '../../protocol/session-types.js';
import { failedLoadThreadId, isAwaitingResponse, isNotFoundError } from '../../protocol/thread-state.js';
import { systemScheduler, type Scheduler } from '../../protocol/scheduler.js';
import type { ThreadItem, UserMessageItem } from '../../protocol/types.js';
import type { ChatComposerHandle } from '../composer/composer-handle.js';
import { emit } from '../../events.js';
import { anonymousUserId, ElementMemory, type PersistMode } from '../../internal/storage.js';
import { frameCadence } from './frame-cadence.js';

/** What the controller needs from the element. */
export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  /** The BCP 47 locale sent as `Accept-Language`. */
  readonly resolvedLocale: string;
  /** Called when an answer finished (announcement, unread badge). */
  answerFinished(item: ThreadItem | undefined): void;
  /**
   * Called instead of `requestUpdate` when a snapshot changed only what the thread shows (a streamed delta):
   * the host passes the new view on to the thread without rendering itself (see `changesOnlyThreadContent`).
   */
  threadContentChanged(): void;
}

export interface SessionConfig {
  url: string;
  fetch?: typeof fetch;
  /** ChatKit's `api.domainKey`: part of the identity. */
  domainKey?: string;
  persist: PersistMode;
  initialThread: string | null | undefined;
  onClientTool?: ClientToolHandler;
}

export class SessionController implements ReactiveController {
  /** The live session (undefined until an `api-url` is known). */
  session?: ChatSession;
  /** The newest snapshot. */
  state?: SessionState;
  /** Schedules the session's waits (resume polling); tests replace it before the session starts. */
  scheduler: Scheduler = systemScheduler;
  /** Schedules the session's notifications while an answer streams (one per frame); tests replace it. */
  notifyScheduler: (notify: () => void) => void = frameCadence();

  private config?: SessionConfig;
  private memory?: ElementMemory;
  private unsubscribe?: () => void;
  private resumeAbort?: AbortController;
  private disposeTimer?: ReturnType<typeof setTimeout>;
  /** While > 0, thread changes come from host code (a method call) and fire no `chatkit.thread.change`. */
  private quiet = 0;
  /** Item ids present when the current response started (what the live region must not repeat). */
  private itemsBeforeResponse?: Set<string>;

  constructor(private readonly host: SessionHost) {
    host.addController(this);
  }

  hostConnected(): void {
    clearTimeout(this.disposeTimer);
    if (this.config && !this.session) this.start(this.config);
  }

  hostDisconnected(): void {
    // Moving the element (remove + insert in one task, as frameworks do) must not lose the conversation:
    // dispose only if it is still detached once the current task is over.
    this.disposeTimer = setTimeout(() => {
      if (!this.host.isConnected) this.stop();
    });
  }

  /** Applies configuration; recreates the session only when the endpoint or the identity changed. */
  configure(config: SessionConfig): void {
    const previous = this.config;
    this.config = config;
    if (!config.url) return this.stop();
    this.memory = new ElementMemory(config.persist, config.url);
    if (previous && this.session && identity(previous) === identity(config)) return;
    this.stop();
    if (this.host.isConnected) this.start(config);
  }

  /** Runs `fn` as a host-initiated change (no `chatkit.thread.change`). */
  async quietly<T>(fn: () => Promise<T> | T): Promise<T> {
    this.quiet += 1;
    try {
      return await fn();
    } finally {
      this.quiet -= 1;
    }
  }

  private start(config: SessionConfig) {
    const host = this.host;
    // Always the newest closure: `setOptions` with a re-created `api.fetch` must not restart the session.
    const hostFetch = config.fetch
      ? (input: string, init: RequestInit) => this.currentFetch()(input, init)
      : undefined;
    const session = createSession({
      url: config.url,
      scheduler: (callback, ms) => this.scheduler(callback, ms),
      ...(hostFetch ? { fetch: hostFetch } : {}),
      // The host's own fetch decides identity (auth headers); otherwise the anonymous browser id does.
      userId: hostFetch ? undefined : () => anonymousUserId(),
      locale: () => host.resolvedLocale,
      scheduleNotify: (notify) => this.notifyScheduler(notify),
      onClientTool: (invocation) => {
        const handler = this.config?.onClientTool;
        if (!handler) throw new Error(`No client tool handler for "${invocation.name}"`);
        return handler(invocation);
      },
      onEffect: (effect) => emit(host, 'chatkit.effect', effect),
      onThreadChange: ({ threadId }) => {
        if (this.memory) this.memory.threadId = threadId;
        if (!this.quiet) emit(host, 'chatkit.thread.change', { threadId });
      },
      onResponseStart: () => {
        // Why: a response may add no answer (an action that only replaces a widget); the live region must
        // then stay quiet instead of repeating the previous answer, so only items new in this response count.
        this.itemsBeforeResponse = new Set((this.session?.getState().items ?? []).map((item) => item.id));
        emit(host, 'chatkit.response.start', undefined);
      },
      onResponseEnd: () => {
        emit(host, 'chatkit.response.end', undefined);
        const before = this.itemsBeforeResponse;
        this.itemsBeforeResponse = undefined;
        const items = this.session?.getState().items ?? [];
        // The newest answer of this response (an answer followed by a widget is still announced).
        const answer = [...items].reverse().find((item) => item.type === 'assistant_message');
        host.answerFinished(answer && !before?.has(answer.id) ? answer : undefined);
      },
      onError: ({ error }) => emit(host, 'chatkit.error', { error }),
      onMessageNotSent: ({ message, error }) => {
        // The thread is gone (deleted elsewhere): every further send would fail too, so start a new chat
        // (the remembered id is dropped with it) and let the user send the same text there.
        if (isNotFoundError(error) && this.session?.getState().thread) this.session.newThread();
        this.restoreDraft(message);
      },
      onLog: (detail) => emit(host, 'chatkit.log', detail),
      onThreadLoadStart: (detail) => {
        this.resumeAbort?.abort();
        emit(host, 'chatkit.thread.load.start', detail);
      },
      onThreadLoadEnd: (detail) => {
        emit(host, 'chatkit.thread.load.end', detail);
        this.settleLoad(session, detail.threadId);
      },
    });
    this.session = session;
    this.state = session.getState();
    this.unsubscribe = session.subscribe((state) => {
      const previous = this.state;
      this.state = state;
      if (previous && changesOnlyThreadContent(previous, state)) host.threadContentChanged();
      else host.requestUpdate();
    });
    const initial = config.initialThread !== undefined ? config.initialThread : this.memory?.threadId;
    if (initial) void this.quietly(() => this.load(initial));
  }

  private currentFetch(): typeof fetch {
    return this.config?.fetch ?? fetch.bind(window);
  }

  /** Loads a thread (what follows the load is decided in {@link settleLoad}). */
  async load(threadId: string): Promise<void> {
    await this.session?.loadThread(threadId);
  }

  /**
   * After every load of a thread, whoever started it (a reload, `setThreadId`, the history panel, Retry on
   * a failed load): a missing thread is forgotten, any other failure keeps the id for Retry, and an answer
   * still being generated elsewhere is polled until it is stored.
   */
  private settleLoad(session: ChatSession, threadId: string): void {
    const state = session.getState();
    if (failedLoadThreadId(state) === threadId) {
      if (isNotFoundError(state.error)) {
        // A remembered thread that no longer exists: forget it and show a fresh start screen.
        if (this.memory?.threadId === threadId) this.memory.threadId = null;
        session.clearError();
        session.newThread();
      } else if (this.memory) {
        // Any other failure (503, offline, chatkit-python's 500 for everything) may be temporary: keep the
        // id, and the error offers Retry (load again) and New chat.
        this.memory.threadId = threadId;
      }
      return;
    }
    if (state.thread?.id === threadId && isAwaitingResponse(state)) {
      this.resumeAbort?.abort();
      this.resumeAbort = new AbortController();
      void session.resume({ signal: this.resumeAbort.signal });
    }
  }

  /** Retry: loads a thread whose load failed again, else retries the last answer (the session decides). */
  async retry(itemId?: string): Promise<void> {
    await this.session?.retry(itemId);
  }

  /** New chat by the user; a thread whose load failed is no longer the one to reopen on the next visit. */
  newChat(): void {
    const session = this.session;
    if (!session) return;
    const failedLoad = failedLoadThreadId(session.getState());
    session.newThread();
    if (failedLoad && this.memory?.threadId === failedLoad) this.memory.threadId = null;
  }

  /** Gives the text of a message the server never stored back to the composer. */
  private restoreDraft(message: UserMessageItem): void {
    const text = message.content
      .map((part) => (part.type === 'input_text' ? part.text : ''))
      .join('')
      .trim();
    if (!text) return;
    const composer = this.host.shadowRoot?.querySelector<ChatComposerHandle>('chatkit-composer');
    composer?.restoreDraft(text);
  }

  private stop() {
    this.resumeAbort?.abort();
    this.unsubscribe?.();
    this.session?.dispose();
    this.unsubscribe = undefined;
    this.session = undefined;
  }
}

/** What makes a session a different one (see the module comment). */
function identity(config: SessionConfig): string {
  return JSON.stringify([config.url, config.domainKey ?? null, !!config.fetch]);
}
