/**
 * Security headers (helmet) for everything the server answers, with a Content-Security-Policy fit for the
 * demo pages: scripts only from files (no inline scripts, no eval), network access to the API origins only.
 *
 * Styles allow `'unsafe-inline'` because rendered widgets set per-element style attributes; scripts never do.
 *
 * @module
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Options of {@link createSecurityHeaders}. */
export interface SecurityHeaderOptions {
  /** Other origins pages may load scripts from (the cross-origin demo loads the bundle from the main server). */
  scriptOrigins?: readonly string[];
  /** Other origins pages may call with fetch (API servers; CSP accepts `https://*.example.com` forms). */
  connectOrigins?: readonly string[];
  /** Other origins pages may load images from besides `https:` (the main server's logo over plain http). */
  imageOrigins?: readonly string[];
}

/** Creates the helmet middleware. */
export function createSecurityHeaders(options: SecurityHeaderOptions = {}): RequestHandler {
  const scriptOrigins = [...(options.scriptOrigins ?? [])];
  const connectOrigins = [...(options.connectOrigins ?? [])];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", ...scriptOrigins],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:', 'https:', ...(options.imageOrigins ?? [])],
        'font-src': ["'self'", 'data:', 'https:'],
        'connect-src': ["'self'", ...connectOrigins],
        'media-src': ["'self'", 'blob:', 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
        'script-src-attr': ["'none'"],
      },
    },
    // The demo runs on plain http://127.0.0.1; upgrading requests to https would break it.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}
