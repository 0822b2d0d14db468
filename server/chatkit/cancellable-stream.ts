/**
 * Wraps an event generator so that the consumer can cancel it at any moment.
 *
 * An async generator's own `return()` waits until the generator reaches its next `yield`; a responder
 * blocked on a model call would then keep running. This wrapper aborts the generator's signal first, which
 * unblocks the response phase at once, and only then forwards `return()`.
 *
 * @module
 */
import { LazyAbort } from './lazy-abort.js';
import { canRelay, RELAY, type EventSink, type Relayable } from './relay.js';

/**
 * Starts `start(abort)` lazily on the first `next()` and returns a one-shot async iterable. `abort` aborts
 * when `parent` aborts (e.g. the request context's signal), or when the consumer calls `return()`/`throw()`.
 * A `parent` that is a {@link LazyAbort} (the request's own, see `adoptRequestAbort`) is used as the stream's:
 * it is aborted directly instead of deriving a second abort state and a listener from it.
 *
 * The generator may end by returning a *tail*, another async iterable whose events follow its own: the
 * stream then pulls from the tail directly. It is what `yield* tail` would do, minus one generator layer
 * (three promise hops) per event, which matters for the bulk of a turn, the deltas of the response phase.
 * `return()`/`throw()` reach the tail once it took over, exactly as they would reach it through `yield*`.
 * A consumer that takes events synchronously may ask for the tail's events to be relayed to it (relay.ts).
 */
export function cancellableStream<T>(
  start: (abort: LazyAbort) => AsyncGenerator<T, AsyncIterable<T> | void, undefined>,
  parent?: AbortSignal | LazyAbort,
): AsyncIterable<T> {
  return new CancellableStream(start, parent);
}

/**
 * The stream of {@link cancellableStream}: one object that is the iterable, its iterator and (when it derives
 * its controller from a foreign parent) the parent's abort listener, rather than a closure per method. An open
 * stream lasts as long as its answer, so what it keeps matters per connection.
 */
class CancellableStream<T> implements AsyncIterable<T>, AsyncIterator<T, void, undefined>, Relayable<T> {
  private readonly abort: LazyAbort;
  /** The parent signal this stream listens to (not adopted), until the listener is removed. */
  private parent: AbortSignal | undefined;
  private start: ((abort: LazyAbort) => AsyncGenerator<T, AsyncIterable<T> | void, undefined>) | undefined;
  private generator: AsyncGenerator<T, AsyncIterable<T> | void, undefined> | undefined;
  private tail: AsyncIterator<T, unknown, undefined> | undefined;
  /** A sink asked for before the tail took over (relay.ts), handed to the tail when it does. */
  private sink: EventSink<T> | undefined;
  /** The tail, while it can still be asked to relay (it took over, no sink yet). */
  private relayTail: Relayable<T> | undefined;
  private used = false;

  constructor(
    start: (abort: LazyAbort) => AsyncGenerator<T, AsyncIterable<T> | void, undefined>,
    parent: AbortSignal | LazyAbort | undefined,
  ) {
    this.start = start;
    if (parent instanceof LazyAbort) {
      this.abort = parent; // Nothing to forward: the parent is the stream's own abort state.
      return;
    }
    this.abort = new LazyAbort();
    if (parent?.aborted) this.abort.abort(parent.reason);
    else if (parent) {
      this.parent = parent;
      parent.addEventListener('abort', this, { once: true });
    }
  }

  /** The parent's abort listener (an EventListener object: no closure per stream). */
  handleEvent(): void {
    this.abort.abort(this.parent?.reason);
  }

  /** Removes the parent listener, once. */
  private release(): void {
    const { parent } = this;
    if (!parent) return;
    this.parent = undefined;
    parent.removeEventListener('abort', this);
  }

  /**
   * Relays the tail's events to `sink` (relay.ts): at once if the tail took over and can relay, else when it
   * takes over. The generator's own events (before its tail) are still pulled.
   */
  [RELAY](sink: EventSink<T>): void {
    if (!this.tail) this.sink = sink;
    else {
      this.relayTail?.[RELAY](sink);
      this.relayTail = undefined;
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T, void, undefined> {
    if (this.used) throw new Error('a ChatKit event stream can be iterated only once');
    this.used = true;
    return this;
  }

  private fromTail(): Promise<IteratorResult<T, void>> {
    const result = this.tail!.next() as Promise<IteratorResult<T, void>>;
    if (this.parent)
      result.then(
        (settled) => settled.done && this.release(),
        () => this.release(),
      );
    return result;
  }

  next(): Promise<IteratorResult<T, void>> {
    // Not an `async` method: once the tail took over (every delta of an answer), its promise is handed on as
    // it is, without a promise of our own that adopts it (one allocation and two microtask jobs per event).
    if (!this.tail) return this.fromGenerator();
    try {
      return this.fromTail();
    } catch (error) {
      return Promise.reject(error); // as an async method would have answered a synchronous throw
    }
  }

  private async fromGenerator(): Promise<IteratorResult<T, void>> {
    if (!this.generator) {
      const start = this.start!;
      this.start = undefined;
      this.generator = start(this.abort);
    }
    const result = await this.generator.next();
    if (!result.done) return result;
    if (result.value) {
      const tail = result.value;
      const { sink } = this;
      this.sink = undefined;
      if (canRelay<T>(tail)) {
        if (sink) tail[RELAY](sink);
        else this.relayTail = tail; // a consumer may still ask once the tail runs (its first event pulled)
      }
      this.tail = tail[Symbol.asyncIterator]();
      // The finished generator is no longer addressed (see current()): an open stream need not keep it.
      this.generator = undefined;
      return this.fromTail();
    }
    this.release();
    return { done: true, value: undefined };
  }

  /** What `return()`/`throw()` address: the tail once it took over, else the generator. */
  private current(): AsyncIterator<T, unknown, undefined> | undefined {
    return this.tail ?? this.generator;
  }

  async return(): Promise<IteratorResult<T, void>> {
    this.abort.abort(new Error('stream closed by the consumer'));
    this.release();
    const active = this.current();
    // Never started: nothing to clean up.
    if (!active?.return) return { done: true, value: undefined };
    await active.return(undefined);
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<T, void>> {
    this.abort.abort(error);
    this.release();
    const active = this.current();
    if (!active?.throw) throw error;
    return (await active.throw(error)) as IteratorResult<T, void>;
  }
}
