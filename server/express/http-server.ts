/**
 * Connection-level hardening of the Node HTTP server that carries the Express app: timeouts against slow
 * clients (slow-loris), a connection cap, and JSON answers for the protocol errors Node handles before
 * Express ever sees a request (malformed or truncated requests, header timeouts).
 *
 * | setting | default | guards against |
 * | --- | --- | --- |
 * | `headersTimeout` (`CHATKIT_HEADERS_TIMEOUT_MS`) | 10 s | clients trickling request headers |
 * | `requestTimeout` (`CHATKIT_REQUEST_TIMEOUT_MS`) | 120 s | clients trickling a body (uploads included); answers are not limited, so long streams are fine |
 * | `keepAliveTimeout` (`CHATKIT_KEEP_ALIVE_TIMEOUT_MS`) | 5 s | idle keep-alive sockets |
 * | `maxConnections` (`CHATKIT_MAX_CONNECTIONS`) | 1000 | connection floods; further sockets are closed at once |
 *
 * @module
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpLimitsConfig } from '../config.js';
import type { Logger } from '../logger.js';

/** The JSON answer written straight to a socket for errors raised by Node's HTTP parser. */
function rawJsonError(status: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  return (
    `HTTP/1.1 ${status} ${reason}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** Maps a Node `clientError` to a status and a JSON error. */
function describeClientError(error: NodeJS.ErrnoException): [number, string, string, string] {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'Request Timeout', 'request_timeout', 'The request was not received in time'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'Request Header Fields Too Large', 'headers_too_large', 'Request headers are too large'];
    case 'HPE_INVALID_EOF_STATE':
      return [400, 'Bad Request', 'incomplete_request', 'The request ended before its body was complete'];
    default:
      return [400, 'Bad Request', 'malformed_request', 'The request is not valid HTTP'];
  }
}

/** Applies the limits and installs the JSON `clientError` handler. */
export function hardenHttpServer(server: Server, limits: HttpLimitsConfig, logger?: Logger): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Node requires headersTimeout <= requestTimeout when both are set.
  if (limits.requestTimeoutMs > 0 && limits.requestTimeoutMs < limits.headersTimeoutMs) {
    server.headersTimeout = limits.requestTimeoutMs;
  }
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    logger?.debug({ code: error.code }, 'http: client error');
    // A reset or already-closed socket cannot be answered.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] = describeClientError(error);
    socket.end(rawJsonError(status, reason, code, message));
  });
}

/**
 * How often Node checks the header and request timeouts (a `createServer` option): often enough that a
 * trickling client is cut close to the configured time, not up to 30 s (Node's default) later.
 */
export function connectionsCheckingInterval(limits: HttpLimitsConfig): number {
  return Math.max(250, Math.min(limits.headersTimeoutMs / 4, 5_000));
}
