/**
 * The reference server's Express application: the ChatKit endpoint, health, branding, the element bundle and
 * the demo site, behind security headers, with JSON errors everywhere.
 *
 * | route | answer |
 * | --- | --- |
 * | `POST /chatkit` | the ChatKit protocol (JSON or SSE) |
 * | `GET /health` | `{"status":"ok"}` |
 * | `GET /image-proxy?url=` | an image from an allowed host, when `CHATKIT_IMAGE_PROXY=on` (image-proxy.ts) |
 * | `GET /api/branding` | branding JSON |
 * | `POST /chatkit/upload` | direct upload (multipart `file`), answers the attachment |
 * | `GET /branding.css` | `--chatkit-*` / `--brand-*` values and the header gradient from `BRAND_*` |
 * | `GET /chatkit-chat.js`, `/chatkit-chat.iife.js`, `/chunks/*` | the element, loadable cross-origin |
 * | `GET /…` | the demo site |
 *
 * @module
 */
import express, { type Express, type RequestHandler } from 'express';
import { brandingCss, createBranding, defaultLogoSvg, type Branding } from '../branding.js';
import type { AuthConfig, BrandingConfig, BrandPrompt, RateLimitConfig } from '../config.js';
import { createDemoTokenRouter } from '../auth/demo-token.js';
import { createLogger, type Logger } from '../logger.js';
import type { RequestContext } from '../stores/store.js';
import type { DiskAttachmentStore } from '../chatkit/attachment-store.js';
import { createAttachmentRouter } from './attachment-routes.js';
import type { CapabilityTokens } from './capability-token.js';
import { createChatKitRouter, type ChatKitProcessor } from './chatkit-router.js';
import { createCors } from './cors.js';
import { createErrorHandler, notFoundHandler } from './error-handler.js';
import { createHostCheck } from './host-check.js';
import { createImageProxyRouter, type ImageProxyConfig } from './image-proxy.js';
import { userFromHeader, type GetContext } from './request-context.js';
import { createSecurityHeaders } from './security-headers.js';
import { createBundleRouter, createDemoStatic } from './static-files.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions<C extends RequestContext = RequestContext> {
  /** The ChatKit server (anything with `process(body, context)`). */
  server: ChatKitProcessor<C>;
  /** Branding served at `/api/branding`; `brandingPrompts` replaces its prompts when given. */
  branding: BrandingConfig;
  brandingPrompts?: readonly BrandPrompt[];
  /** CHATKIT_ALLOWED_ORIGINS; `null` = the server's own origin(s) only. */
  allowedOrigins: readonly string[] | null;
  /** Other ports of this host that count as own origins (the cross-origin demo site). */
  ownPorts?: readonly number[];
  bodyLimit?: string;
  rateLimit?: RateLimitConfig | false;
  /** The listen address; a loopback address turns on the DNS-rebinding check (see host-check.ts). */
  listenHost?: string;
  /** Express `trust proxy` (affects client addresses for rate limiting and `req.protocol`). */
  trustProxy?: boolean | number | string;
  getContext?: GetContext<C>;
  logger?: Logger;
  /** Collects ChatKit requests in progress (see `ChatKitRouterOptions.inFlight`). */
  inFlight?: Set<Promise<void>>;
  /**
   * Upload and preview routes for a disk attachment store (`/chatkit/uploads/:id`, `/chatkit/files/:id`),
   * rate limited per client address (`rateLimit`, default: the API's limit).
   */
  attachments?: { store: DiskAttachmentStore; tokens: CapabilityTokens; rateLimit?: RateLimitConfig | false };
  /** `GET /image-proxy` (see image-proxy.ts), rate limited like the API; omitted = no proxy route. */
  imageProxy?: ImageProxyConfig | null;
  /** What `GET /api/capabilities` announces (the composer reads the upload allowlist from it). */
  capabilities?: Capabilities;
  /** `CHATKIT_DEMO_TOKENS=on`: serve `POST /api/demo/token` for this auth setting (demo only). */
  demoTokens?: AuthConfig | null;
  /** Directory of the demo pages; omitted = no demo site. */
  demoDir?: string;
  /** Directory of the built element (dist/); omitted = no bundle routes. */
  distDir?: string;
  /** Where the second-origin demo site listens, announced at `GET /api/demo` for the demo index page. */
  crossOriginDemo?: { url: string; port: number } | null;
  /** Extra origins demo pages may load scripts from / connect to (CSP). */
  scriptOrigins?: readonly string[];
  connectOrigins?: readonly string[];
}

/** `GET /api/capabilities`: what this server offers, so clients can adapt (e.g. the composer's file picker). */
export interface Capabilities {
  /** `header`, `jwt` or `cookie` (CHATKIT_AUTH). */
  auth: AuthConfig['mode'];
  uploads: {
    enabled: boolean;
    /** Accepted MIME types (`image/*` = a whole family): use as the file input's `accept`. */
    accept: string[];
    /** Largest single attachment in bytes. */
    maxBytes: number;
    /** ChatKit's direct upload URL (`api.uploadStrategy: {type: 'direct', uploadUrl}`), relative to this server. */
    directUploadUrl: string | null;
    /** Per-user storage quota in bytes and attachments (0 = uploads refused). */
    quotaBytes: number;
    quotaFiles: number;
  };
  /** Whether `input.transcribe` works here (a transcriber is configured): the composer's microphone. */
  dictation: { enabled: boolean };
}

/** Logs one line per request at debug level (info for 5xx), with the duration. */
function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('close', () => {
      // Checked first: at the default level (info) a successful request costs no details object.
      if (res.statusCode < 500 && !logger.isLevelEnabled('debug')) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const details = {
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        ms: Math.round(ms),
      };
      if (res.statusCode >= 500) logger.info(details, 'request');
      else logger.debug(details, 'request');
    });
    next();
  };
}

/** Builds the Express application of the reference server. */
export function createApp<C extends RequestContext = RequestContext>(options: CreateAppOptions<C>): Express {
  const logger = options.logger ?? createLogger('info');
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(requestLog(logger));
  // A declared reverse proxy forwards public host names; the rebinding check would refuse them.
  if (options.listenHost && !options.trustProxy) app.use(createHostCheck(options.listenHost));
  app.use(
    createSecurityHeaders({
      scriptOrigins: options.scriptOrigins,
      connectOrigins: [...(options.allowedOrigins ?? []), ...(options.connectOrigins ?? [])].filter(
        (origin) => origin !== '*',
      ),
    }),
  );

  // HSTS only when the request really arrived over HTTPS: `req.secure` is true behind a trusted proxy
  // (CHATKIT_TRUST_PROXY) that says `X-Forwarded-Proto: https`. Sent over plain http it would be ignored,
  // and on the loopback demo it would break http://127.0.0.1 for a year.
  app.use((req, res, next) => {
    if (req.secure) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });

  app.get('/health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  const cors = { allowedOrigins: options.allowedOrigins, ownPorts: options.ownPorts };
  const branding: Branding = createBranding(options.branding, options.brandingPrompts);
  app.use('/api', createCors(cors));
  app.get('/api/branding', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(branding);
  });
  // Pages on other origins may link it (like the logo), hence the resource policy.
  const css = brandingCss(branding);
  app.get('/branding.css', (_req, res) => {
    res
      .set({ 'Cache-Control': 'no-cache', 'Cross-Origin-Resource-Policy': 'cross-origin' })
      .type('text/css')
      .send(css);
  });
  if (options.capabilities) {
    const capabilities = options.capabilities;
    app.get('/api/capabilities', (_req, res) => {
      res.set('Cache-Control', 'no-cache').json(capabilities);
    });
  }
  if (options.demoTokens) app.use('/api', createDemoTokenRouter(options.demoTokens));

  if (options.attachments) {
    app.use(
      '/chatkit',
      createAttachmentRouter({
        attachmentStore: options.attachments.store,
        tokens: options.attachments.tokens,
        cors,
        rateLimit: options.attachments.rateLimit ?? options.rateLimit,
        direct: {
          server: options.server as ChatKitProcessor,
          getContext: (options.getContext ?? userFromHeader) as GetContext,
        },
      }),
    );
  }
  if (options.imageProxy) app.use(createImageProxyRouter(options.imageProxy, options.rateLimit));
  app.get('/api/demo', (_req, res) => {
    const demo = options.crossOriginDemo ?? null;
    res
      .set('Cache-Control', 'no-cache')
      .json({ crossOriginUrl: demo?.url ?? null, crossOriginPort: demo?.port ?? null });
  });

  app.use(
    '/chatkit',
    createChatKitRouter(options.server, {
      getContext: options.getContext,
      bodyLimit: options.bodyLimit,
      cors,
      rateLimit: options.rateLimit,
      logger,
      inFlight: options.inFlight,
    }),
  );

  if (options.distDir) app.use(createBundleRouter(options.distDir));
  if (options.demoDir) app.use(createDemoStatic(options.demoDir));

  // Built-in logo and favicon, used when the demo has none and BRAND_*_URL point at the defaults.
  const logo = defaultLogoSvg(options.branding.primaryColor);
  app.get(['/logo.svg', '/favicon.svg', '/favicon.ico'], (_req, res) => {
    res
      .set({
        'Cache-Control': 'public, max-age=3600',
        // Embedding pages on other origins show the logo from /api/branding.
        'Cross-Origin-Resource-Policy': 'cross-origin',
      })
      .type('image/svg+xml')
      .send(logo);
  });

  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
