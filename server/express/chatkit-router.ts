/**
 * The Express adapter of the ChatKit server: one router answering the ChatKit endpoint.
 *
 * ```ts
 * app.use('/chatkit', createChatKitRouter(chatKitServer, { getContext: (req) => ({ userId: req.user.id }) }));
 * ```
 *
 * Per request: CORS → rate limit → context (who is calling) → raw body (size limit) → JSON parse →
 * `server.process(body, context)` → a JSON answer or an SSE stream. Every failure before the first byte is a
 * JSON error from one error middleware (see error-handler.ts).
 *
 * @module
 */
import { Router, type Request, type Response } from 'express';
import { LazyAbort, withLazySignal } from '../chatkit/lazy-abort.js';
import type { ProcessResult } from '../chatkit/types.js';
import type { RateLimitConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import type { RequestContext } from '../stores/store.js';
import { createCors, type CorsOptions } from './cors.js';
import { createErrorHandler, sendError } from './error-handler.js';
import { startEventStream, writeEventStream, type EventStreamTarget } from './event-stream.js';
import { createRateLimit } from './rate-limit.js';
import { createRawBodyReader, parseJsonBody } from './request-body.js';
import { userFromHeader, type GetContext } from './request-context.js';

/** What the router needs from the ChatKit server (`ChatKitServer` fits). */
export interface ChatKitProcessor<C extends RequestContext = RequestContext> {
  process(body: unknown, context: C): Promise<ProcessResult>;
}

/** Options of {@link createChatKitRouter}. */
export interface ChatKitRouterOptions<C extends RequestContext = RequestContext> {
  /** Who is calling; default {@link userFromHeader} (the `x-chatkit-user` header). */
  getContext?: GetContext<C>;
  /** Largest accepted body (default `"1mb"`). */
  bodyLimit?: string;
  /** Cross-origin access; default: same origin only. `false` leaves CORS to the host app. */
  cors?: CorsOptions | false;
  /** Requests per window per client address; default 600/minute. `false` disables. */
  rateLimit?: RateLimitConfig | false;
  /** Where errors and disconnects are logged; default: a pino logger at `info`. */
  logger?: Logger;
  /**
   * Receives the promise of every request in progress (removed when it settles, including the cancellation
   * clean-up of a disconnected stream), so a graceful shutdown can wait for them before closing the store.
   */
  inFlight?: Set<Promise<void>>;
}

/**
 * Creates the router. Mount it at the endpoint path: it answers `POST /` (and preflights), 405 for other
 * methods on `/`, and 404 below it.
 */
export function createChatKitRouter<C extends RequestContext = RequestContext>(
  server: ChatKitProcessor<C>,
  options: ChatKitRouterOptions<C> = {},
): Router {
  const logger = options.logger ?? createLogger('info');
  const getContext = options.getContext ?? (userFromHeader as unknown as GetContext<C>);
  const router = Router();

  if (options.cors !== false) router.use(createCors(options.cors ?? { allowedOrigins: null }));
  if (options.rateLimit !== false) {
    router.use('/', createRateLimit(options.rateLimit ?? { windowMs: 60_000, max: 600 }));
  }
  const readBody = createRawBodyReader(options.bodyLimit ?? '1mb');
  // One handler rather than three route layers (context, body, answer): same order, same errors (a rejection
  // reaches the error middleware as `next(error)` would), less routing per request.
  router.post('/', async (req, res) => {
    const context = (await getContext(req)) as C;
    await new Promise<void>((resolve, reject) =>
      readBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
    );
    const work = handleChatKitRequest(server, req, res, context, logger);
    const { inFlight } = options;
    // Without a set to report to, no tracking promise is kept for as long as the request lasts.
    if (!inFlight) return work;
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    try {
      await work;
    } finally {
      inFlight.delete(tracked);
    }
  });
  router.all('/', (_req, res) => {
    res.set('Allow', 'POST, OPTIONS');
    sendError(res, 405, 'method_not_allowed', 'The ChatKit endpoint accepts POST only');
  });
  router.use(createErrorHandler(logger));
  return router;
}

async function handleChatKitRequest<C extends RequestContext>(
  server: ChatKitProcessor<C>,
  req: Request,
  res: Response,
  baseContext: C,
  logger: Logger,
): Promise<void> {
  const body = parseJsonBody(req.body);
  // The public origin lets hooks build absolute URLs (attachment upload and preview URLs).
  // `req.host` honours X-Forwarded-Host when `trust proxy` is set.
  const requestOrigin = `${req.protocol}://${req.host ?? 'localhost'}`;
  const context = { requestOrigin, ...baseContext } as C;
  // The one place a client disconnect is decided: the response closed before it was fully written (a JSON
  // answer in progress or an event stream, which stops on this abort). `context.signal` is backed by this
  // abort state and made only when read (see lazy-abort.ts); the stream of a streamed request adopts it.
  let abort: LazyAbort;
  if (baseContext.signal) {
    abort = new LazyAbort();
    context.signal = AbortSignal.any([baseContext.signal, abort.signal]);
  } else abort = withLazySignal(context);
  // Once streaming, the target names its writer, which is told of the disconnect right after the abort (the
  // same order as an abort listener registered after the response phase's own; see EventStreamTarget.writer).
  // eslint-disable-next-line prefer-const -- assigned once streaming starts, read by abortOnDisconnect before
  let target: EventStreamTarget | undefined;
  const abortOnDisconnect = () => {
    if (res.writableFinished) return;
    abort.abort(new Error('client disconnected'));
    target?.writer?.handleEvent();
  };
  res.on('close', abortOnDisconnect);
  if (res.destroyed) abortOnDisconnect();

  const result = await server.process(body, context);
  if (result.kind === 'json') {
    res
      .status(200)
      .type('application/json')
      .send(JSON.stringify(result.body ?? {}));
    return;
  }
  const iterator = result.events[Symbol.asyncIterator]();
  // Pull the first event before committing to 200 + SSE: a failure this early (a late validation error, a
  // missing thread) can still become a proper 4xx JSON answer instead of an empty or cut stream.
  // The first result goes straight into the target, which writeEventStream clears: an open stream does not
  // keep it (the thread.created event holds a copy of the thread) for as long as it lasts.
  target = { res, iterator, first: await iterator.next(), abort, logger };
  startEventStream(res);
  await writeEventStream(target);
}
