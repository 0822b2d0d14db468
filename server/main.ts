/**
 * The reference server: reads the environment, opens the store, builds the ChatKit server with a responder,
 * serves the API, the element bundle and the demo site, and shuts down gracefully.
 *
 * Compiled to dist/server/main.js, it is what the `chatkit-chat-server` bin (bin/chatkit-chat-server.js) and
 * `npm start` run: plain `node`, no TypeScript runtime. Tests and end-to-end suites call {@link startServer}
 * (from source) with `port: 0` and a temporary data directory instead.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ChatKitServer } from './chatkit/server.js';
import type { ChatKitServerOptions } from './chatkit/types.js';
import { ConfigError, loadConfig, type BrandPrompt, type ServerConfig } from './config.js';
import { createAuthContext, isLoopbackHost } from './auth/auth.js';
import { createApp } from './express/app.js';
import { connectionsCheckingInterval, hardenHttpServer } from './express/http-server.js';
import { createDiskAttachments } from './express/attachment-routes.js';
import { createDemoSiteApp } from './express/demo-site.js';
import type { GetContext } from './express/request-context.js';
import { createLogger, type Logger } from './logger.js';
import { SqliteStore } from './stores/sqlite-store.js';
import type { RequestContext, Store } from './stores/store.js';
import { createDemoHooks } from './use-cases/demo.js';
import { createOpenAITranscriber } from './agent/openai-transcriber.js';

/**
 * The package root, where demo/ and dist/ live: the nearest folder above this module with a package.json
 * (server/.. when run from source, dist/server/../.. when compiled, in the repository or in node_modules).
 */
const ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..');
  }
}

/**
 * The responder side of the ChatKit server: `respond`, `action`, `syncAction` and the other hooks, plus
 * optional start-screen `prompts` (served at `/api/branding` unless `BRAND_PROMPTS` is set) and a `close`
 * called on shutdown after the store closed.
 */
export type ServerHooks = Omit<ChatKitServerOptions<RequestContext>, 'store' | 'logger'> & {
  prompts?: readonly BrandPrompt[];
  close?(): void | Promise<void>;
};

/** What a hooks factory gets to build its responder. */
export interface HookDependencies {
  config: ServerConfig;
  store: Store;
  logger: Logger;
}

/** Options of {@link startServer}; everything has a production default. */
export interface StartServerOptions {
  /** The responder; a factory is called once with the store. Default: {@link defaultHooks}. */
  hooks?: ServerHooks | ((deps: HookDependencies) => ServerHooks | Promise<ServerHooks>);
  /** Start-screen prompts for `/api/branding` when `BRAND_PROMPTS` is not set. */
  brandingPrompts?: readonly BrandPrompt[];
  /** Who is calling; default: the `x-chatkit-user` header. */
  getContext?: GetContext;
  logger?: Logger;
  /** Demo pages directory (default `<root>/demo`); `null` disables the demo site. */
  demoDir?: string | null;
  /** Built element directory (default `<root>/dist`); `null` disables the bundle routes. */
  distDir?: string | null;
  /** Milliseconds open streams get to finish on shutdown before their connections are cut (default 2000). */
  shutdownGraceMs?: number;
}

/** A started server. */
export interface RunningServer {
  /** The main origin, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The second-origin demo site, or `null` when disabled. */
  crossOriginUrl: string | null;
  chatkit: ChatKitServer;
  store: Store;
  logger: Logger;
  /** Resolves when every ChatKit request in progress has settled (including a cancelled stream's clean-up). */
  settled(): Promise<void>;
  /** Stops accepting connections, ends open streams, waits for their clean-up and closes the store. */
  close(): Promise<void>;
}

/**
 * The default responder: the agent (server/agent) with the demo's todo and returns use cases, on the
 * configured OpenAI-compatible model or, without a key or base URL, the offline demo model. Its domain
 * tables live in the thread store's SQLite file (same connection when the store is SQLite). Tests pass
 * their own hooks (e.g. the scripted responder of test/support).
 */
export function defaultHooks(deps: HookDependencies): ServerHooks {
  const db =
    deps.store instanceof SqliteStore ? deps.store.db : join(resolve(deps.config.dataDir), 'demo.db');
  const agent = createDemoHooks(deps.config, db, {
    todoScope: deps.config.todoScope,
    offline: { pace: deps.config.offlinePace },
  });
  // Dictation needs the provider's audio API, which keyless local providers (Ollama) do not have.
  const { openaiApiKey, openaiBaseUrl, transcribeModel } = deps.config;
  const transcribe =
    openaiApiKey && transcribeModel
      ? createOpenAITranscriber({ apiKey: openaiApiKey, baseURL: openaiBaseUrl, model: transcribeModel })
      : undefined;
  deps.logger.info(
    {
      model: agent.model.name,
      offline: agent.model.offline,
      transcribe: transcribe ? transcribeModel : null,
    },
    'agent model',
  );
  return {
    respond: agent.respond,
    action: agent.action,
    syncAction: agent.syncAction,
    ...(transcribe ? { transcribe } : {}),
    prompts: agent.prompts,
    close: agent.close,
  };
}

/**
 * Opens the store: PostgreSQL when `DATABASE_URL` is set (checked with one query, so a wrong URL stops the
 * start instead of the first request), else SQLite at `<CHATKIT_DATA_DIR>/chatkit.db`.
 */
async function openStore(config: ServerConfig, logger: Logger): Promise<Store> {
  if (config.databaseUrl) {
    // pg is an optional peer dependency: load it only when PostgreSQL is configured.
    const { PostgresStore } = await import('./stores/postgres-store.js').catch((error: unknown) => {
      throw new ConfigError(
        'DATABASE_URL',
        `PostgreSQL needs the pg package (npm install pg): ${(error as Error).message}`,
      );
    });
    const store = new PostgresStore({
      connectionString: config.databaseUrl,
      onIdleError: (error) =>
        logger.warn({ err: error }, 'PostgreSQL closed an idle connection; the next query opens a new one'),
    });
    try {
      await store.pool.query('SELECT 1');
    } catch (error) {
      await store.close();
      throw new ConfigError('DATABASE_URL', `cannot connect (${(error as Error).message})`);
    }
    return store;
  }
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true });
  return new SqliteStore({ path: join(dataDir, 'chatkit.db') });
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** The browsable host of a listen address (wildcards are reachable through loopback). */
function browsableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function closeHttp(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolveClose) => {
    if (!server.listening) {
      resolveClose();
      return;
    }
    server.close(() => resolveClose());
    server.closeIdleConnections();
    // Open SSE streams would keep the server alive forever; cut them after the grace period.
    setTimeout(() => server.closeAllConnections(), graceMs).unref();
  });
}

/** Starts the reference server with `config` (from {@link loadConfig}). */
export async function startServer(
  config: ServerConfig,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = await openStore(config, logger);
  const hooksOption = options.hooks ?? defaultHooks;
  const {
    prompts,
    close: closeHooks,
    ...hooks
  } = typeof hooksOption === 'function' ? await hooksOption({ config, store, logger }) : hooksOption;
  // Absolute attachment URLs need the public origin: the request's (set by the router) or, failing that,
  // the listening address (known once listening, hence the late-bound variable).
  let listeningUrl = '';
  const originOf = (context: RequestContext) =>
    typeof context.requestOrigin === 'string' ? context.requestOrigin : listeningUrl;
  const { attachmentStore, tokens } = await createDiskAttachments({
    dataDir: resolve(config.dataDir),
    store,
    originOf,
    limits: {
      maxBytes: config.uploads.maxBytes,
      quotaBytes: config.uploads.quotaBytes,
      quotaFiles: config.uploads.quotaFiles,
      allowedTypes: config.uploads.allowedTypes,
    },
  });
  if (config.auth.mode === 'header' && !options.getContext && !isLoopbackHost(config.host)) {
    logger.warn(
      { host: config.host, auth: 'header' },
      'CHATKIT_AUTH=header on a non-loopback address: the user id is the x-chatkit-user header the client ' +
        'picks, which is not authentication. Set CHATKIT_AUTH=jwt or cookie for real users.',
    );
  }
  if (config.demoTokens) {
    logger.warn('CHATKIT_DEMO_TOKENS=on: POST /api/demo/token hands out credentials to anyone (demo only)');
  }
  const chatkit = new ChatKitServer({
    attachmentStore,
    ...hooks,
    store,
    logger: logger.child({ component: 'chatkit' }),
  });
  const demoDir = options.demoDir === undefined ? join(ROOT, 'demo') : options.demoDir;
  const distDir = options.distDir === undefined ? join(ROOT, 'dist') : options.distDir;
  const inFlight = new Set<Promise<void>>();

  // The demo site listens first so its port can be named as an own origin of the API.
  const demoSite = config.demoPort !== null && demoDir ? createDemoSiteHolder() : null;
  const httpServer = createServer({ connectionsCheckingInterval: connectionsCheckingInterval(config.http) });
  hardenHttpServer(httpServer, config.http, logger);
  // A port in use must not leave the store or the other listener open behind the thrown error.
  const abandon = async (error: unknown): Promise<never> => {
    await Promise.all([closeHttp(httpServer, 0), demoSite ? closeHttp(demoSite.server, 0) : undefined]);
    await store.close?.();
    await closeHooks?.();
    throw error;
  };
  const demoPort = demoSite
    ? await listen(demoSite.server, config.demoPort ?? 0, config.host).catch(abandon)
    : null;

  const crossOriginUrl = demoPort !== null ? `http://${browsableHost(config.host)}:${demoPort}` : null;
  const app = createApp({
    server: chatkit,
    branding: config.branding,
    brandingPrompts: options.brandingPrompts ?? (config.brandPromptsSet ? undefined : prompts),
    allowedOrigins: config.allowedOrigins,
    ownPorts: config.allowedOrigins === null && demoPort !== null ? [demoPort] : [],
    bodyLimit: config.bodyLimit,
    rateLimit: config.rateLimit,
    trustProxy: config.trustProxy,
    listenHost: config.host,
    getContext: options.getContext ?? createAuthContext(config.auth),
    logger,
    inFlight,
    // Byte routes only for our own disk store; a custom attachment store brings its own upload URLs.
    attachments:
      chatkit.attachmentStore === attachmentStore
        ? {
            store: attachmentStore,
            tokens,
            rateLimit: { windowMs: config.rateLimit.windowMs, max: config.uploads.rateLimit },
          }
        : undefined,
    capabilities: {
      auth: config.auth.mode,
      uploads: {
        enabled: Boolean(chatkit.attachmentStore),
        directUploadUrl: chatkit.attachmentStore === attachmentStore ? '/chatkit/upload' : null,
        accept: [...config.uploads.allowedTypes],
        maxBytes: config.uploads.maxBytes,
        quotaBytes: config.uploads.quotaBytes,
        quotaFiles: config.uploads.quotaFiles,
      },
      dictation: { enabled: Boolean(hooks.transcribe) },
    },
    demoTokens: config.demoTokens ? config.auth : null,
    imageProxy: config.imageProxy,
    demoDir: demoDir ?? undefined,
    distDir: distDir ?? undefined,
    crossOriginDemo:
      crossOriginUrl !== null && demoPort !== null ? { url: crossOriginUrl, port: demoPort } : null,
  });
  httpServer.on('request', app);
  const port = await listen(httpServer, config.port, config.host).catch(abandon);
  const url = `http://${browsableHost(config.host)}:${port}`;
  listeningUrl = url;
  if (demoSite && demoDir)
    demoSite.use(createDemoSiteApp({ demoDir, apiOrigin: url, logger, listenHost: config.host }));

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      const grace = options.shutdownGraceMs ?? 2000;
      await Promise.all([
        closeHttp(httpServer, grace),
        demoSite ? closeHttp(demoSite.server, grace) : undefined,
      ]);
      // Cancelled streams persist their partial answers; let that finish before the store goes away.
      await Promise.allSettled([...inFlight]);
      await store.close?.();
      await closeHooks?.();
    })();
    return closing;
  };
  const settled = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return { url, crossOriginUrl, chatkit, store, logger, settled, close };
}

/**
 * An HTTP server whose request handler is set after listening (the demo site needs the main server's URL,
 * which is only known once the main server listens). Until then it answers 503.
 */
function createDemoSiteHolder(): { server: Server; use(listener: RequestListener): void } {
  let listener: RequestListener | null = null;
  const server = createServer((req, res) => {
    if (listener) listener(req, res);
    else res.writeHead(503).end();
  });
  return { server, use: (next) => void (listener = next) };
}

/**
 * CLI entry (the `chatkit-chat-server` bin): configuration from `process.env`, logs the URL, shuts down
 * gracefully on SIGINT/SIGTERM.
 */
export async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  let running: RunningServer;
  try {
    running = await startServer(config);
  } catch (error) {
    // A wrong DATABASE_URL or a missing optional driver is a configuration problem: one line, no stack.
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  running.logger.info(
    { url: running.url, crossOriginDemo: running.crossOriginUrl },
    `ChatKit server on ${running.url}`,
  );
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      running.logger.info({ signal }, 'shutting down');
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          running.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
