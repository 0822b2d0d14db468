/**
 * What `createChatKitRouter` answers for each path and method below its mount point, mounted in a bare
 * Express app (no app-level error or 404 handlers of ours): CORS and the rate limit for every path, `POST /`
 * served, 405 for other methods on `/`, other paths left to the host app, every failure a JSON error.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../../server/chatkit/errors.js';
import { ChatKitServer } from '../../../server/chatkit/server.js';
import { createChatKitRouter, type ChatKitRouterOptions } from '../../../server/express/chatkit-router.js';
import { createLogger } from '../../../server/logger.js';
import { MemoryStore } from '../../../server/stores/memory-store.js';
import type { RequestContext } from '../../../server/stores/store.js';

const USER = { 'x-chatkit-user': 'router_user_1' };

let listening: Server | undefined;
afterEach(async () => {
  const server = listening;
  listening = undefined;
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function serve(
  options: ChatKitRouterOptions<RequestContext> = {},
  extend?: (router: express.Router) => void,
) {
  const server = new ChatKitServer({
    store: new MemoryStore(),
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
    async *respond(_thread, _input, ctx) {
      yield ctx.events.done(ctx.assistantMessage('hello'));
    },
  });
  const app = express();
  const router = createChatKitRouter(server, { logger: createLogger('silent'), ...options });
  extend?.(router);
  app.use('/chatkit', router);
  // The host app's own answer for what the router leaves alone.
  app.use((req, res) => res.status(404).type('text/plain').send(`host app: ${req.method} ${req.url}`));
  listening = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening!.once('listening', resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
}

const list = JSON.stringify({ type: 'threads.list', params: {} });

describe('createChatKitRouter', () => {
  it('answers POST at the mount point, with or without a trailing slash', async () => {
    const url = await serve();
    for (const path of ['/chatkit', '/chatkit/', '/chatkit?x=1', '/chatkit//']) {
      const response = await fetch(url + path, { method: 'POST', headers: USER, body: list });
      expect(response.status, path).toBe(200);
      expect(await response.json(), path).toMatchObject({ data: [], has_more: false });
      expect(response.headers.get('vary'), path).toBe('Origin');
    }
  });

  it('streams a streaming request', async () => {
    const url = await serve();
    const response = await fetch(`${url}/chatkit`, {
      method: 'POST',
      headers: USER,
      body: JSON.stringify({
        type: 'threads.create',
        params: {
          input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} },
        },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await response.text()).toContain('"text":"hello"');
  });

  it('other methods at the mount point are 405 JSON with Allow', async () => {
    const url = await serve();
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(`${url}/chatkit`, { method, headers: USER });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow'), method).toBe('POST, OPTIONS');
      expect(await response.json(), method).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
    const head = await fetch(`${url}/chatkit`, { method: 'HEAD' });
    expect(head.status).toBe(405);
  });

  it('paths below the mount point are left to the host app, after CORS', async () => {
    const url = await serve();
    const response = await fetch(`${url}/chatkit/other`, { method: 'POST', headers: USER, body: list });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('host app: POST /chatkit/other');
    expect(response.headers.get('vary')).toBe('Origin');
    // A preflight is answered by CORS on any path, as before.
    const preflight = await fetch(`${url}/chatkit/other`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
  });

  it('CORS refuses a foreign origin with 403 JSON before reading the body', async () => {
    const url = await serve();
    const response = await fetch(`${url}/chatkit`, {
      method: 'POST',
      headers: { ...USER, origin: 'https://elsewhere.example' },
      body: list,
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('the rate limit answers 429 JSON once the budget is spent', async () => {
    const url = await serve({ rateLimit: { windowMs: 60_000, max: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await fetch(`${url}/chatkit`, { method: 'POST', headers: USER, body: list })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('a getContext that throws, synchronously or not, becomes its JSON error', async () => {
    const url = await serve({
      getContext: (req) => {
        if (req.get('x-mode') === 'sync') throw new HttpError(401, 'missing_user', 'who are you');
        return Promise.reject(new HttpError(403, 'forbidden', 'not you'));
      },
    });
    const sync = await fetch(`${url}/chatkit`, { method: 'POST', headers: { 'x-mode': 'sync' }, body: list });
    expect(sync.status).toBe(401);
    expect(await sync.json()).toEqual({ error: { code: 'missing_user', message: 'who are you' } });
    const async = await fetch(`${url}/chatkit`, { method: 'POST', body: list });
    expect(async.status).toBe(403);
    expect(await async.json()).toEqual({ error: { code: 'forbidden', message: 'not you' } });
  });

  it('layers the host app adds to the router still run (the router dispatches as usual)', async () => {
    const url = await serve({}, (router) => router.get('/extra', (_req, res) => res.send('extra')));
    const extra = await fetch(`${url}/chatkit/extra`);
    expect(await extra.text()).toBe('extra');
    const chatkit = await fetch(`${url}/chatkit/`, { method: 'POST', headers: USER, body: list });
    expect(chatkit.status).toBe(200);
    expect((await fetch(`${url}/chatkit`)).status).toBe(405);
    expect((await fetch(`${url}/chatkit/none`, { method: 'POST', body: list })).status).toBe(404);
  });

  it('an unexpected failure is 500 internal_error JSON', async () => {
    const url = await serve({
      getContext: () => {
        throw new Error('boom');
      },
    });
    const response = await fetch(`${url}/chatkit`, { method: 'POST', body: list });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'internal_error' } });
  });
});
