/**
 * Several server processes starting together on one SQLite file (scale-out on one host) seed the returns
 * sample data once: none fails on a duplicate row, and the file holds each sample row once. The race is
 * narrow, so four processes meet on a new file in each of several rounds.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_CUSTOMERS, SAMPLE_ORDERS } from '../../../server/use-cases/returns/returns-seed.js';

const CHILD = new URL('../../support/returns-seed-child.ts', import.meta.url).pathname;
let dir = '';
afterAll(() => dir && rm(dir, { recursive: true, force: true }));

/** A child process that seeds the file named in each `go <path>` line and answers `seeded`. */
function startChild() {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waiting: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', () => waiting.shift()?.());
  const next = () => new Promise<void>((resolve) => waiting.push(resolve));
  const failed = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`seed child exited with ${code}:\n${stderr}`))),
  );
  failed.catch(() => {});
  return {
    ready: Promise.race([next(), failed]),
    seed: (path: string) => {
      const done = next();
      child.stdin.write(`go ${path}\n`);
      return Promise.race([done, failed]);
    },
    stop: () => child.stdin.end(),
  };
}

describe('returns sample data', () => {
  it('is seeded once when four processes open a new file at the same moment', async () => {
    dir = await mkdtemp(join(tmpdir(), 'returns-seed-'));
    const children = Array.from({ length: 4 }, startChild);
    try {
      await Promise.all(children.map((c) => c.ready));
      for (let round = 0; round < 6; round++) {
        const path = join(dir, `demo-${round}.db`);
        await Promise.all(children.map((c) => c.seed(path)));
        const db = new Database(path, { readonly: true });
        const count = (table: string) =>
          (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
        expect(count('returns_customers')).toBe(SAMPLE_CUSTOMERS.length);
        expect(count('returns_orders')).toBe(SAMPLE_ORDERS.length);
        db.close();
      }
    } finally {
      for (const c of children) c.stop();
    }
  }, 60_000);
});
