/**
 * DNS-rebinding protection for servers bound to loopback. A hostile web page can point its own domain at
 * 127.0.0.1; the browser then treats the local server as that page's origin, so CORS no longer protects it,
 * and the page could spend the server's model API key. The one thing such a request cannot fake is the
 * `Host` header, which carries the hostile domain: a loopback-bound server therefore answers only requests
 * addressed to a loopback name.
 *
 * Servers bound to other addresses (containers, behind a proxy) are reached through public names and are
 * not restricted here.
 *
 * @module
 */
import type { RequestHandler } from 'express';
import { sendError } from './error-handler.js';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a listen address is loopback-only. */
export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_HOSTNAMES.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Whether a `Host` header names this machine's loopback interface. */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const hostname = hostHeader.toLowerCase().replace(/:\d+$/, '');
  return (
    LOOPBACK_HOSTNAMES.has(hostname) ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname.endsWith('.localhost')
  );
}

/**
 * Creates the check. When `listenHost` is loopback, requests whose `Host` is not a loopback name get
 * 403 `invalid_host`; otherwise every request passes.
 */
export function createHostCheck(listenHost: string): RequestHandler {
  if (!isLoopbackAddress(listenHost)) return (_req, _res, next) => next();
  return (req, res, next) => {
    if (isLoopbackHostHeader(req.get('host'))) {
      next();
      return;
    }
    sendError(res, 403, 'invalid_host', 'This server only answers requests addressed to localhost');
  };
}
