/**
 * Opening a SQLite file that several server processes may open at the same moment (scale-out on one host,
 * or the thread store and the demo's domain tables in one file).
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** How long a process waits for another one's lock, in ms (SQLite's busy_timeout and the WAL switch). */
export const SQLITE_BUSY_MS = 5000;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Opens `path` (creating its directory) with a busy timeout and in WAL mode. Switching a new file to WAL
 * needs an exclusive lock, and SQLite answers `SQLITE_BUSY` at once there instead of calling the busy
 * handler when another process holds the file, so the switch is retried for up to {@link SQLITE_BUSY_MS}
 * (start-up only; a file already in WAL mode, which persists in the file, skips it).
 */
export function openSqliteFile(path: string): Database.Database {
  const memory = path === ':memory:' || path === '';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // busy_timeout first: every later statement waits for another process's lock instead of failing.
  db.pragma(`busy_timeout = ${SQLITE_BUSY_MS}`);
  if (memory) return db;
  const deadline = Date.now() + SQLITE_BUSY_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return db;
    } catch (error) {
      // SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY while another process recovers the WAL).
      const busy = String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY');
      if (!busy || Date.now() > deadline) {
        db.close();
        throw error;
      }
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}
