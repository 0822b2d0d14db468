/**
 * Error classes of the ChatKit server.
 *
 * - {@link HttpError}: raised by `ChatKitServer.process()` before any streaming starts (validation,
 *   missing records, conflicts) so the HTTP layer can answer with a status and a JSON error body.
 * - {@link StreamError} and {@link CustomStreamError}: thrown by responders during the response phase and
 *   turned into a single `error` event (PROTOCOL.md §8.9).
 *
 * @module
 */

/** The error codes the server itself uses in {@link HttpError}. Integrations may add their own. */
export type HttpErrorCode =
  'invalid_request' | 'not_found' | 'conflict' | 'not_implemented' | 'payload_too_large' | (string & {});

/**
 * An error with an HTTP status and a machine-readable code. The Express adapter answers
 * `{ "error": { "code", "message" } }` with `status`. Messages are safe to show to the caller.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpError';
  }
}

/** Whether a value is an {@link HttpError} (also across module copies, by shape). */
export function isHttpError(value: unknown): value is HttpError {
  return (
    value instanceof HttpError ||
    (value instanceof Error &&
      value.name === 'HttpError' &&
      typeof (value as HttpError).status === 'number' &&
      typeof (value as HttpError).code === 'string')
  );
}

/**
 * Thrown by a responder to end the stream with `{"type":"error","code":code,"allow_retry":…}`. The client
 * shows its own localized text for non-`custom` codes. `allowRetry` defaults to `true` for `stream.error`
 * and to `false` otherwise, as in the reference server.
 */
export class StreamError extends Error {
  readonly allowRetry: boolean;
  constructor(
    readonly code: string = 'stream.error',
    allowRetry?: boolean,
  ) {
    super(`stream error: ${code}`);
    this.name = 'StreamError';
    this.allowRetry = allowRetry ?? code === 'stream.error';
  }
}

/**
 * Thrown by a responder to end the stream with a user-facing, already localized message:
 * `{"type":"error","code":"custom","message":…,"allow_retry":…}`.
 */
export class CustomStreamError extends Error {
  readonly code = 'custom';
  constructor(
    message: string,
    readonly allowRetry = false,
  ) {
    super(message);
    this.name = 'CustomStreamError';
  }
}
