/**
 * Scale-out fixtures: reference server processes started exactly as in production (the compiled
 * `chatkit-chat-server` bin when the package has one, else `node --import tsx server/main.ts` as
 * `npm start` does), a tiny round-robin HTTP proxy in front of them (no session affinity: the worst a load
 * balancer can do), and a fake OpenAI-compatible model whose answers the test holds open and releases.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The command that starts the reference server: the package's compiled bin if built, else tsx. */
function serverCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['chatkit-chat-server'];
  // The bin runs the compiled server (dist/server, made by `npm run build`); without it, run as tsx would.
  if (bin && existsSync(join(ROOT, bin)) && existsSync(join(ROOT, 'dist', 'server', 'main.js')))
    return [join(ROOT, bin)];
  return ['--import', 'tsx', join(ROOT, 'server', 'main.ts')];
}

/** One running server process. */
export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it logged (pino JSON lines). */
  log: string[];
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts a server process with `env` on an ephemeral loopback port; resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, serverCommand(), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      CHATKIT_DEMO_PORT: 'off',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  let buffer = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        log.push(line);
        const match = /"url":"(http:\/\/[^"]+)"/.exec(line);
        if (match && line.includes('ChatKit server on')) resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log.join('\n')}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    port: Number(new URL(url).port),
    child,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A request that went through the proxy. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** The ChatKit request type of a `POST /chatkit`. */
  type?: string;
  backend: number;
}

/** The round-robin proxy. */
export interface RoundRobinProxy {
  url: string;
  /** Every request, oldest first, with the backend that served it. */
  readonly requests: ProxiedRequest[];
  /**
   * Overrides the backend choice (e.g. "never the one holding the stream"); `null` restores round robin.
   * Gets the request's method, path and ChatKit request type.
   */
  route: ((request: Omit<ProxiedRequest, 'backend'>) => number | undefined) | null;
  close(): Promise<void>;
}

/**
 * Forwards each HTTP request to the next backend in turn (per request, not per connection), streams the
 * answer back unbuffered, and closes the upstream request when the client goes away — as nginx or a cloud
 * load balancer does, which is what lets the owning process see a cancelled stream.
 */
export async function startRoundRobinProxy(backends: { port: number }[]): Promise<RoundRobinProxy> {
  let next = 0;
  const proxy: RoundRobinProxy = {
    url: '',
    requests: [],
    route: null,
    close: async () => {},
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      let type: string | undefined;
      if (req.method === 'POST' && path.startsWith('/chatkit') && body.length > 0) {
        try {
          type = (JSON.parse(body.toString('utf8')) as { type?: string }).type;
        } catch {
          type = undefined;
        }
      }
      const described = { method: req.method ?? 'GET', path, type };
      const chosen = proxy.route?.(described);
      const backend = chosen ?? next++ % backends.length;
      proxy.requests.push({ ...described, backend });
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: backends[backend].port,
          method: req.method,
          path,
          headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1' },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': String(backend) });
          res.flushHeaders();
          answer.on('data', (chunk: Buffer) => res.write(chunk));
          answer.on('end', () => res.end());
          answer.on('error', () => res.destroy());
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      // The client left before the answer ended (stop button, reload): close the upstream request too.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

/** An answer the fake model is holding open. */
export interface HeldAnswer {
  /** Streams the rest and finishes the completion. */
  release(): void;
  /** Resolves when the server closed the completion request before it finished (a cancelled turn). */
  aborted: Promise<void>;
}

/**
 * A fake OpenAI-compatible Chat Completions endpoint (streaming only, as the agent asks). A user message
 * containing "hold" gets `HOLD_PREFIX` at once, then waits for the test to release or the server to
 * abort; a title request gets a short title; anything else gets `Answer: <the user's words>`.
 */
export const HOLD_PREFIX = 'This answer is still being written on the first process. ';
export const HOLD_REST = 'And here is the rest of it.';

export async function startHoldingModel(): Promise<{
  baseURL: string;
  /** Resolves with the next held answer once its request arrived. */
  nextHold(): Promise<HeldAnswer>;
  close(): Promise<void>;
}> {
  const holds: HeldAnswer[] = [];
  const waiting: ((hold: HeldAnswer) => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        messages?: { role: string; content: unknown }[];
      };
      const texts = (body.messages ?? []).map((message) =>
        typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
      );
      const lastUser = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
      const userText =
        typeof lastUser?.content === 'string' ? lastUser.content : JSON.stringify(lastUser?.content ?? '');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const send = (content: string | null, finish: string | null = null) =>
        res.write(
          `data: ${JSON.stringify({
            id: 'chatcmpl-scale',
            object: 'chat.completion.chunk',
            created: 1_700_000_000,
            model: 'fake',
            choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
          })}\n\n`,
        );
      const finish = () => {
        send(null, 'stop');
        res.end('data: [DONE]\n\n');
      };
      send('');
      if (texts.some((text) => text.includes('Write a short title'))) {
        send('Scale-out thread');
        finish();
        return;
      }
      if (/\bhold\b/i.test(userText)) {
        send(HOLD_PREFIX);
        let resolveAborted!: () => void;
        const aborted = new Promise<void>((resolve) => (resolveAborted = resolve));
        res.on('close', () => {
          if (!res.writableFinished) resolveAborted();
        });
        const hold: HeldAnswer = {
          release() {
            send(HOLD_REST);
            finish();
          },
          aborted,
        };
        const waiter = waiting.shift();
        if (waiter) waiter(hold);
        else holds.push(hold);
        return;
      }
      send(`Answer: ${userText.slice(0, 200)}`);
      finish();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    nextHold: () => {
      const ready = holds.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
