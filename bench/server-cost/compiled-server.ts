/**
 * The reference server as a package ships it: every file of server/ and src/ compiled one to one with esbuild
 * (no bundling, no TypeScript runtime), plus its non-code assets. And a way to start it idle and read its
 * memory the same way in every run: after startup, two full GCs (`--expose-gc`, asked over IPC through the
 * preloaded idle-gc-hook.mjs), then `process.memoryUsage().rss`.
 *
 * @module
 */
import { fork } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOOK = fileURLToPath(new URL('./idle-gc-hook.mjs', import.meta.url));

/** Compiles server/ and src/ into `outDir` (server/main.js is the entry); returns the entry's path. */
export async function buildCompiledServer(outDir: string): Promise<string> {
  const sources = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file));
  const serverFiles = [...sources('server'), ...sources('src')];
  await build({
    entryPoints: serverFiles
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => join(ROOT, file)),
    outbase: ROOT,
    outdir: outDir,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  for (const file of serverFiles.filter((file) => file.endsWith('.widget')))
    cpSync(join(ROOT, file), join(outDir, file));
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  return join(outDir, 'server', 'main.js');
}

/** What an idle reference server reports. */
export interface IdleFigures {
  rssMb: number;
  heapMb: number;
  externalMb: number;
  /** CommonJS modules loaded (the ESM graph is not listed). */
  cjs: string[];
}

/**
 * Starts the compiled reference server (SQLite store in `dataDir`, offline demo model, no demo site), waits
 * until it listens and has been idle for `settleMs`, and reads its memory after a GC; then stops it.
 */
export async function measureIdle(entry: string, dataDir: string, settleMs = 500): Promise<IdleFigures> {
  const child = fork(entry, [], {
    cwd: dataDir,
    execArgv: ['--expose-gc', '--import', HOOK],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CHATKIT_DATA_DIR: join(dataDir, 'data'),
      CHATKIT_DEMO_PORT: 'off',
      LOG_LEVEL: 'info',
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ChatKit server on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the reference server exited with ${code}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const answer = await new Promise<{ rss: number; heapUsed: number; external: number; cjs: string[] }>(
      (resolve) => {
        child.on('message', (message: any) => {
          if (message?.cmd === 'idle') resolve(message);
        });
        child.send({ cmd: 'idle' });
      },
    );
    return {
      rssMb: answer.rss / 2 ** 20,
      heapMb: answer.heapUsed / 2 ** 20,
      externalMb: answer.external / 2 ** 20,
      cjs: answer.cjs,
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
