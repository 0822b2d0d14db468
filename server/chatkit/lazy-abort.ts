/**
 * The server's internal abort state of one request or stream: what the router, `cancellableStream`, the
 * response phase and the SSE writer share instead of an `AbortController`. The real `AbortSignal` is made only
 * when someone asks for it (a responder reading `ctx.signal`, user code reading the request context's
 * `signal`); it is then exactly the signal an `AbortController` aborted at the same moment would be: already
 * aborted, with the same reason, when it is first read after the abort.
 *
 * Why: an `AbortController` with its signal is ~0.8 KB per open stream, and every EventTarget listener another
 * ~0.3 KB plus the CPU of adding and removing it; most responders (scripted, or a model client that takes no
 * signal) never read the signal.
 *
 * @module
 */

/** Told when a {@link LazyAbort} aborts: an object, like an EventListener object (no closure needed). */
export interface AbortListener {
  handleEvent(): void;
}

/** See the module comment. Internal: the public API only ever hands out its {@link LazyAbort.signal}. */
export class LazyAbort {
  aborted = false;
  reason: unknown = undefined;
  /** Taken by an event stream (see {@link adoptRequestAbort}). */
  adopted = false;
  private controller: AbortController | undefined;
  /** Internal listeners, in the order they were added: one (the usual case) or several. */
  private listeners: AbortListener | AbortListener[] | undefined;

  /** The real signal, made on first read (already aborted, with {@link reason}, when read after the abort). */
  get signal(): AbortSignal {
    let controller = this.controller;
    if (!controller) {
      controller = this.controller = new AbortController();
      if (this.aborted) controller.abort(this.reason);
    }
    return controller.signal;
  }

  /** Whether the real signal was made (tests and benchmarks). */
  get signalMade(): boolean {
    return this.controller !== undefined;
  }

  /**
   * Aborts once, like `AbortController.abort`: no reason is a DOMException `AbortError`. The internal listeners
   * run first (they are added before any responder runs, as their signal listeners were), then the real
   * signal's listeners, if it exists.
   */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason =
      reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    const { listeners } = this;
    this.listeners = undefined;
    if (Array.isArray(listeners)) for (const listener of listeners) listener.handleEvent();
    else listeners?.handleEvent();
    this.controller?.abort(this.reason);
  }

  /** Adds an internal listener, called once on abort (never when already aborted: check `aborted` first). */
  listen(listener: AbortListener): void {
    const { listeners } = this;
    if (!listeners) this.listeners = listener;
    else if (Array.isArray(listeners)) listeners.push(listener);
    else this.listeners = [listeners, listener];
  }

  /** Removes an internal listener added with {@link listen}. */
  unlisten(listener: AbortListener): void {
    const { listeners } = this;
    if (listeners === listener) this.listeners = undefined;
    else if (Array.isArray(listeners)) {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    }
  }
}

/**
 * Where a request context made by {@link withLazySignal} keeps its {@link LazyAbort}: a non-enumerable own
 * property under a private symbol, so spreads, `Object.keys` and JSON do not see it. (A WeakMap from context to
 * abort state did the same at ~2 µs per request once its GC cost is counted: every entry is an ephemeron the
 * scavenges must process, and a busy server makes and drops contexts constantly.)
 */
const REQUEST_ABORT: unique symbol = Symbol('chatkit.requestAbort');
/** The same for response contexts (see {@link attachResponseSignal}), apart so neither is taken for the other. */
const RESPONSE_ABORT: unique symbol = Symbol('chatkit.responseAbort');

interface Holder {
  [REQUEST_ABORT]?: LazyAbort;
  [RESPONSE_ABORT]?: LazyAbort;
}

/** The `signal` getters: one descriptor and one function each for all objects (no closure per request). */
const REQUEST_SIGNAL: PropertyDescriptor = {
  get(this: Holder): AbortSignal | undefined {
    return this[REQUEST_ABORT]?.signal;
  },
  enumerable: true,
  configurable: true,
};
const RESPONSE_SIGNAL: PropertyDescriptor = {
  get(this: Holder): AbortSignal | undefined {
    return this[RESPONSE_ABORT]?.signal;
  },
  enumerable: true,
  configurable: true,
};

/**
 * Gives a response context its `signal` getter backed by `abort` (the real signal made on first read). Added
 * after the object literal: a getter in the literal (a closure per context) would put every context in
 * dictionary mode (~0.8 KB more per open stream).
 */
export function attachResponseSignal(ctx: object, abort: LazyAbort): void {
  Object.defineProperty(ctx, RESPONSE_ABORT, { value: abort, configurable: true });
  Object.defineProperty(ctx, 'signal', RESPONSE_SIGNAL);
}

/**
 * Gives `context` a `signal` getter backed by a new {@link LazyAbort}, which it returns (the Express router
 * does this per request). The first event stream made for this context adopts that abort state (see
 * {@link adoptRequestAbort}); its `return()`/`throw()` abort it, as they aborted the request's controller before.
 */
export function withLazySignal(context: object): LazyAbort {
  const abort = new LazyAbort();
  Object.defineProperty(context, REQUEST_ABORT, { value: abort, configurable: true });
  Object.defineProperty(context, 'signal', REQUEST_SIGNAL);
  return abort;
}

/**
 * The {@link LazyAbort} behind `context.signal` if it was made by {@link withLazySignal} and no stream adopted
 * it yet; adopted once.
 */
export function adoptRequestAbort(context: object): LazyAbort | undefined {
  if (!Object.hasOwn(context, REQUEST_ABORT)) return undefined;
  const abort = (context as Holder)[REQUEST_ABORT];
  if (!abort || abort.adopted) return undefined;
  abort.adopted = true;
  return abort;
}
