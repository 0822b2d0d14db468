/**
 * What the server-cost scripts share to run a benchmark child: building it with esbuild (plain `node`, no
 * TypeScript runtime), forking it with the IPC protocol of child.ts, and the keep-alive HTTP load that streams
 * the scripted turn at it. Used by server-cost.bench.ts and by heap-diff.ts and profile.ts here.
 *
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The checkout these scripts belong to. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where our server's child is built. */
export const OUT_DIR = join(ROOT, '.tmp', 'bench');
/**
 * Where the peer's child is built: with a node_modules link to bench/peer/node_modules, so the peer resolves
 * from there and Express from the project.
 */
export const PEER_OUT_DIR = join(ROOT, '.tmp', 'bench-peer');

/**
 * Bundles bench/server-cost/ours-server.ts or peer-server.ts for `node` into OUT_DIR or PEER_OUT_DIR as
 * `<entry><suffix>.mjs` (the peer needs bench/peer installed); resolves to the file's path.
 */
export async function buildServer(
  which: 'ours' | 'peer',
  { suffix = '', sourcemap = false }: { suffix?: string; sourcemap?: boolean } = {},
): Promise<string> {
  const outDir = which === 'peer' ? PEER_OUT_DIR : OUT_DIR;
  mkdirSync(outDir, { recursive: true });
  if (which === 'peer' && !existsSync(join(outDir, 'node_modules')))
    symlinkSync(join(ROOT, 'bench', 'peer', 'node_modules'), join(outDir, 'node_modules'));
  const entry = `${which}-server`;
  const outfile = join(outDir, `${entry}${suffix}.mjs`);
  await build({
    entryPoints: [join(ROOT, `bench/server-cost/${entry}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    ...(sourcemap ? { sourcemap: 'inline' as const } : {}),
  });
  return outfile;
}

/** A forked benchmark child (child.ts): its port, its process, `ask` (one IPC command) and `stop`. */
export interface Child {
  name: string;
  port: number;
  process: ChildProcess;
  ask<T = any>(cmd: string): Promise<T>;
  stop(): Promise<void>;
}

/** Forks `file` with `args` (stdout ignored, stderr shown) and resolves once it tells its port. */
export async function startChild(
  name: string,
  file: string,
  args: string[],
  { execArgv = ['--expose-gc'], cwd }: { execArgv?: string[]; cwd?: string } = {},
): Promise<Child> {
  const child = fork(file, args, { cwd, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: any) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  const ask = (cmd: string) =>
    new Promise<any>((resolve) => {
      const onMessage = (message: any) => {
        if (message.cmd !== cmd) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ cmd });
    });
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ cmd: 'exit' });
    await exited;
  };
  return { name, port, process: child, ask, stop };
}

/**
 * The load generator: keep-alive HTTP on loopback, one `x-chatkit-user` of 64 per turn in turn. `turn` streams
 * one `threads.create` and resolves with its latency and body once the stream ended (`onFirstChunk` when its
 * first bytes arrive); `run` streams `turns` of them from `concurrency` clients and resolves to the latencies.
 */
export function createLoad() {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  let userCounter = 0;

  function turn(
    port: number,
    text = 'Benchmark turn',
    onFirstChunk?: () => void,
  ): Promise<{ ms: number; body: string }> {
    const start = performance.now();
    const body = JSON.stringify({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} } },
    });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/chatkit',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-chatkit-user': `bench_user_${(userCounter++ % 64).toString().padStart(4, '0')}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let first = true;
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            if (first) {
              first = false;
              onFirstChunk?.();
            }
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}: ${text}`));
            else resolve({ ms: performance.now() - start, body: text });
          });
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed after its idle timeout (5 s, e.g. while another child was
        // measured or a snapshot taken) may fail as it is reused: retry on a fresh socket, as Node's
        // documentation advises.
        if (req.reusedSocket && error.code === 'ECONNRESET') {
          turn(port, text, onFirstChunk).then(resolve, reject);
        } else reject(error);
      });
      req.end(body);
    });
  }

  async function run(port: number, concurrency: number, turns: number, text?: string): Promise<number[]> {
    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < turns) latencies.push((await turn(port, text)).ms);
      }),
    );
    return latencies;
  }

  return { turn, run, destroy: () => agent.destroy() };
}
