/**
 * The package test's tools: one `npm pack` of the repository, fresh fixture projects in a temp dir that
 * install the tarball, child processes, a static "CDN" server.
 *
 * Offline install, and why this way: `npm install --offline <tarball>` alone fails on a fresh machine,
 * because `npm ci` caches tarballs but not the registry metadata npm needs to resolve the tarball's
 * dependency ranges. So each fixture's node_modules first gets a symlink per dependency the tarball declares
 * (`dependencies`, plus what the fixture itself imports) into the repository's node_modules, which `npm ci`
 * filled; then real `npm install --offline` installs the tarball: npm extracts exactly the packed files and
 * links the bin, and finds every declared dependency already satisfied. The package's own files can see
 * only the fixture's node_modules, so a dependency missing from package.json fails here as it would for a
 * user; no registry is contacted.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, stat, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(ROOT, 'test', 'package', 'fixtures');
const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  files: string[];
};

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

const mtime = (path: string) =>
  stat(path).then(
    (s) => s.mtimeMs,
    () => 0,
  );

/**
 * Packs the repository once. `npm test` has just run `npm run build`, so the pack skips the `prepack` build
 * (`--ignore-scripts`) when dist/ is newer than src/ and server/; otherwise it builds first.
 */
export async function packOnce(workDir: string): Promise<string> {
  const outputs = [
    'dist/chatkit-chat.js',
    'dist/server/main.js',
    'dist/src/index.d.ts',
    'dist/integrity.json',
  ];
  const builtAt = Math.min(...(await Promise.all(outputs.map((file) => mtime(join(ROOT, file))))));
  const changedAt = Math.max(await newestMtime(join(ROOT, 'src')), await newestMtime(join(ROOT, 'server')));
  if (builtAt < changedAt) await run(NPM, ['run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 1 << 26 });
  const { stdout } = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], {
    cwd: ROOT,
    maxBuffer: 1 << 26,
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  return join(workDir, filename);
}

/** Copies a fixture into `workDir`, links the dependencies and installs the tarball with npm, offline. */
export async function installFixture(
  name: string,
  workDir: string,
  tarball: string,
  extraDependencies: string[] = [],
): Promise<string> {
  const dir = join(workDir, name);
  await cp(join(FIXTURES, name), dir, { recursive: true });
  for (const dependency of [...Object.keys(pkg.dependencies), ...extraDependencies]) {
    const link = join(dir, 'node_modules', ...dependency.split('/'));
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(ROOT, 'node_modules', ...dependency.split('/')), link, 'dir');
  }
  await run(
    NPM,
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', tarball],
    { cwd: dir, maxBuffer: 1 << 26 },
  );
  return dir;
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function exec(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  try {
    const { stdout } = await run(file, args, { ...options, maxBuffer: 1 << 26 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** A long-running child (its own process group, so `stop` ends npm exec's children too). */
export interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout match of `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  output(): string;
  stop(): Promise<void>;
}

export function startChild(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Child {
  const child = spawn(file, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    output: () => out,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (match) {
            waiters.delete(check);
            resolve(match);
          }
        };
        waiters.add(check);
        check();
        void exited.then(() => {
          if (!out.match(pattern)) reject(new Error(`${file} exited before ${pattern}:\n${out}`));
        });
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await exited;
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A static file server: `routes` maps a URL prefix to a directory; `rewrite` edits HTML bodies. */
export async function startStatic(
  routes: Record<string, string>,
  options: { cors?: boolean; rewrite?: (html: string) => string } = {},
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const prefix = Object.keys(routes).find((p) => path.startsWith(p));
    const file = prefix === undefined ? null : normalize(join(routes[prefix], path.slice(prefix.length)));
    if (!file || !prefix || !file.startsWith(normalize(routes[prefix]) + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      if (options.rewrite && extname(file) === '.html') body = options.rewrite(body.toString());
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...(options.cors ? { 'access-control-allow-origin': '*' } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const newWorkDir = () => mkdtemp(join(tmpdir(), 'chatkit-package-'));

/** Reads an SSE body to the end and returns its events' JSON payloads. */
export async function readEvents(
  response: Response,
): Promise<Array<{ type: string; [key: string]: unknown }>> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => JSON.parse(line.slice(5).trim()));
}

/** `threads.create` with a user message, as the element sends it. */
export function createThreadBody(text: string): string {
  return JSON.stringify({
    type: 'threads.create',
    params: { input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} } },
  });
}
