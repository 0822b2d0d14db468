/**
 * The one place HTTP errors become responses: `{ "error": { "code", "message" } }` with a status.
 *
 * - {@link HttpError} (thrown by the ChatKit server and by this adapter) → its status, code and message.
 * - body-parser errors → 413 `payload_too_large`, 415 `unsupported_encoding`, other 4xx `invalid_body`.
 * - the stores' `NotFoundError` → 404 `not_found`.
 * - anything else → 500 `internal_error` with a generic message; the details go to the log only.
 *
 * @module
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { HttpError, isHttpError } from '../chatkit/errors.js';
import { NotFoundError } from '../stores/store.js';
import type { Logger } from '../logger.js';

/** The JSON error body of every non-2xx answer. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Builds an {@link ErrorBody}. */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Sends an error response unless headers already went out (then the connection is ended instead). */
export function sendError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify(errorBody(code, message)));
}

interface BodyParserError extends Error {
  type: string;
  status: number;
  expose?: boolean;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    error instanceof Error &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number'
  );
}

/**
 * A decompression failure: zlib's codes start with `Z_` (gzip, deflate), brotli's with `ERR_` followed by
 * the decoder's name, e.g. `ERR__ERROR_FORMAT_PADDING_2` (issue 11: a non-brotli body answered 500).
 */
function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof Error &&
    typeof code === 'string' &&
    (code.startsWith('Z_') || code.startsWith('ERR__') || code.startsWith('ERR_BROTLI'))
  );
}

/** A PostgreSQL error (pg's `DatabaseError`) for a NUL or a byte sequence the database cannot store. */
function isInvalidTextError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && (code === '22021' || code === '22P05');
}

/** Maps any thrown value to the status, code and public message of its response. */
export function toHttpError(error: unknown): HttpError {
  if (isHttpError(error)) {
    // "This server has no transcriber / attachment store / sync action": a feature the client may not use
    // here, answered as a 4xx so that probing it neither counts as a server failure nor floods the log.
    if (error.status === 501) return new HttpError(400, 'feature_unavailable', error.message);
    return error;
  }
  if (error instanceof NotFoundError || (error instanceof Error && error.name === 'NotFoundError')) {
    return new HttpError(404, 'not_found', error.message);
  }
  if (isBodyParserError(error) && error.status >= 400 && error.status < 500) {
    switch (error.type) {
      case 'entity.too.large':
        return new HttpError(413, 'payload_too_large', 'Request body is larger than the configured limit');
      case 'encoding.unsupported':
        return new HttpError(415, 'unsupported_encoding', 'Unsupported Content-Encoding');
      case 'entity.parse.failed':
        return new HttpError(400, 'invalid_json', 'Request body is not valid JSON');
      default:
        return new HttpError(error.status, 'invalid_body', 'Request body could not be read');
    }
  }
  if (isZlibError(error)) {
    // A `Content-Encoding: gzip` body that is not gzip: the client's fault, not ours.
    return new HttpError(400, 'invalid_body', 'Request body could not be decompressed');
  }
  if (isInvalidTextError(error)) {
    // Defence in depth: the stores refuse NUL characters themselves; should any reach the database, the
    // client sent text that cannot be stored, which is its fault.
    return new HttpError(400, 'invalid_request', 'Request contains characters that cannot be stored (NUL)');
  }
  return new HttpError(500, 'internal_error', 'Internal server error', { cause: error });
}

/**
 * The error middleware. Mount it last (after every route).
 *
 * @param logger - receives 5xx errors with stack traces and 4xx errors at debug level.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const httpError = toHttpError(error);
    if (httpError.status >= 500) {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    } else {
      logger.debug({ code: httpError.code, method: req.method, url: req.originalUrl }, httpError.message);
    }
    sendError(res, httpError.status, httpError.code, httpError.message);
  };
}

/** Answers every request that no route handled with 404 `not_found` JSON. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`);
};
