/**
 * `GET /image-proxy?url=<encoded image URL>`: an optional image proxy for the element's `images.proxyUrl`
 * (off by default; `CHATKIT_IMAGE_PROXY=on`). Images a page's policy refuses can then be shown without the
 * visitor's browser contacting the third-party host: the host sees this server, not the visitor (no IP, no
 * cookies, no referrer).
 *
 * What it refuses, and why:
 * - hosts outside `CHATKIT_IMAGE_PROXY_HOSTS` (403): a proxy that fetches any URL is an open relay and a
 *   server-side request forgery tool (it could reach internal addresses). There is no `*`: resolving names
 *   and pinning addresses to stop DNS rebinding is not something this small route tries to do.
 * - anything but http/https, URLs with credentials (400);
 * - redirects to a host outside the list (each hop is checked; at most {@link MAX_REDIRECTS});
 * - bodies over `CHATKIT_IMAGE_PROXY_MAX_BYTES` (413, checked on `Content-Length` and while reading);
 * - a `Content-Type` that is not `image/*`, and SVG (415): SVG is a document that can run script, and this
 *   response is served from the API's origin;
 * - upstream errors (502) and a slow upstream (504 after `CHATKIT_IMAGE_PROXY_TIMEOUT_MS`, for the whole
 *   exchange, body included).
 *
 * Nothing of the incoming request is forwarded (no cookies, no authorization, no referrer, no client
 * address); nothing of the upstream response but the bytes and their image type comes back (no
 * `Set-Cookie`). Responses are `nosniff`, sandboxed by CSP, and loadable cross-origin (the element's page).
 *
 * @module
 */
import { Router, type Request, type Response } from 'express';
import type { RateLimitConfig } from '../config.js';
import { sendError } from './error-handler.js';
import { createRateLimit } from './rate-limit.js';

/** Settings of the proxy route (`CHATKIT_IMAGE_PROXY_*`). */
export interface ImageProxyConfig {
  /** Hosts images may be fetched from; an entry also allows its subdomains (`example.com` → `cdn.example.com`). */
  hosts: string[];
  /** Largest image in bytes. */
  maxBytes: number;
  /** Time for the whole upstream exchange (connect, headers, body), in milliseconds. */
  timeoutMs: number;
}

/** Redirects followed (each target re-checked against the host list). */
const MAX_REDIRECTS = 3;

/** What the proxy asks for: images only. */
const ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8';

/** Image types served; everything else (SVG, HTML, text…) is refused. */
const IMAGE_TYPE = /^image\/(?!svg)[a-z0-9.+-]+$/;

/** Whether `host` is an entry of `hosts` or a subdomain of one (single labels and IPs match exactly). */
export function imageHostAllowed(host: string, hosts: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return hosts.some((entry) => {
    const e = entry
      .toLowerCase()
      .replace(/^\*?\./, '')
      .replace(/\.$/, '');
    if (!e) return false;
    if (h === e) return true;
    const dotted = e.includes('.') && !/^[0-9.]+$/.test(e) && !e.startsWith('[');
    return dotted && h.endsWith(`.${e}`);
  });
}

class ProxyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function checkTarget(raw: string, hosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProxyError(400, 'invalid_url', 'The url parameter is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProxyError(400, 'invalid_url', 'Only http and https images can be proxied');
  if (url.username || url.password)
    throw new ProxyError(400, 'invalid_url', 'Image URLs with credentials are not proxied');
  if (!imageHostAllowed(url.hostname, hosts))
    throw new ProxyError(403, 'host_not_allowed', `Images from ${url.hostname} are not proxied`);
  return url;
}

/** Fetches the image, following allowed redirects; returns the response with an unread body. */
async function fetchImage(
  start: URL,
  config: ImageProxyConfig,
  signal: AbortSignal,
): Promise<globalThis.Response> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const upstream = await fetch(url, {
      method: 'GET',
      redirect: 'manual',
      signal,
      // Only what an image request needs: no cookies, authorization, referrer or client address.
      headers: { accept: ACCEPT, 'user-agent': 'chatkit-chat-image-proxy' },
      referrerPolicy: 'no-referrer',
      credentials: 'omit',
    });
    if (upstream.status >= 300 && upstream.status < 400 && upstream.headers.has('location')) {
      await upstream.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new ProxyError(502, 'upstream_error', 'Too many redirects');
      url = checkTarget(new URL(upstream.headers.get('location')!, url).href, config.hosts);
      continue;
    }
    return upstream;
  }
}

/** Reads at most `max` bytes; throws 413 past it (the rest is never downloaded). */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new ProxyError(413, 'image_too_large', `The image is larger than ${max} bytes`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

async function proxy(req: Request, res: Response, config: ImageProxyConfig): Promise<void> {
  const raw = req.query.url;
  if (typeof raw !== 'string' || raw === '')
    throw new ProxyError(400, 'invalid_url', 'Expected one url query parameter');
  const target = checkTarget(raw, config.hosts);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  // The visitor went away: stop downloading.
  res.on('close', () => controller.abort());
  try {
    const upstream = await fetchImage(target, config, controller.signal);
    if (!upstream.ok) {
      await upstream.body?.cancel().catch(() => undefined);
      throw new ProxyError(502, 'upstream_error', `The image host answered ${upstream.status}`);
    }
    const type = (upstream.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!IMAGE_TYPE.test(type)) {
      await upstream.body?.cancel().catch(() => undefined);
      throw new ProxyError(
        415,
        'not_an_image',
        `The image host sent ${type || 'no content type'}, not an image`,
      );
    }
    const length = Number(upstream.headers.get('content-length'));
    if (Number.isFinite(length) && length > config.maxBytes) {
      await upstream.body?.cancel().catch(() => undefined);
      throw new ProxyError(413, 'image_too_large', `The image is larger than ${config.maxBytes} bytes`);
    }
    const bytes = await readCapped(upstream.body, config.maxBytes);
    res
      .status(200)
      .set({
        'Content-Type': type,
        'Content-Length': String(bytes.byteLength),
        'Cache-Control': 'public, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        // The element's page is usually on another origin.
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Referrer-Policy': 'no-referrer',
      })
      .end(bytes);
  } catch (error) {
    if (error instanceof ProxyError) throw error;
    if (controller.signal.aborted)
      throw new ProxyError(
        504,
        'upstream_timeout',
        `The image host did not answer within ${config.timeoutMs} ms`,
      );
    throw new ProxyError(502, 'upstream_error', 'The image could not be fetched');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The image proxy router (`GET /image-proxy`), rate limited like the API.
 *
 * @param config - host list, size cap and timeout.
 * @param rateLimit - the per-client limit, or `false`.
 */
export function createImageProxyRouter(
  config: ImageProxyConfig,
  rateLimit?: RateLimitConfig | false,
): Router {
  const router = Router();
  if (rateLimit) router.use('/image-proxy', createRateLimit(rateLimit));
  router.get('/image-proxy', (req, res) => {
    proxy(req, res, config).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const e =
        error instanceof ProxyError
          ? error
          : new ProxyError(502, 'upstream_error', 'The image could not be fetched');
      sendError(res, e.status, e.code, e.message);
    });
  });
  return router;
}
