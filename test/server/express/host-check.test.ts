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
