/**
 * CORS: the origin matcher as a table, then real preflights and requests against servers configured with an
 * allowlist, with `*`, and with the default (own origin only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOriginMatcher } from '../../../server/express/cors.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

describe('createOriginMatcher', () => {
  const match = createOriginMatcher([
    'https://app.example.com',
    'https://*.example.org',
    'http://localhost:5173',
  ]);
  it.each([
    ['https://app.example.com', 'exact'],
    ['https://APP.example.com', 'exact'],
    ['https://sub.example.org', 'exact'],
    ['https://a.b.example.org', 'exact'],
    ['http://localhost:5173', 'exact'],
    ['https://example.org', 'none'],
    ['https://evilexample.org', 'none'],
    ['https://sub.example.org.evil.com', 'none'],
    ['http://sub.example.org', 'none'],
    ['https://sub.example.org:8443', 'none'],
    ['https://app.example.com:444', 'none'],
    ['http://app.example.com', 'none'],
    ['https://other.example.com', 'none'],
    ['http://localhost:5174', 'none'],
    ['null', 'none'],
    ['not a url', 'none'],
    ['https://app.example.com/path', 'none'],
    ['https://user@app.example.com', 'none'],
  ])('%s → %s', (origin, expected) => {
    expect(match(origin)).toBe(expected);
  });

  it('`*` allows anything as "any"', () => {
    const any = createOriginMatcher(['*']);
    expect(any('https://whatever.test')).toBe('any');
    expect(any('null')).toBe('any');
  });

  it('wildcard entries with a port match only that port', () => {
    const withPort = createOriginMatcher(['https://*.example.net:8443']);
    expect(withPort('https://a.example.net:8443')).toBe('exact');
    expect(withPort('https://a.example.net')).toBe('none');
  });
});

const LIST = { type: 'threads.list', params: {} };

async function preflight(
  server: TestServer,
  origin: string,
  requestHeaders = 'content-type, x-chatkit-user',
) {
  return fetch(`${server.url}/chatkit`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': requestHeaders,
    },
  });
}

describe('allowlist server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { CHATKIT_ALLOWED_ORIGINS: 'https://app.example.com,https://*.example.org' },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(['https://app.example.com', 'https://shop.example.org', 'https://a.b.example.org'])(
    'preflight from allowed %s → 204 with the CORS headers',
    async (origin) => {
      const response = await preflight(server, origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      const allowed = response.headers.get('access-control-allow-headers')!.split(/,\s*/);
      expect(allowed).toEqual(
        expect.arrayContaining(['content-type', 'authorization', 'x-chatkit-user', 'accept-language']),
      );
      expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
      expect(response.headers.get('vary')).toMatch(/Origin/i);
    },
  );

  it('actual POST from an allowed origin carries Access-Control-Allow-Origin', async () => {
    const response = await server.post(LIST, { headers: { origin: 'https://shop.example.org' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.org');
    expect(response.headers.get('vary')).toMatch(/Origin/i);
  });

  it('a streaming answer to an allowed origin carries the CORS header too', async () => {
    const response = await server.post(
      {
        type: 'threads.create',
        params: {
          input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} },
        },
      },
      { headers: { origin: 'https://app.example.com' } },
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    await response.text();
  });

  it.each([
    'https://example.org',
    'https://evilexample.org',
    'http://app.example.com',
    'https://app.example.com:8443',
  ])('disallowed %s: preflight 403 JSON, POST 403, no CORS headers', async (origin) => {
    const pre = await preflight(server, origin);
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(await pre.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });

    const post = await server.post(LIST, { headers: { origin } });
    expect(post.status).toBe(403);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('vary')).toMatch(/Origin/i);
  });

  it('GET /api/branding: CORS header for allowed origins only', async () => {
    const allowed = await fetch(`${server.url}/api/branding`, {
      headers: { origin: 'https://app.example.com' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await fetch(`${server.url}/api/branding`, { headers: { origin: 'https://evil.test' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('requests without Origin (non-browser clients) are served', async () => {
    const response = await server.post(LIST);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('"*" server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { CHATKIT_ALLOWED_ORIGINS: '*' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('allows any origin with Access-Control-Allow-Origin: * and no credentials', async () => {
    const pre = await preflight(server, 'https://anyone.test');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const post = await server.post(LIST, { headers: { origin: 'https://anyone.test' } });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('default server (own origin only)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('allows its own origin and refuses others', async () => {
    const own = await server.post(LIST, { headers: { origin: server.url } });
    expect(own.status).toBe(200);
    const pre = await preflight(server, 'https://elsewhere.test');
    expect(pre.status).toBe(403);
    const post = await server.post(LIST, { headers: { origin: 'https://elsewhere.test' } });
    expect(post.status).toBe(403);
  });
});
