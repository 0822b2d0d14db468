/**
 * CORS for the API routes (`POST /chatkit`, `/api/*`) with an origin allowlist.
 *
 * Allowlist entries (CHATKIT_ALLOWED_ORIGINS):
 * - an exact origin: `https://app.example.com` (scheme, host and port must all match);
 * - a wildcard subdomain: `https://*.example.com` matches `https://a.example.com` and
 *   `https://a.b.example.com`, but neither `https://example.com` nor `https://evilexample.com`;
 * - `*`: any origin (answered with `Access-Control-Allow-Origin: *`, never with credentials).
 *
 * The server's own origin (the request's Host) is always allowed. A disallowed origin gets no CORS headers,
 * a 403 for preflights, and a 403 for state-changing requests (POST…): browsers may send "simple" cross-site
 * POSTs without a preflight, and refusing them here is what keeps cookie-authenticated deployments safe from
 * cross-site request forgery.
 *
 * @module
 */
import type { Request, RequestHandler } from 'express';
import { sendError } from './error-handler.js';

/** Request headers a browser may send to the API (lowercase). */
export const DEFAULT_ALLOWED_HEADERS: readonly string[] = Object.freeze([
  'content-type',
  'authorization',
  'x-chatkit-user',
  'accept-language',
  'accept',
  'x-requested-with',
]);

/** Options of {@link createCors}. */
export interface CorsOptions {
  /** Allowlist entries; `null` or `[]` allows only the server's own origin(s). */
  allowedOrigins: readonly string[] | null;
  /**
   * Other ports on the same host name that count as the server's own origins (the cross-origin demo site
   * listens on a second port and must reach the API by default).
   */
  ownPorts?: readonly number[];
  /** Extra request headers to allow on top of {@link DEFAULT_ALLOWED_HEADERS}. */
  extraAllowedHeaders?: readonly string[];
  /** How long browsers may cache a preflight answer (seconds, default 600). */
  maxAgeSeconds?: number;
}

/** The result of matching an origin: not allowed, allowed by name, or allowed only through `*`. */
export type OriginMatch = 'none' | 'exact' | 'any';

type Rule =
  | { kind: 'any' }
  | { kind: 'exact'; origin: string }
  | { kind: 'suffix'; protocol: string; suffix: string; port: string };

function parseRule(entry: string): Rule | null {
  const text = entry.trim().replace(/\/+$/, '');
  if (text === '*') return { kind: 'any' };
  const wildcard = /^(https?:)\/\/\*\.(.+)$/i.exec(text);
  try {
    if (wildcard) {
      // Normalise through URL (lowercase, IDNA, default port) using a placeholder label for the `*`.
      const url = new URL(`${wildcard[1]}//wildcard.${wildcard[2]}`);
      return {
        kind: 'suffix',
        protocol: url.protocol,
        suffix: url.hostname.slice('wildcard'.length),
        port: url.port,
      };
    }
    const url = new URL(text);
    return url.origin === 'null' ? null : { kind: 'exact', origin: url.origin };
  } catch {
    return null;
  }
}

/**
 * Compiles an allowlist into a matcher. Invalid entries are ignored (config validation rejects them first).
 *
 * @returns a function telling whether `origin` (an `Origin` header value) is allowed and how.
 */
export function createOriginMatcher(entries: readonly string[]): (origin: string) => OriginMatch {
  const rules = entries.map(parseRule).filter((rule): rule is Rule => rule !== null);
  const fallback: OriginMatch = rules.some((rule) => rule.kind === 'any') ? 'any' : 'none';
  return (origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      // `null` (sandboxed frames, file: pages) and garbage: only `*` lets them in.
      return fallback;
    }
    // `new URL` accepts paths and credentials; an Origin header never has them, so reject such values.
    if (url.origin === 'null' || url.origin !== origin.toLowerCase().replace(/\/$/, '')) return fallback;
    for (const rule of rules) {
      if (rule.kind === 'exact' && rule.origin === url.origin) return 'exact';
      else if (
        rule.kind === 'suffix' &&
        url.protocol === rule.protocol &&
        url.port === rule.port &&
        url.hostname.length > rule.suffix.length &&
        url.hostname.endsWith(rule.suffix)
      ) {
        return 'exact';
      }
    }
    return fallback;
  };
}

/** Whether `origin` is the server itself (same scheme, host and port as the request) or one of its other ports. */
export function isOwnOrigin(origin: string, req: Request, ownPorts: readonly number[] = []): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // `req.host` is the Host header, or X-Forwarded-Host behind a trusted proxy, and `req.protocol` the scheme
  // (X-Forwarded-Proto behind a trusted proxy): together the origin the browser saw. The scheme matters: an
  // `https://` page on the same host and port is another origin (issue 11).
  if (url.protocol !== `${req.protocol}:`) return false;
  const host = (req.host ?? '').toLowerCase();
  if (url.host === host) return true;
  if (ownPorts.length === 0) return false;
  const hostname = host.replace(/:\d+$/, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return url.hostname === hostname && ownPorts.includes(port);
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Creates the CORS middleware. Answers preflights itself (204, or 403 JSON for a disallowed origin) and
 * adds `Access-Control-Allow-Origin` to allowed actual requests. Always sets `Vary: Origin` so shared caches
 * never serve one origin's answer to another.
 */
export function createCors(options: CorsOptions): RequestHandler {
  const match = createOriginMatcher(options.allowedOrigins ?? []);
  const allowedHeaders = [...DEFAULT_ALLOWED_HEADERS, ...(options.extraAllowedHeaders ?? [])]
    .map((name) => name.toLowerCase())
    .join(', ');
  const maxAge = String(options.maxAgeSeconds ?? 600);
  const ownPorts = options.ownPorts ?? [];

  return (req, res, next) => {
    // res.vary() parses the field and the current header on every request; with no Vary yet (nearly always),
    // the header it would set is just this one.
    if (res.getHeader('Vary') === undefined) res.setHeader('Vary', 'Origin');
    else res.vary('Origin');
    const origin = req.get('origin');
    const isPreflight = req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined;
    if (origin === undefined) {
      // Not a browser cross-origin request (curl, server-to-server, same-origin GET).
      if (req.method === 'OPTIONS') {
        res.status(204).set('Allow', 'GET, POST, OPTIONS').end();
        return;
      }
      next();
      return;
    }
    const result: OriginMatch = isOwnOrigin(origin, req, ownPorts) ? 'exact' : match(origin);
    if (result === 'none') {
      if (isPreflight || !SAFE_METHODS.has(req.method)) {
        sendError(res, 403, 'origin_not_allowed', `Origin ${origin} is not allowed`);
        return;
      }
      next();
      return;
    }
    if (result === 'any') {
      res.set('Access-Control-Allow-Origin', '*');
    } else {
      res.set('Access-Control-Allow-Origin', origin);
      // Credentials (cookies) only for origins named in the allowlist, never for `*`.
      res.set('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
      res.set('Access-Control-Allow-Headers', allowedHeaders);
      res.set('Access-Control-Max-Age', maxAge);
      res.status(204).end();
      return;
    }
    res.set('Access-Control-Expose-Headers', 'Retry-After, RateLimit, RateLimit-Policy');
    next();
  };
}
