/**
 * Scale-out end to end: two reference server processes (started as in production) share one PostgreSQL
 * database and one data directory behind a round-robin proxy without session affinity. A thread created
 * through one process is listed, continued, cancelled and deleted through the other; attachments uploaded
 * through one are served by the other; concurrent creates through both never collide; and a page reload
 * that lands on the other process while the first still owns the answer picks that answer up
 * (the element's resume-after-reload).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startPostgres, type TestPostgres } from '../server/stores/postgres-server.js';
import { deepText } from './support/deep-text.js';
import { CHROMIUM_ARGS } from './support/harness.js';
import {
  HOLD_PREFIX,
  startHoldingModel,
  startRoundRobinProxy,
  startServerProcess,
  type RoundRobinProxy,
  type ServerProcess,
} from './support/scale-out.js';

const USER = 'scaleout_user_0001';

let postgres: TestPostgres;
let model: Awaited<ReturnType<typeof startHoldingModel>>;
let servers: ServerProcess[] = [];
let proxy: RoundRobinProxy;
let dataDir: string;
let browser: Browser | undefined;
let db: pg.Client;

beforeAll(async () => {
  postgres = await startPostgres();
  model = await startHoldingModel();
  dataDir = await mkdtemp(join(tmpdir(), 'chatkit-scaleout-'));
  const { host, port, user, database } = postgres.connection;
  const env = {
    DATABASE_URL: `postgresql://${user}@localhost/${database}?host=${encodeURIComponent(host)}&port=${port}`,
    // One shared volume for attachment bytes and the URL-sealing key, as a deployment mounts it.
    CHATKIT_DATA_DIR: dataDir,
    OPENAI_BASE_URL: model.baseURL,
    OPENAI_API_KEY: 'sk-scale-out-test',
    CHATKIT_MODEL: 'fake',
  };
  // Both start at once: schema creation and the data directory's key must not race.
  servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  proxy = await startRoundRobinProxy(servers);
  db = new pg.Client({ host, port, user, database });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await db?.end();
  await proxy?.close();
  const codes = await Promise.all(servers.map((server) => server.stop()));
  await model?.close();
  await postgres?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  // A graceful shutdown (SIGTERM) exits 0.
  expect(codes).toEqual(servers.map(() => 0));
});

interface Sent {
  servedBy: number;
  status: number;
  response: Response;
}

/** POSTs a ChatKit request through the proxy; `via` pins the backend for this one request. */
async function post(body: unknown, via?: number, signal?: AbortSignal): Promise<Sent> {
  proxy.route = via === undefined ? null : () => via;
  try {
    const response = await fetch(`${proxy.url}/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chatkit-user': USER },
      body: JSON.stringify(body),
      signal,
    });
    return { servedBy: Number(response.headers.get('x-served-by')), status: response.status, response };
  } finally {
    proxy.route = null;
  }
}

async function json(body: unknown, via?: number): Promise<{ servedBy: number; body: any }> {
  const sent = await post(body, via);
  const parsed = await sent.response.json();
  expect(sent.status, JSON.stringify(parsed)).toBe(200);
  return { servedBy: sent.servedBy, body: parsed };
}

/** Reads an SSE answer to the end. */
async function events(sent: Sent): Promise<any[]> {
  expect(sent.status).toBe(200);
  const text = await sent.response.text();
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => JSON.parse(frame.slice('data: '.length)));
}

const input = (text: string) => ({
  content: [{ type: 'input_text', text }],
  attachments: [] as string[],
  inference_options: {},
});

const other = (backend: number) => 1 - backend;

async function visibleItems(threadId: string, via: number): Promise<any[]> {
  const { body } = await json(
    { type: 'items.list', params: { thread_id: threadId, limit: 50, order: 'asc' } },
    via,
  );
  return body.data;
}

describe.skipIf(!postgresAvailable)('scale-out: two processes, one PostgreSQL', () => {
  it('a thread created through one process is listed, continued, cancelled and deleted through the other', async () => {
    // Round robin: consecutive requests land on alternating processes.
    const created = await post({ type: 'threads.create', params: { input: input('Hello from the start') } });
    const first = created.servedBy;
    const createEvents = await events(created);
    const thread = createEvents.find((event) => event.type === 'thread.created').thread;
    const createdAnswer = createEvents.filter((event) => event.type === 'thread.item.done').at(-1).item;
    expect(createdAnswer.content[0].text).toBe('Answer: Hello from the start');

    const listed = await json({ type: 'threads.list', params: { limit: 20, order: 'desc' } });
    expect(listed.servedBy).toBe(other(first));
    expect(listed.body.data.map((t: { id: string }) => t.id)).toContain(thread.id);

    // Continued through the other process: it loads the history the first one stored.
    const continued = await post(
      { type: 'threads.add_user_message', params: { thread_id: thread.id, input: input('Tell me more') } },
      other(first),
    );
    expect(continued.servedBy).toBe(other(first));
    const continueEvents = await events(continued);
    const answer = continueEvents.filter((event) => event.type === 'thread.item.done').at(-1).item;
    expect(answer.content[0].text).toBe('Answer: Tell me more');
    const afterContinue = await visibleItems(thread.id, first);
    expect(afterContinue.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'assistant_message',
    ]);

    // A turn streamed by the other process, cancelled mid-answer (the client closes the stream), is seen
    // with its partial answer by the first process.
    const stop = new AbortController();
    const held = model.nextHold();
    const streaming = await post(
      { type: 'threads.add_user_message', params: { thread_id: thread.id, input: input('Please hold on') } },
      other(first),
      stop.signal,
    );
    expect(streaming.servedBy).toBe(other(first));
    const reader = streaming.response.body!.getReader();
    let seen = '';
    while (!seen.includes(HOLD_PREFIX.trim())) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended early: ${seen}`);
      seen += new TextDecoder().decode(value);
    }
    const hold = await held;
    stop.abort();
    await reader.cancel().catch(() => {});
    await hold.aborted; // The owning process cancelled the model call.
    await expect
      .poll(async () => (await visibleItems(thread.id, first)).at(-1)?.content?.[0]?.text, {
        timeout: 20_000,
      })
      .toBe(HOLD_PREFIX);
    const afterCancel = await visibleItems(thread.id, first);
    expect(afterCancel.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'assistant_message',
      'user_message',
      'assistant_message',
    ]);
    // The hidden cancellation note is stored too (the next model call sees it).
    const history = await db.query<{ type: string }>(
      'SELECT type FROM items WHERE thread_id = $1 ORDER BY created_ms, seq',
      [thread.id],
    );
    expect(history.rows.at(-1)?.type).toBe('sdk_hidden_context');

    // Deleted through one process, gone for the other.
    const deleted = await json({ type: 'threads.delete', params: { thread_id: thread.id } }, first);
    expect(deleted.servedBy).toBe(first);
    const missing = await post({ type: 'threads.get_by_id', params: { thread_id: thread.id } }, other(first));
    expect(missing.status).toBe(404);
    const relisted = await json({ type: 'threads.list', params: { limit: 20, order: 'desc' } }, other(first));
    expect(relisted.body.data.map((t: { id: string }) => t.id)).not.toContain(thread.id);
  });

  it('creates threads through both processes at once without id collisions or lost rows', async () => {
    const count = 24;
    const results = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const sent = await post({ type: 'threads.create', params: { input: input(`Concurrent ${i}`) } });
        const list = await events(sent);
        return {
          servedBy: sent.servedBy,
          id: list.find((e) => e.type === 'thread.created').thread.id as string,
        };
      }),
    );
    expect(new Set(results.map((r) => r.servedBy))).toEqual(new Set([0, 1]));
    const ids = new Set(results.map((r) => r.id));
    expect(ids.size).toBe(count);
    const listed: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await json({ type: 'threads.list', params: { limit: 10, order: 'asc', after } });
      listed.push(...page.body.data.map((t: { id: string }) => t.id));
      if (!page.body.has_more) break;
      after = page.body.after;
    }
    for (const id of ids) expect(listed).toContain(id);
  });

  it('an attachment uploaded through one process is served by the other', async () => {
    // A 1×1 PNG: images get a preview URL, which the other process must be able to serve.
    const bytes = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const { body: attachment, servedBy } = await json({
      type: 'attachments.create',
      params: { name: 'dot.png', size: bytes.length, mime_type: 'image/png' },
    });
    expect(attachment.upload_descriptor?.method).toBe('PUT');
    const uploadUrl = new URL(attachment.upload_descriptor.url);
    proxy.route = () => other(servedBy);
    const put = await fetch(`${proxy.url}${uploadUrl.pathname}${uploadUrl.search}`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: bytes,
    });
    proxy.route = null;
    expect(put.status, await put.clone().text()).toBeLessThan(300);
    expect(put.headers.get('x-served-by')).toBe(String(other(servedBy)));
    // The message that uses it goes to the first process, which reads the record the other one completed.
    const sent = await post(
      {
        type: 'threads.create',
        params: { input: { ...input('See the attached note'), attachments: [attachment.id] } },
      },
      servedBy,
    );
    const list = await events(sent);
    const user = list.find((e) => e.type === 'thread.item.done' && e.item.type === 'user_message').item;
    expect(user.attachments.map((a: { id: string }) => a.id)).toEqual([attachment.id]);
    // The bytes written by one process are read by the other (shared data directory, shared sealing key).
    const preview = user.attachments[0].preview_url as string;
    expect(preview).toBeTruthy();
    {
      const url = new URL(preview);
      proxy.route = () => other(servedBy);
      const read = await fetch(`${proxy.url}${url.pathname}${url.search}`);
      proxy.route = null;
      expect(read.headers.get('x-served-by')).toBe(String(other(servedBy)));
      expect(Buffer.from(await read.arrayBuffer())).toEqual(bytes);
    }
  });

  it('a reload that lands on the other process resumes the answer the first one still owns', async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    await page.goto(`${proxy.url}/inline.html`);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.waitFor();
    const held = model.nextHold();
    const start = proxy.requests.length;
    await box.fill('Please hold the answer for me');
    await box.press('Enter');
    const answer = () =>
      deepText(page.locator('[part~="assistant-message"]').last().locator('chatkit-markdown'));
    await expect.poll(answer, { timeout: 20_000 }).toContain(HOLD_PREFIX.trim());
    const hold = await held;
    const owner = proxy.requests
      .slice(start)
      .find(
        (request) => request.type === 'threads.create' || request.type === 'threads.add_user_message',
      )!.backend;

    // While the first process still owns the answer, hold its writes to the items table (reads go on):
    // the answer lands only after the page has reloaded onto the other process.
    await db.query('BEGIN');
    await db.query('LOCK TABLE items IN EXCLUSIVE MODE');
    const reloadFrom = proxy.requests.length;
    proxy.route = (request) => (request.method === 'POST' ? other(owner) : undefined);
    await page.reload();
    await hold.aborted; // Reloading closed the stream: the owning process is finishing the turn.
    // Its write waits on the lock, so the other process shows the user's message still awaiting an answer.
    await expect
      .poll(
        async () =>
          (
            await db.query(
              "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'items'::regclass",
            )
          ).rows[0].n,
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('[part~="user-message"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('[part~="assistant-message"]').count()).toBe(0);
    await db.query('COMMIT');

    // The element polls (resume) through the other process until the answer is stored, then shows it.
    await expect.poll(answer, { timeout: 30_000 }).toBe(HOLD_PREFIX.trim());
    const afterReload = proxy.requests.slice(reloadFrom).filter((request) => request.method === 'POST');
    expect(afterReload.length).toBeGreaterThan(0);
    expect(afterReload.every((request) => request.backend === other(owner))).toBe(true);
    proxy.route = null;
    await context.close();
  });
});
