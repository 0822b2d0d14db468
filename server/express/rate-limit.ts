/**
 * Rate limiting of `POST /chatkit` per client address (express-rate-limit, in-memory store). The default is
 * generous (600 requests per minute) because one chat turn is one request; it exists to blunt floods, not
 * to meter use. Behind a reverse proxy set `CHATKIT_TRUST_PROXY` so the client address is the real one.
 *
 * @module
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { RateLimitConfig } from '../config.js';
import { sendError } from './error-handler.js';

/**
 * Creates the limiter; `max: 0` disables it. Rejections are 429 `rate_limited` JSON with `Retry-After` and
 * the standard `RateLimit` headers.
 */
export function createRateLimit(config: RateLimitConfig): RequestHandler {
  if (config.max <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: config.windowMs,
    limit: config.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Preflights are answered by the CORS middleware before this point; never count them.
    skip: (req) => req.method === 'OPTIONS',
    handler: (_req, res) => {
      sendError(res, 429, 'rate_limited', 'Too many requests; retry after the time given in Retry-After');
    },
  });
}
