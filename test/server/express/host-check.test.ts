/**
 * DNS-rebinding protection: a loopback-bound server answers only requests addressed to a loopback name.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHostHeader } from '../../../server/express/host-check.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

describe('loopback names', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
  ])('listen address %s is loopback: %s', (host, expected) => {
    expect(isLoopbackAddress(host)).toBe(expected);
  });

  it.each([
    ['127.0.0.1:8787', true],
    ['localhost:8787', true],
    ['LOCALHOST', true],
    ['[::1]:8787', true],
    ['app.localhost:8787', true],
    ['evil.example:8787', false],
    ['127.0.0.1.evil.example', false],
    ['localhost.evil.example', false],
    [undefined, false],
  ])('Host %s is loopback: %s', (host, expected) => {
    expect(isLoopbackHostHeader(host)).toBe(expected);
  });
});

/** GET with an arbitrary Host header (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { hostname: target.hostname, port: target.port, path: target.pathname, headers: { host } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('a server bound to 127.0.0.1', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses requests addressed to another name (a rebound domain)', async () => {
    const { status, body } = await getWithHost(`${server.url}/health`, 'evil.example:80');
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'invalid_host' } });
  });

  it('answers requests addressed to localhost', async () => {
    const port = new URL(server.url).port;
    expect((await getWithHost(`${server.url}/health`, `localhost:${port}`)).status).toBe(200);
    expect((await getWithHost(`${server.url}/health`, `127.0.0.1:${port}`)).status).toBe(200);
  });
});

describe('a server behind a trusted reverse proxy (CHATKIT_TRUST_PROXY)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { CHATKIT_TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('takes its own origin and absolute URLs from the forwarded host and protocol', async () => {
    const forwarded = {
      origin: 'https://chat.example.com',
      'x-forwarded-host': 'chat.example.com',
      'x-forwarded-proto': 'https',
    };
    const list = await server.post({ type: 'threads.list', params: {} }, { headers: forwarded });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');

    const created = await server.post(
      { type: 'attachments.create', params: { name: 'a.txt', size: 3, mime_type: 'text/plain' } },
      { headers: forwarded },
    );
    const attachment = await created.json();
    expect(attachment.upload_descriptor.url).toMatch(/^https:\/\/chat\.example\.com\/chatkit\/uploads\//);

    const port = new URL(server.url).port;
    expect((await getWithHost(`${server.url}/health`, `chat.example.com:${port}`)).status).toBe(200);
  });
});
