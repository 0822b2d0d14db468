/**
 * Wraps an event generator so that the consumer can cancel it at any moment.
 *
 * An async generator's own `return()` waits until the generator reaches its next `yield`; a responder
 * blocked on a model call would then keep running. This wrapper aborts the generator's signal first, which
 * unblocks the response phase at once, and only then forwards `return()`.
 *
 * @module
 */

/**
 * Starts `start(signal)` lazily on the first `next()` and returns a one-shot async iterable. The signal aborts
 * when `parent` aborts (e.g. the request context's signal), or when the consumer calls `return()`/`throw()`.
 */
export function cancellableStream<T>(
  start: (signal: AbortSignal) => AsyncGenerator<T, void, undefined>,
  parent?: AbortSignal,
): AsyncIterable<T> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const release = () => parent?.removeEventListener('abort', onParentAbort);
  let generator: AsyncGenerator<T, void, undefined> | undefined;
  const get = () => (generator ??= start(controller.signal));

  const iterator: AsyncIterator<T, void, undefined> = {
    next() {
      const result = get().next();
      result.then((settled) => settled.done && release(), release);
      return result;
    },
    async return() {
      controller.abort(new Error('stream closed by the consumer'));
      release();
      // Never started: nothing to clean up.
      if (!generator) return { done: true, value: undefined };
      return generator.return(undefined);
    },
    async throw(error?: unknown) {
      controller.abort(error);
      release();
      if (!generator) throw error;
      return generator.throw(error);
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
