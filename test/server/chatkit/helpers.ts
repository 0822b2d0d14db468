/**
 * Test helpers for the ChatKit server: a server over a real SQLite file with deterministic ids and clock,
 * event collection, and id/timestamp normalisation for comparing against the protocol examples.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatKitServer } from '../../../server/chatkit/server.js';
import type { ChatKitLogger, ChatKitServerOptions, ProcessResult } from '../../../server/chatkit/types.js';
import type { RequestContext } from '../../../server/stores/store.js';
import { SqliteStore } from '../../../server/stores/sqlite-store.js';
import { sequentialIdGenerator } from '../../../src/protocol/ids.js';
import type { ThreadStreamEvent } from '../../../src/protocol/types.js';

export const EXAMPLES = new URL('../../fixtures/protocol-examples', import.meta.url).pathname;

/** Reads one example file. */
export function example<T = any>(path: string): T {
  return JSON.parse(readFileSync(join(EXAMPLES, path), 'utf8')) as T;
}

/** A logger that records instead of printing. */
export function recordingLogger(): ChatKitLogger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, error: (details) => errors.push(details), warn: () => {}, debug: () => {} };
}

/** A fixed clock that advances one millisecond per reading, starting 2026-05-19T14:03:07Z. */
export function steppingClock(start = Date.UTC(2026, 4, 19, 14, 3, 7)): () => number {
  let now = start;
  return () => now++;
}

/** Creates a ChatKit server over a fresh SQLite file in a temp dir; call `cleanup()` afterwards. */
export function makeServer<C extends RequestContext = RequestContext>(
  options: Partial<ChatKitServerOptions<C>> = {},
): {
  server: ChatKitServer<C>;
  store: SqliteStore<C>;
  logger: ReturnType<typeof recordingLogger>;
  cleanup: () => Promise<void>;
} {
  const directory = mkdtempSync(join(tmpdir(), 'chatkit-server-'));
  const store = new SqliteStore<C>({ path: join(directory, 'chatkit.db') });
  const logger = recordingLogger();
  const server = new ChatKitServer<C>({
    store,
    generateId: sequentialIdGenerator(),
    clock: steppingClock(),
    logger,
    ...options,
  });
  return {
    server,
    store,
    logger,
    cleanup: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Collects every event of a stream result (fails for JSON results). */
export async function collect(result: ProcessResult): Promise<ThreadStreamEvent[]> {
  if (result.kind !== 'stream') throw new Error(`expected a stream, got JSON ${JSON.stringify(result.body)}`);
  const events: ThreadStreamEvent[] = [];
  for await (const event of result.events) events.push(event);
  return events;
}

/** The JSON body of a result (fails for streams). */
export function json(result: ProcessResult): any {
  if (result.kind !== 'json') throw new Error('expected a JSON result, got a stream');
  return result.body;
}

const ID = /^(thr|msg|tc|wf|tsk|atc|shcx|fc|call|ig)_[0-9A-Za-z]+$/;

/**
 * Replaces ids by `<id:n>` in order of first appearance and every `created_at` by `<ts>`, so that an actual
 * stream can be compared with an example recorded with other ids and clocks.
 */
export function normalize(value: unknown): unknown {
  const ids = new Map<string, string>();
  const walk = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((element) => walk(element));
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    }
    if (key === 'created_at' && typeof node === 'string') return '<ts>';
    if (typeof node === 'string' && ID.test(node)) {
      if (!ids.has(node)) ids.set(node, `<id:${ids.size}>`);
      return ids.get(node);
    }
    return node;
  };
  return walk(value);
}
