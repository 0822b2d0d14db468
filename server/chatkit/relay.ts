/**
 * Direct relay: how a consumer that takes every event at once (the SSE writer) receives a stream's events
 * pushed to it, instead of pulling each one with `next()`.
 *
 * A pulled event crosses three async layers (the response phase's generator, the cancellable stream, the
 * consumer's `await`): a promise chain and several microtask jobs per event, and most of the objects a
 * streamed turn allocates. A relayed event is handed to the sink by the response phase itself, in the same
 * job that received it from the responder; the consumer's one pending `next()` settles when the phase ends.
 * Everything else stays as it was: the stream is still an `AsyncIterable` (`return()` and `throw()` as
 * before), the events and their order are the same, abort and clean-up go through the same code.
 *
 * @module
 */

/**
 * Takes events synchronously. `write` must be done with the event (serialized or copied) when it returns:
 * the producer may let the responder change its objects right after. It returns a promise only when the
 * consumer pushes back; the producer then waits for it before the next event.
 */
export interface EventSink<T> {
  write(event: T): Promise<unknown> | undefined;
}

/** The method a stream that can relay its events offers, under this symbol (internal, not public API). */
export const RELAY: unique symbol = Symbol('chatkit.relay');

/** A stream (or a stream's tail) that can push its events to an {@link EventSink}. */
export interface Relayable<T> {
  /** From now on, hand events to `sink` rather than yielding them (call before iteration reaches them). */
  [RELAY](sink: EventSink<T>): void;
}

/** Whether `value` offers {@link RELAY}. */
export function canRelay<T>(value: unknown): value is Relayable<T> {
  return typeof (value as Partial<Relayable<T>> | null)?.[RELAY] === 'function';
}
