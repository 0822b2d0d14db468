/**
 * JSON error answers of the real server: unknown records, other users, user header, size limit, methods,
 * routes; health.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, richTestHooks } from '../../support/rich-test-responder.js';
import { readEvents, startTestServer, textInput, type TestServer } from '../../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ hooks: richTestHooks });
});
afterAll(async () => {
  await server.close();
});

describe('errors', () => {
  it('unknown thread → 404 not_found JSON', async () => {
    const response = await server.post({ type: 'threads.get_by_id', params: { thread_id: 'thr_missing' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({
      error: { code: 'not_found', message: expect.any(String) },
    });
  });

  it('unknown thread on a streaming request → 404 JSON, not a cut stream', async () => {
    const response = await server.post({
      type: 'threads.add_user_message',
      params: { thread_id: 'thr_missing', input: textInput('hi') },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it("another user's thread is not found", async () => {
    const { threadId } = await createThread(server, 'private');
    const response = await server.post(
      { type: 'items.list', params: { thread_id: threadId } },
      { user: server.newUser() },
    );
    expect(response.status).toBe(404);
  });

  it('missing user header → 401 missing_user; malformed → 400 invalid_user', async () => {
    const missing = await server.post({ type: 'threads.list', params: {} }, { user: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { code: 'missing_user', message: 'Missing x-chatkit-user header' },
    });
    for (const bad of ['short', 'has space in it', 'x'.repeat(129), 'ünïcödé-user']) {
      const response = await server.post(
        { type: 'threads.list', params: {} },
        { headers: { 'x-chatkit-user': encodeURI(bad) } },
      );
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_user');
    }
  });

  it('body larger than the limit → 413 payload_too_large', async () => {
    const title = 'x'.repeat(1024 * 1024 + 10);
    const response = await server.post({ type: 'threads.update', params: { thread_id: 'thr_x', title } });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('other methods on the endpoint → 405; unknown routes → 404 JSON', async () => {
    const get = await fetch(`${server.url}/chatkit`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await get.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const unknown = await fetch(`${server.url}/no/such/route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('GET /health', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('an SSE body can also be read incrementally by the shared decoder', async () => {
    const response = await server.post({ type: 'threads.create', params: { input: textInput('hi') } });
    const events = await readEvents(response);
    expect(events[0]?.type).toBe('thread.created');
  });
});
