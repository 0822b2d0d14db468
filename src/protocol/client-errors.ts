/**
 * The one error type of the protocol client: every failure the transport, the SSE decoder or the session
 * surfaces is a {@link ChatKitClientError} with a stable `code`, so the element shows one message and fires
 * one `chatkit.error` event per failure without parsing message strings.
 *
 * @module
 */

/**
 * Codes the client itself produces. Servers may send any other code in `{ "error": { "code" } }`; those are
 * passed through unchanged, and HTTP failures without such a body become `http_<status>`.
 */
export const CLIENT_ERROR_CODES = {
  /** `fetch` rejected before a response arrived (offline, DNS, CORS, connection refused). */
  network: 'network',
  /** The response of a streaming request was not `text/event-stream`. */
  badContentType: 'stream.bad_content_type',
  /** The body of a streaming response ended abnormally (connection dropped mid-body). */
  interrupted: 'stream.interrupted',
  /** A send's stream ended without echoing the user message: the server rejected it without an event (§1.4). */
  notAccepted: 'stream.not_accepted',
  /** One SSE message was not a JSON object with a `type` (or lacked the members its type requires). */
  malformedEvent: 'stream.malformed_event',
  /** An SSE message grew beyond the decoder's `maxBufferSize`; the stream cannot be resynchronised. */
  bufferExceeded: 'stream.buffer_exceeded',
  /** A JSON response body could not be parsed. */
  invalidJson: 'invalid_json',
  /** An intent needs a current thread but there is none (e.g. a custom action on the start screen). */
  noThread: 'no_thread',
  /** A client tool registered by the host threw; the error is also sent to the server as the tool result. */
  clientTool: 'client_tool',
  /** An `error` event of the stream (code `stream.error`, `custom` or any server-defined code). */
  streamError: 'stream.error',
} as const;

/** Options of {@link ChatKitClientError}. */
export interface ChatKitClientErrorOptions {
  /** The HTTP status, for HTTP failures. */
  status?: number;
  /** The underlying error (a `TypeError` from fetch, a `SyntaxError` from JSON.parse, …). */
  cause?: unknown;
  /** Whether offering "retry" makes sense for this failure. */
  allowRetry?: boolean;
}

/** A typed client-side failure: a stable `code`, a human-readable `message`, the `cause`. */
export class ChatKitClientError extends Error {
  /** A stable machine-readable code (see {@link CLIENT_ERROR_CODES}, `http_<status>`, or the server's code). */
  readonly code: string;
  /** The HTTP status when the failure was an HTTP response. */
  readonly status: number | undefined;
  /** Whether a retry is worth offering. */
  readonly allowRetry: boolean;

  constructor(code: string, message: string, options: ChatKitClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChatKitClientError';
    this.code = code;
    this.status = options.status;
    this.allowRetry = options.allowRetry ?? false;
  }
}

/** Whether `error` is the rejection of an aborted fetch / read (a DOMException or Error named `AbortError`). */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'AbortError' ||
      (error as { name?: unknown }).name === 'TimeoutError')
  );
}

/** The error to throw when `signal` is aborted: its reason when that is an Error, else an `AbortError`. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

/**
 * A signal that aborts when any of `signals` does (`AbortSignal.any`, with a fallback for browsers that
 * predate it — Safari < 17.4, Firefox < 124). Missing signals are skipped.
 */
export function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length === 1) return present[0]!;
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(present);
  const controller = new AbortController();
  const aborted = present.find((signal) => signal.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  const onAbort = (event: Event) => {
    controller.abort((event.target as AbortSignal).reason);
    for (const signal of present) signal.removeEventListener('abort', onAbort);
  };
  for (const signal of present) signal.addEventListener('abort', onAbort);
  return controller.signal;
}

/** Wraps anything thrown into a {@link ChatKitClientError} (existing ones pass through unchanged). */
export function toClientError(
  error: unknown,
  fallbackCode: string = CLIENT_ERROR_CODES.network,
): ChatKitClientError {
  if (error instanceof ChatKitClientError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ChatKitClientError(fallbackCode, message, { cause: error });
}
