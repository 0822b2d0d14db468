/**
 * Crash and disconnect checks of issue 11, small enough for every run (well under a minute):
 *
 * - `kill -9` of the server process in the middle of a streamed answer, on SQLite and on PostgreSQL, then a
 *   restart on the same data: every completed turn is intact, the thread is listed once, its items are
 *   well-formed, ordered and unique, and the thread takes new messages.
 * - repeated client disconnects in the middle of streams, on SQLite and on PostgreSQL: each partial answer is
 *   kept and the server stays healthy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSSEStream } from '../../../src/protocol/sse.js';
import type { ThreadItem } from '../../../src/protocol/types.js';
import { createScriptedResponder } from '../../support/scripted-responder.js';
import { scriptedAnswer } from '../../support/scripted-answers.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../stores/postgres-server.js';
import { randomUserId, readEvents, startTestServer, textInput } from '../../support/test-server.js';

const FULL_TEXT = scriptedAnswer('a long story please');
const CHILD = new URL('../../support/child-server.ts', import.meta.url).pathname;

interface Child {
  url: string;
  process: ChildProcess;
}

async function startChild(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child server exited (${code}) before listening`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  child.removeAllListeners('exit');
  return { url, process: child };
}

async function killHard(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
}

function post(url: string, user: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-chatkit-user': user },
    body: JSON.stringify(body),
    signal,
  });
}

async function json(url: string, user: string, body: unknown): Promise<any> {
  const response = await post(url, user, body);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Starts a streamed turn and resolves once `deltas` text deltas arrived (the stream keeps running). */
async function streamUntilDeltas(url: string, user: string, body: unknown, deltas: number) {
  const response = await post(url, user, body);
  expect(response.status).toBe(200);
  const reader = decodeSSEStream(response.body!)[Symbol.asyncIterator]();
  let seen = 0;
  let threadId = '';
  while (seen < deltas) {
    const next = await reader.next();
    if (next.done) throw new Error('stream ended early');
    if (!next.value.ok) continue;
    const event = next.value.event;
    if (event.type === 'thread.created') threadId = event.thread.id;
    if (
      event.type === 'thread.item.updated' &&
      event.update.type === 'assistant_message.content_part.text_delta'
    ) {
      seen++;
    }
  }
  return { threadId, rest: reader };
}

/** The invariants a thread must keep after any crash. */
async function expectConsistent(url: string, user: string, threadId: string, completedTurns: number) {
  const list = await json(url, user, { type: 'threads.list', params: { limit: 100 } });
  expect(list.data.filter((thread: { id: string }) => thread.id === threadId)).toHaveLength(1);
  const items = await json(url, user, {
    type: 'items.list',
    params: { thread_id: threadId, order: 'asc', limit: 100 },
  });
  const data = items.data as ThreadItem[];
  expect(new Set(data.map((item) => item.id)).size).toBe(data.length);
  for (const item of data) expect(item.thread_id).toBe(threadId);
  const created = data.map((item) => Date.parse(item.created_at));
  expect([...created].sort((a, b) => a - b)).toEqual(created);
  // Every completed turn survived: user message followed by its full assistant answer.
  const assistants = data.filter((item) => item.type === 'assistant_message');
  const users = data.filter((item) => item.type === 'user_message');
  expect(users.length).toBeGreaterThanOrEqual(completedTurns);
  expect(assistants.length).toBeGreaterThanOrEqual(completedTurns);
  for (const answer of assistants.slice(0, completedTurns)) {
    expect((answer as { content: Array<{ text: string }> }).content[0]!.text.length).toBeGreaterThan(0);
  }
  const thread = await json(url, user, { type: 'threads.get_by_id', params: { thread_id: threadId } });
  expect(thread.id).toBe(threadId);
}

async function killRounds(env: Record<string, string>, rounds: number): Promise<void> {
  const user = randomUserId();
  let child = await startChild(env);
  try {
    const first = await readEvents(
      await post(child.url, user, { type: 'threads.create', params: { input: textInput('hello') } }),
    );
    const created = first.find((event) => event.type === 'thread.created');
    if (created?.type !== 'thread.created') throw new Error('no thread.created');
    const threadId = created.thread.id;
    let completed = 1;
    for (let round = 0; round < rounds; round++) {
      // Kill the process while an answer streams (after a few deltas were sent to us).
      await streamUntilDeltas(
        child.url,
        user,
        {
          type: 'threads.add_user_message',
          params: { thread_id: threadId, input: textInput('a long story please') },
        },
        3,
      );
      await killHard(child);
      child = await startChild(env);
      await expectConsistent(child.url, user, threadId, completed);
      // The thread still takes messages and completes them.
      const events = await readEvents(
        await post(child.url, user, {
          type: 'threads.add_user_message',
          params: { thread_id: threadId, input: textInput(`after crash ${round}`) },
        }),
      );
      expect(events.filter((event) => event.type === 'thread.item.done')).toHaveLength(2);
      completed++;
      await expectConsistent(child.url, user, threadId, completed);
    }
  } finally {
    await killHard(child).catch(() => {});
  }
}

describe('kill -9 mid-stream', () => {
  it('SQLite: data intact and consistent after 2 hard kills', { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatkit-kill-'));
    try {
      await killRounds({ CHATKIT_DATA_DIR: dataDir }, 2);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!postgresAvailable)('PostgreSQL', () => {
    let postgres: TestPostgres;
    beforeAll(async () => {
      postgres = await startPostgres();
    });
    afterAll(async () => {
      await postgres?.stop();
    });
    it('data intact and consistent after 2 hard kills', { timeout: 180_000 }, async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'chatkit-kill-'));
      const { host, port, user, database } = postgres.connection;
      try {
        await killRounds(
          {
            CHATKIT_DATA_DIR: dataDir,
            DATABASE_URL: `postgresql://${user}@localhost/${database}?host=${encodeURIComponent(host)}&port=${port}`,
          },
          2,
        );
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
    it(
      '10 mid-stream disconnects keep every partial answer, the server stays healthy',
      { timeout: 60_000 },
      async () => {
        const { host, port, user, database } = postgres.connection;
        await disconnectRounds({
          DATABASE_URL: `postgresql://${user}@localhost/${database}?host=${encodeURIComponent(host)}&port=${port}`,
        });
      },
    );
  });
});

/**
 * Ten client disconnects in the middle of streams, each later in the answer: every partial answer is kept,
 * each thread is listed once, and the server stays healthy.
 */
async function disconnectRounds(env: Record<string, string> = {}): Promise<void> {
  const server = await startTestServer({
    env: { CHATKIT_RATE_LIMIT: '0', ...env },
    hooks: { respond: createScriptedResponder({ delayMs: 10, wordsPerDelta: 1 }) },
  });
  try {
    const user = server.newUser();
    for (let round = 0; round < 10; round++) {
      const controller = new AbortController();
      const response = await server.post(
        { type: 'threads.create', params: { input: textInput('a long story please') } },
        { user, signal: controller.signal },
      );
      let threadId = '';
      let deltas = 0;
      try {
        for await (const decoded of decodeSSEStream(response.body!, { signal: controller.signal })) {
          if (!decoded.ok) continue;
          if (decoded.event.type === 'thread.created') threadId = decoded.event.thread.id;
          if (decoded.event.type === 'thread.item.updated' && ++deltas === 2 + round) controller.abort();
        }
      } catch (error) {
        expect((error as Error).name).toMatch(/Abort/);
      }
      await server.settled();
      const items = await server.json(
        { type: 'items.list', params: { thread_id: threadId, order: 'asc' } },
        user,
      );
      expect(items.data.map((item: ThreadItem) => item.type)).toEqual(['user_message', 'assistant_message']);
      const partial = items.data[1].content[0].text as string;
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(FULL_TEXT.length);
      expect(FULL_TEXT.startsWith(partial)).toBe(true);
    }
    const list = await server.json({ type: 'threads.list', params: { limit: 50 } }, user);
    expect(list.data).toHaveLength(10);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  } finally {
    await server.close();
  }
}

it(
  'SQLite: 10 mid-stream disconnects keep every partial answer, the server stays healthy',
  { timeout: 60_000 },
  () => disconnectRounds(),
);
