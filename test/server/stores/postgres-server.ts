/**
 * Starts a throwaway PostgreSQL cluster for tests: `initdb` into a temp dir, `postgres` listening only on a
 * Unix socket in that dir (no TCP port to collide with), trust auth. Skips (returns null) when the
 * PostgreSQL binaries are not installed. Running as root, the server runs as the `postgres` user.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = [
  '/usr/local/bin',
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

function binary(name: string): string | null {
  for (const dir of BIN_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

/** Whether a local PostgreSQL can be started for tests. */
export const postgresAvailable = Boolean(binary('initdb') && binary('postgres'));

export interface TestPostgres {
  /** Pool settings for `pg`: the socket directory as host. */
  connection: { host: string; port: number; user: string; database: string };
  stop(): Promise<void>;
}

function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** Starts the cluster; resolves once it accepts connections. */
export async function startPostgres(): Promise<TestPostgres> {
  const directory = mkdtempSync(join(tmpdir(), 'chatkit-pg-'));
  const data = join(directory, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(directory, uid, gid);
  }
  chmodSync(directory, 0o755);
  const [initdb, initArgs] = asPostgresUser(binary('initdb')!, [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'chatkit',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'ignore' });
  const port = 5432;
  const [postgres, serverArgs] = asPostgresUser(binary('postgres')!, [
    '-D',
    data,
    '-k',
    directory,
    '-p',
    String(port),
    '-c',
    'listen_addresses=',
    '-c',
    'fsync=off',
  ]);
  const child: ChildProcess = spawn(postgres, serverArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  // The server logs "ready to accept connections" once it is up: wait for that line, not for a timer.
  await new Promise<void>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`postgres exited with ${code}: ${log}`)));
  });
  // Should a test run die before stop(), do not leave a server behind.
  const postmasterPid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const killOnExit = () => {
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', killOnExit);
  return {
    connection: { host: directory, port, user: 'chatkit', database: 'postgres' },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT = "fast shutdown", sent to the postmaster itself (its pid is the first line of postmaster.pid):
      // the runuser wrapper does not forward signals.
      process.off('exit', killOnExit);
      process.kill(postmasterPid, 'SIGINT');
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
