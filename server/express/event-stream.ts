/**
 * Writing a stream of ChatKit events as Server-Sent Events (PROTOCOL.md §1.3): `data: <json>\n\n` per
 * event, nothing else (no event names, ids, comments or end marker). Each event leaves the process by the end
 * of the next turn of the event loop; events produced in those two turns share one socket write.
 *
 * Disconnects are detected in one place, the router (`chatkit-router.ts`), which aborts the request's abort
 * state (the responder's signal). Here that abort stops the writing and calls the events iterator's `return()`,
 * which makes the ChatKit server run its cancellation clean-up. Nothing is written after that, and a late
 * write never throws.
 *
 * @module
 */
import { once } from 'node:events';
import type { Response } from 'express';
import { encodeSSE } from '../../src/protocol/sse.js';
import { canRelay, RELAY } from '../chatkit/relay.js';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import type { Logger } from '../logger.js';

/** Characters of queued events written at once rather than at the end of the next turn. */
const BATCH_LIMIT = 16 * 1024;

/** The update type of a text delta, the bulk of a streamed answer's events. */
const TEXT_DELTA = 'assistant_message.content_part.text_delta';
const DELTA_EVENT_KEYS = ['type', 'item_id', 'update'];
const DELTA_UPDATE_KEYS = ['type', 'content_index', 'delta'];
const DELTA_HEAD = 'data: {"type":"thread.item.updated","item_id":';
const DELTA_UPDATE_HEAD = `,"update":{"type":"${TEXT_DELTA}","content_index":`;

/** Whether `value`'s enumerable keys (own and inherited: what `for…in` sees) are exactly `keys`, own, in order. */
function hasExactKeys(value: object, keys: readonly string[]): boolean {
  let index = 0;
  for (const key in value) {
    if (key !== keys[index++] || !Object.hasOwn(value, key)) return false;
  }
  return index === keys.length;
}

/**
 * One event as an SSE message: `encodeSSE`'s exact bytes. A plain text delta (exactly its three wire members
 * in their usual order, an integer `content_index`, string `item_id` and `delta`, no `toJSON`) is framed from
 * constant parts, with only its two strings serialized: ~3 × cheaper than serializing the whole object, and
 * the same output (JSON writes own enumerable members in `for…in` order, an integer as `String` does).
 * Every other event goes through `encodeSSE`.
 */
export function encodeEvent(event: ThreadStreamEvent): string {
  if (event.type === 'thread.item.updated') {
    const update = event.update as unknown as Record<string, unknown> | null;
    const itemId: unknown = event.item_id;
    if (
      typeof update === 'object' &&
      update !== null &&
      update.type === TEXT_DELTA &&
      typeof itemId === 'string' &&
      typeof update.delta === 'string' &&
      Number.isInteger(update.content_index) &&
      (event as { toJSON?: unknown }).toJSON === undefined &&
      update.toJSON === undefined &&
      hasExactKeys(event, DELTA_EVENT_KEYS) &&
      hasExactKeys(update, DELTA_UPDATE_KEYS)
    ) {
      return `${DELTA_HEAD}${JSON.stringify(itemId)}${DELTA_UPDATE_HEAD}${String(update.content_index)},"delta":${JSON.stringify(update.delta)}}}\n\n`;
    }
  }
  return encodeSSE(event);
}

/** The error event sent when the events iterator itself fails after the response started. */
const STREAM_FAILED: ThreadStreamEvent = { type: 'error', code: 'stream.error', allow_retry: true };

/** Arguments of {@link writeEventStream}. */
export interface EventStreamTarget {
  res: Response;
  /** The iterator, already advanced once: `first` is its first result. */
  iterator: AsyncIterator<ThreadStreamEvent>;
  /** Cleared by {@link writeEventStream} once taken, so a long stream does not retain it. */
  first: IteratorResult<ThreadStreamEvent> | undefined;
  /** Aborted on client disconnect (the router's abort state, behind the request context's signal). */
  abort: { readonly aborted: boolean };
  logger: Logger;
  /**
   * Set by {@link writeEventStream} while it writes: whoever aborts `abort` on a disconnect (the router) calls
   * its `handleEvent()` right after, instead of the writer adding an `abort` listener of its own (an
   * EventTarget listener record is ~0.3 KB per open stream, and adding and removing one costs CPU per request).
   */
  writer?: { handleEvent(): void };
}

/** Sets the SSE headers and sends them at once, so the client sees the stream open before the first event. */
export function startEventStream(res: Response): void {
  // Plain setHeader: Express's res.set() would only re-derive the charset the Content-Type already names.
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.setHeader('Connection', 'keep-alive');
  // No flushHeaders(): the first event is already at hand (the router pulls it before committing to SSE),
  // and writeEventStream sends it with the headers in one packet instead of two.
  // Small frames must not wait for Nagle's algorithm to coalesce them.
  res.socket?.setNoDelay(true);
}

/**
 * Streams every event to the response and ends it. Resolves when the stream ended or the client left;
 * never rejects.
 */
export async function writeEventStream(target: EventStreamTarget): Promise<void> {
  const writer = new EventStreamWriter(target);
  const { iterator, abort, logger } = target;
  if (abort.aborted) writer.handleEvent();
  else target.writer = writer;
  // The response phase writes its events to the writer itself (relay.ts) instead of handing each one through
  // the iterator: the `next()` below then settles once, when the phase ends.
  if (canRelay<ThreadStreamEvent>(iterator)) iterator[RELAY](writer);

  try {
    let result = target.first ?? { done: true, value: undefined };
    target.first = undefined;
    while (!result.done && !writer.closed) {
      const waiting = writer.write(result.value);
      if (waiting) await waiting;
      if (writer.closed) break;
      result = await iterator.next();
    }
  } catch (error) {
    if (!writer.closed) {
      logger.error({ err: error }, 'event stream failed');
      await writer.write(STREAM_FAILED);
    }
  } finally {
    target.writer = undefined;
    writer.end();
    // Settle only after the cancellation clean-up, so a shutdown can wait for it before closing the store.
    await writer.closing;
  }
}

// The writers with events waiting, for all streams: `joining` holds those that queued events in this turn of
// the event loop, `due` those that did in the previous turn, flushed in this turn's check phase. One immediate
// per turn serves every stream (instead of two per stream and turn), and a writer that ends or closes leaves
// the sets at once: nothing keeps a finished stream's response, iterator and writer alive for two more turns
// (which made every scavenge of a busy server copy the last turns' finished requests).
let joining = new Set<EventStreamWriter>();
let due = new Set<EventStreamWriter>();
let armed = false;

function scheduleFlush(writer: EventStreamWriter): void {
  joining.add(writer);
  if (!armed) {
    armed = true;
    setImmediate(checkPhase);
  }
}

function unscheduleFlush(writer: EventStreamWriter): void {
  joining.delete(writer);
  due.delete(writer);
}

function checkPhase(): void {
  armed = false;
  const flushing = due;
  due = joining;
  joining = new Set();
  for (const writer of flushing) writer.flush();
  if (due.size > 0 || joining.size > 0) {
    armed = true;
    setImmediate(checkPhase);
  }
}

/**
 * The state of one event stream in one object (an open stream lasts as long as its answer: no closure per
 * stream). Its `handleEvent()` is what the router calls when the client left (see EventStreamTarget.writer).
 */
class EventStreamWriter {
  closed = false;
  closing: Promise<unknown> = Promise.resolve();
  /** Events produced in the same turn of the event loop or the next, joined for one socket write. */
  private batch = '';
  private scheduled = false;
  private backpressure: Promise<unknown> | null = null;
  private readonly res: Response;
  private readonly iterator: AsyncIterator<ThreadStreamEvent>;
  private readonly logger: Logger;

  constructor(target: EventStreamTarget) {
    this.res = target.res;
    this.iterator = target.iterator;
    this.logger = target.logger;
  }

  /** The client left (the request aborted); also how the stream is stopped when it was aborted early. */
  handleEvent(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.scheduled) {
      this.scheduled = false;
      unscheduleFlush(this);
    }
    // Cancels the server's generator (its clean-up persists the partial answer); if the generator is busy,
    // the request is queued until its current step ends.
    const { iterator, logger } = this;
    this.closing = Promise.resolve()
      .then(() => iterator.return?.())
      .catch((error: unknown) => logger.warn({ err: error }, 'events iterator failed to close'));
  }

  // Events produced in the same turn of the event loop (a responder yielding several at once) or in the next
  // one leave together in one socket write: they are joined into one chunk written at the end of the next
  // turn's check phase, so an event waits at most one more turn. The second turn is the one a group-committed
  // store write takes (SQLite acknowledges the finished answer there): the events before it and the persisted
  // item after it then leave in one write instead of two. The loop does not block in between (a pending
  // immediate makes the poll phase non-blocking), so the wait is the time other ready callbacks take.
  flush(): void {
    this.scheduled = false;
    const chunk = this.batch;
    this.batch = '';
    const { res } = this;
    if (!chunk || this.closed || res.destroyed || res.writableEnded) return;
    try {
      if (!res.write(chunk)) {
        // Backpressure: the next event waits until the socket drained or closed instead of buffering
        // without bound.
        const settled = new AbortController();
        this.backpressure = Promise.race([
          once(res, 'drain', { signal: settled.signal }),
          once(res, 'close', { signal: settled.signal }),
        ])
          .catch(() => undefined)
          .finally(() => settled.abort());
      }
    } catch (error) {
      this.logger.debug({ err: error }, 'write after close ignored');
    }
  }

  /** Queues one event; returns a promise only when the socket pushed back and the caller has to wait. */
  write(event: ThreadStreamEvent): Promise<unknown> | undefined {
    const { res } = this;
    if (this.closed || res.destroyed || res.writableEnded) return undefined;
    this.batch += encodeEvent(event);
    // A producer that never leaves the microtask queue would grow the batch without bound: past the
    // socket's high-water mark it is written at once, and backpressure applies as for any write.
    if (this.batch.length >= BATCH_LIMIT) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      scheduleFlush(this);
    }
    const waiting = this.backpressure;
    if (!waiting) return undefined;
    this.backpressure = null;
    return waiting;
  }

  /** Ends the response unless the client left: the last events leave with it. */
  end(): void {
    const { res } = this;
    if (this.scheduled) {
      this.scheduled = false;
      unscheduleFlush(this);
    }
    if (this.closed || res.writableEnded || res.destroyed) return;
    const rest = this.batch;
    this.batch = '';
    if (rest) res.end(rest);
    else res.end();
  }
}
