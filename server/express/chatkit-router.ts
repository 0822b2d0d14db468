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
import { Router, type NextFunction, type Request, type Response } from 'express';
import { LazyAbort, withLazySignal } from '../chatkit/lazy-abort.js';
import type { ProcessResult } from '../chatkit/types.js';
import type { RateLimitConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import type { RequestContext } from '../stores/store.js';
import { createCors, type CorsOptions } from './cors.js';
import { createErrorHandler, sendError } from './error-handler.js';
import { startEventStream, writeEventStream, type EventStreamTarget } from './event-stream.js';
import { createRateLimit } from './rate-limit.js';
import { createBodyReader, parseJsonBody } from './request-body.js';
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

  const cors = options.cors === false ? undefined : createCors(options.cors ?? { allowedOrigins: null });
  const rateLimit =
    options.rateLimit === false
      ? undefined
      : createRateLimit(options.rateLimit ?? { windowMs: 60_000, max: 600 });
  const readBody = createBodyReader(options.bodyLimit ?? '1mb');
  const handleError = createErrorHandler(logger);
  const { inFlight } = options;

  async function answer(req: Request, res: Response): Promise<void> {
    // A synchronous getContext (the default) is not awaited: one microtask job less per request.
    const got = getContext(req);
    const context = (isThenable(got) ? await got : got) as C;
    await readBody(req, res);
    const work = handleChatKitRequest(server, req, res, context, logger);
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
  }

  // One middleware layer doing, in order, what were five (CORS, rate limit, the POST route, the 405 route,
  // the error middleware): the same steps and answers for every path and method, with one layer match and
  // no route dispatch per request. CORS and the rate limit apply to every path below the mount point, as
  // `router.use` did; `POST /` is answered, other methods on `/` get 405, other paths fall through (404 from
  // the host app); every error becomes a JSON answer of the error middleware.
  const endpoint = (req: Request, res: Response, next: NextFunction): void => {
    const fail = (error: unknown) => handleError(error, req, res, next);
    const proceed = (error?: unknown) => {
      if (error === 'router' || error === 'route') next();
      else if (error) fail(error);
      else if (req.path !== '/' && req.path !== '//') next();
      else if (req.method !== 'POST') {
        res.set('Allow', 'POST, OPTIONS');
        sendError(res, 405, 'method_not_allowed', 'The ChatKit endpoint accepts POST only');
      } else answer(req, res).catch(fail);
    };
    const limit = rateLimit
      ? (error?: unknown) => {
          if (error) proceed(error);
          else rateLimit(req, res, proceed);
        }
      : proceed;
    try {
      if (cors) cors(req, res, limit);
      else limit();
    } catch (error) {
      fail(error);
    }
  };
  router.use(endpoint);
  // The mounted router's own dispatch (state saved and restored, layer matching, a `next` closure, per
  // request) only hands every request to the one layer above, which sees the same `req` either way (its only
  // layer has the path '/': no prefix is trimmed, `baseUrl` is kept). So it is skipped while that layer is
  // the only one: a router the host app added layers to, or one called outside an Express app, dispatches
  // as any Router does.
  const routerHandle = (router as unknown as RouterInternals).handle;
  (router as unknown as RouterInternals).handle = function handle(req, res, out) {
    if (router.stack.length === 1 && req.originalUrl !== undefined && typeof out === 'function')
      endpoint(req, res, out);
    else routerHandle.call(this, req, res, out);
  };
  return router;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** What Express's `Router` dispatches a request with (not in its published types). */
interface RouterInternals {
  handle(this: unknown, req: Request, res: Response, out: NextFunction): void;
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
