/**
 * Wraps an event generator so that the consumer can cancel it at any moment.
 *
 * An async generator's own `return()` waits until the generator reaches its next `yield`; a responder
 * blocked on a model call would then keep running. This wrapper aborts the generator's signal first, which
 * unblocks the response phase at once, and only then forwards `return()`.
 *
 * @module
 */

/** Signals of {@link requestAbortController}s not yet adopted by a stream, with their controllers. */
const adoptable = new WeakMap<AbortSignal, AbortController>();

/**
 * An AbortController for one request (the Express router makes one per request and puts its signal in the
 * request context). The first event stream created with its signal as parent uses that very controller: the
 * stream's `return()`/`throw()` abort it, so nothing else may rely on it staying unaborted after the stream was
 * closed by its consumer. Saves an AbortController and an abort listener per streamed request.
 */
export function requestAbortController(): AbortController {
  const controller = new AbortController();
  adoptable.set(controller.signal, controller);
  return controller;
}

/**
 * Starts `start(signal)` lazily on the first `next()` and returns a one-shot async iterable. The signal aborts
 * when `parent` aborts (e.g. the request context's signal), or when the consumer calls `return()`/`throw()`.
 *
 * The generator may end by returning a *tail*, another async iterable whose events follow its own: the
 * stream then pulls from the tail directly. It is what `yield* tail` would do, minus one generator layer
 * (three promise hops) per event, which matters for the bulk of a turn, the deltas of the response phase.
 * `return()`/`throw()` reach the tail once it took over, exactly as they would reach it through `yield*`.
 */
export function cancellableStream<T>(
  start: (signal: AbortSignal) => AsyncGenerator<T, AsyncIterable<T> | void, undefined>,
  parent?: AbortSignal,
): AsyncIterable<T> {
  // A request signal made by requestAbortController() is this stream's alone: it is aborted directly instead
  // of deriving a second controller (and a listener) from it. Adopted once, by the first stream.
  const adopted = parent && !parent.aborted ? adoptable.get(parent) : undefined;
  if (adopted) adoptable.delete(parent!);
  const controller = adopted ?? new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (adopted) {
    // Nothing to forward: the parent is the stream's own signal.
  } else if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const release = adopted ? undefined : () => parent?.removeEventListener('abort', onParentAbort);
  let generator: AsyncGenerator<T, AsyncIterable<T> | void, undefined> | undefined;
  let tail: AsyncIterator<T, unknown, undefined> | undefined;
  /** What `return()`/`throw()` address: the tail once it took over, else the generator. */
  const current = () => tail ?? generator;

  const fromTail = (): Promise<IteratorResult<T, void>> => {
    const result = tail!.next() as Promise<IteratorResult<T, void>>;
    if (release) result.then((settled) => settled.done && release(), release);
    return result;
  };

  const iterator: AsyncIterator<T, void, undefined> = {
    async next() {
      if (tail) return fromTail();
      generator ??= start(controller.signal);
      const result = await generator.next();
      if (!result.done) return result;
      if (result.value) {
        tail = result.value[Symbol.asyncIterator]();
        // The finished generator is no longer addressed (see current()): an open stream need not keep it.
        generator = undefined;
        return fromTail();
      }
      release?.();
      return { done: true, value: undefined };
    },
    async return() {
      controller.abort(new Error('stream closed by the consumer'));
      release?.();
      const active = current();
      // Never started: nothing to clean up.
      if (!active?.return) return { done: true, value: undefined };
      await active.return(undefined);
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      controller.abort(error);
      release?.();
      const active = current();
      if (!active?.throw) throw error;
      return (await active.throw(error)) as IteratorResult<T, void>;
    },
  };
  let used = false;
  return {
    [Symbol.asyncIterator]() {
      if (used) throw new Error('a ChatKit event stream can be iterated only once');
      used = true;
      return iterator;
    },
  };
}
