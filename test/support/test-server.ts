/**
 * Starts the real reference server for tests: Express on 127.0.0.1 with an ephemeral port, a real SQLite
 * file in a fresh temporary directory, silent logs, no second demo origin. Talk to it with real `fetch`.
 *
 * ```ts
 * const server = await startTestServer();
 * const events = await server.stream({ type: 'threads.create', params: { input: textInput('hi') } });
 * await server.close();
 * ```
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSSEStream } from '../../src/protocol/sse.js';
import type { ThreadStreamEvent, UserMessageInput } from '../../src/protocol/types.js';
import { loadConfig, type ServerConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/main.js';
import { createScriptedResponder } from './scripted-responder.js';

/** Options of {@link startTestServer}. */
export interface TestServerOptions extends Omit<StartServerOptions, 'logger'> {
  /** Extra environment variables (merged over the test defaults). */
  env?: Record<string, string>;
  /** The default user of the helpers (default: a fresh random id). */
  user?: string;
  /** Use this data directory (and keep it on close) instead of a fresh temporary one: restart tests. */
  dataDir?: string;
}

/** A running test server with request helpers. */
export interface TestServer extends RunningServer {
  config: ServerConfig;
  dataDir: string;
  /** A fresh valid anonymous user id, unique per call. */
  newUser(): string;
  /** The default user of the helpers below. */
  user: string;
  /** POSTs a body (an object is JSON-encoded, a string or bytes are sent as is) to `/chatkit`. */
  post(
    body: unknown,
    init?: { user?: string | null; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<Response>;
  /** POSTs a non-streaming request and returns the parsed JSON (throws unless 200). */
  json<T = any>(body: unknown, user?: string): Promise<T>;
  /** POSTs a streaming request and collects every event until the stream ends (throws unless 200 SSE). */
  stream(body: unknown, user?: string): Promise<ThreadStreamEvent[]>;
}

/** A fresh random user id matching the header rules. */
export function randomUserId(): string {
  return `test_${randomBytes(9).toString('base64url')}`;
}

/** A user-message input with one text part. */
export function textInput(text: string): UserMessageInput {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
}

/** Reads an SSE response body into events (fails on a message that is not an event). */
export async function readEvents(response: Response): Promise<ThreadStreamEvent[]> {
  if (!response.body) throw new Error('response has no body');
  const events: ThreadStreamEvent[] = [];
  for await (const decoded of decodeSSEStream(response.body)) {
    if (!decoded.ok) throw new Error(`bad SSE message: ${decoded.data}`);
    events.push(decoded.event);
  }
  return events;
}

/** Starts the server; call `close()` in `afterAll`/`afterEach` (it also deletes the temporary directory). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'chatkit-test-')));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CHATKIT_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CHATKIT_DEMO_PORT: 'off',
    ...options.env,
  });
  const { env: _env, dataDir: _dataDir, user: _user, ...startOptions } = options;
  const running = await startServer(config, {
    hooks: { respond: createScriptedResponder({ delayMs: 0 }) },
    demoDir: null,
    distDir: null,
    shutdownGraceMs: 200,
    ...startOptions,
    logger: createLogger(config.logLevel),
  }).catch(async (error: unknown) => {
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const user = options.user ?? randomUserId();

  const post: TestServer['post'] = (body, init = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const who = init.user === undefined ? user : init.user;
    if (who !== null && !('x-chatkit-user' in headers)) headers['x-chatkit-user'] = who;
    const payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    return fetch(`${running.url}/chatkit`, {
      method: 'POST',
      headers,
      body: payload as BodyInit,
      signal: init.signal,
    });
  };

  return {
    ...running,
    config,
    dataDir,
    user,
    newUser: randomUserId,
    post,
    async json(body, who) {
      const response = await post(body, { user: who ?? user });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${text}`);
      return JSON.parse(text);
    },
    async stream(body, who) {
      const response = await post(body, { user: who ?? user });
      if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
        throw new Error(`expected an event stream, got ${response.status}: ${await response.text()}`);
      }
      return readEvents(response);
    },
    async close() {
      await running.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
