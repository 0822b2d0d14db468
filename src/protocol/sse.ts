/**
 * Server-Sent Events codec for ChatKit streams (PROTOCOL.md §1.3).
 *
 * Encoding is the reference server's exact framing: `data: ` + compact JSON + `\n\n`. Decoding follows the
 * WHATWG rules (CR/LF/CRLF line ends, multi-line `data:` joined with `\n`, comments/heartbeats and
 * `event:`/`id:`/`retry:`/unknown fields ignored, a byte-order mark skipped by the UTF-8 decoder), so it also
 * works behind proxies and servers that add keep-alives. Only `data` matters to ChatKit, so the line reader is
 * our own ({@link createDataReader}, a few lines) rather than a full EventSource parser: the test suite checks it
 * against eventsource-parser on random streams cut at random places. Each message's data is parsed as one
 * {@link ThreadStreamEvent}; a broken message becomes one `{ ok: false }` result and decoding goes on, because
 * one bad event must not cost the user the rest of the answer.
 *
 * @module
 */

import { abortReason, ChatKitClientError, CLIENT_ERROR_CODES } from './client-errors.js';
import { createDataReader } from './sse-reader.js';
import type { ThreadStreamEvent } from './types.js';

/** One decoded SSE message: a stream event, or why its data was not one. */
export type DecodedEvent =
  { ok: true; event: ThreadStreamEvent } | { ok: false; error: ChatKitClientError; data: string };

/** Options of {@link decodeSSEStream}. */
export interface DecodeSSEOptions {
  /**
   * The most characters one SSE message may buffer (a partial line plus the event's accumulated data).
   * Exceeding it throws a `stream.buffer_exceeded` error: the parser cannot find the next message boundary
   * reliably afterwards, so the stream is abandoned rather than resynchronised.
   *
   * @defaultValue {@link DEFAULT_MAX_BUFFER_SIZE}
   */
  maxBufferSize?: number;
  /** Aborting stops reading (the body is cancelled) and the iteration throws the abort reason. */
  signal?: AbortSignal;
}

/**
 * 16 Mi characters. Generous because the Agents bridge sends generated images as `data:` URLs inside one
 * event (§6.2), yet bounded so a hostile or broken stream cannot exhaust memory.
 */
export const DEFAULT_MAX_BUFFER_SIZE = 16 * 1024 * 1024;

/**
 * Serialises one event exactly as the reference server writes it: `data: <compact JSON>\n\n`.
 * `JSON.stringify` escapes line breaks inside strings, so a payload is always one line. Callers that need
 * the server's "drop null fields" rule (§0) apply it before encoding.
 */
export function encodeSSE(event: ThreadStreamEvent | { type: string; [key: string]: unknown }): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/**
 * Members each known event type cannot do without; anything else is tolerated (§0: extra keys ignored,
 * optional keys absent). A known type missing one of these would corrupt state, so it is reported instead.
 */
const REQUIRED_MEMBERS: Readonly<Record<string, (event: Record<string, unknown>) => boolean>> = {
  'thread.created': (e) => hasId(e.thread),
  'thread.updated': (e) => hasId(e.thread),
  'thread.item.added': (e) => isItem(e.item),
  'thread.item.done': (e) => isItem(e.item),
  'thread.item.replaced': (e) => isItem(e.item),
  'thread.item.updated': (e) => typeof e.item_id === 'string' && hasType(e.update),
  'thread.item.removed': (e) => typeof e.item_id === 'string',
  stream_options: (e) => isObject(e.stream_options) && typeof e.stream_options.allow_cancel === 'boolean',
  progress_update: (e) => typeof e.text === 'string',
  client_effect: (e) => typeof e.name === 'string',
  error: (e) => typeof e.code === 'string',
  notice: (e) => typeof e.message === 'string',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function hasType(value: unknown): boolean {
  return isObject(value) && typeof value.type === 'string';
}
function hasId(value: unknown): boolean {
  return isObject(value) && typeof value.id === 'string';
}
function isItem(value: unknown): boolean {
  return hasId(value) && hasType(value);
}

/**
 * Parses the data of one SSE message into a stream event. Never throws.
 *
 * @param data - The message data (multi-line data already joined with `\n`).
 */
export function parseEventData(data: string): DecodedEvent {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (cause) {
    return malformed(data, `Event data is not valid JSON: ${(cause as Error).message}`, cause);
  }
  if (!isObject(value) || typeof value.type !== 'string') {
    return malformed(data, 'Event data is not a JSON object with a string "type".');
  }
  const check = REQUIRED_MEMBERS[value.type];
  if (check && !check(value)) return malformed(data, `Event "${value.type}" lacks required members.`);
  return { ok: true, event: value as unknown as ThreadStreamEvent };
}

function malformed(data: string, message: string, cause?: unknown): DecodedEvent {
  return {
    ok: false,
    data,
    error: new ChatKitClientError(CLIENT_ERROR_CODES.malformedEvent, message, { cause }),
  };
}

/**
 * Decodes a response body of ChatKit SSE into events, in order, as they arrive.
 *
 * Read errors of the body (a dropped connection) propagate unchanged; the transport turns them into
 * `stream.interrupted`. An incomplete last message (no blank line before the body ended) is discarded, as
 * the WHATWG rules require.
 *
 * @param body - The raw response body.
 * @param options - Buffer limit and abort signal.
 * @returns An async iterable of decoded messages; breaking out of the loop cancels the body.
 */
export async function* decodeSSEStream(
  body: ReadableStream<Uint8Array>,
  options: DecodeSSEOptions = {},
): AsyncGenerator<DecodedEvent, void, undefined> {
  const { signal, maxBufferSize = DEFAULT_MAX_BUFFER_SIZE } = options;
  if (signal?.aborted) throw abortReason(signal);
  const reader = body.getReader();
  // TextDecoder in streaming mode keeps multibyte sequences split across chunks intact and drops a BOM.
  const decoder = new TextDecoder('utf-8');
  const ready: DecodedEvent[] = [];
  const feed = createDataReader((data) => ready.push(parseEventData(data)));
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  let endsWithCR = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      // A cancelled reader reports `done`; an abort must not look like a normal end of turn.
      if (signal?.aborted) throw abortReason(signal);
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (text !== '') endsWithCR = text.endsWith('\r');
      let buffered = feed(text);
      if (done) {
        // A CR held back at the end of the body was a complete line end (CR-only framing): complete it, or
        // the last event would be lost (unless the limit was already passed: that stream is abandoned).
        if (endsWithCR && buffered <= maxBufferSize) buffered = feed('\n');
        finished = true;
      }
      while (ready.length > 0) yield ready.shift()!;
      // The reader cannot find the next message boundary reliably past the limit: the stream is abandoned.
      if (buffered > maxBufferSize) {
        throw new ChatKitClientError(
          CLIENT_ERROR_CODES.bufferExceeded,
          `An SSE message exceeded ${maxBufferSize} characters.`,
        );
      }
      if (finished) return;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Early exit (break, throw, abort): release the connection instead of leaving the body half-read.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
