/**
 * Writing a stream of ChatKit events as Server-Sent Events (PROTOCOL.md §1.3): `data: <json>\n\n` per
 * event, nothing else (no event names, ids, comments or end marker), one `write` per event so each event
 * leaves the process as soon as it exists.
 *
 * Disconnects: when the client goes away before the stream ends, the request's AbortController is aborted
 * (the responder's signal) and the events iterator's `return()` is called, which makes the ChatKit server run
 * its cancellation clean-up. Nothing is written after that, and a late write never throws.
 *
 * @module
 */
import { once } from 'node:events';
import type { Response } from 'express';
import { encodeSSE } from '../../src/protocol/sse.js';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import type { Logger } from '../logger.js';

/** The error event sent when the events iterator itself fails after the response started. */
const STREAM_FAILED: ThreadStreamEvent = { type: 'error', code: 'stream.error', allow_retry: true };

/** Arguments of {@link writeEventStream}. */
export interface EventStreamTarget {
  res: Response;
  /** The iterator, already advanced once: `first` is its first result. */
  iterator: AsyncIterator<ThreadStreamEvent>;
  first: IteratorResult<ThreadStreamEvent>;
  /** Aborted on client disconnect (its signal is in the request context). */
  controller: AbortController;
  logger: Logger;
}

/** Sets the SSE headers and sends them at once, so the client sees the stream open before the first event. */
export function startEventStream(res: Response): void {
  res.status(200);
  res.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  res.flushHeaders();
  // Small frames must not wait for Nagle's algorithm to coalesce them.
  res.socket?.setNoDelay(true);
}

/**
 * Streams every event to the response and ends it. Resolves when the stream ended or the client left;
 * never rejects.
 */
export async function writeEventStream(target: EventStreamTarget): Promise<void> {
  const { res, iterator, controller, logger } = target;
  let closed = false;
  let closing: Promise<unknown> = Promise.resolve();
  const onClose = () => {
    if (res.writableFinished || closed) return;
    closed = true;
    controller.abort(new Error('client disconnected'));
    // Cancels the server's generator (its clean-up persists the partial answer); if the generator is busy,
    // the request is queued until its current step ends.
    closing = Promise.resolve()
      .then(() => iterator.return?.())
      .catch((error: unknown) => logger.warn({ err: error }, 'events iterator failed to close'));
  };
  res.on('close', onClose);
  if (res.destroyed) onClose();

  const write = async (event: ThreadStreamEvent): Promise<void> => {
    if (closed || res.destroyed || res.writableEnded) return;
    try {
      if (!res.write(encodeSSE(event))) {
        // Backpressure: wait until the socket drained or closed instead of buffering without bound.
        const settled = new AbortController();
        await Promise.race([
          once(res, 'drain', { signal: settled.signal }),
          once(res, 'close', { signal: settled.signal }),
        ]).finally(() => settled.abort());
      }
    } catch (error) {
      logger.debug({ err: error }, 'write after close ignored');
    }
  };

  try {
    let result = target.first;
    while (!result.done && !closed) {
      await write(result.value);
      if (closed) break;
      result = await iterator.next();
    }
  } catch (error) {
    if (!closed) {
      logger.error({ err: error }, 'event stream failed');
      await write(STREAM_FAILED);
    }
  } finally {
    res.off('close', onClose);
    if (!closed && !res.writableEnded) res.end();
    // Settle only after the cancellation clean-up, so a shutdown can wait for it before closing the store.
    await closing;
  }
}
