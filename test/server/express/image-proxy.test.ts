/**
 * The optional image proxy (`GET /image-proxy?url=`, issue 11 item 8) against a real image server on
 * loopback: off by default, host allowlist (redirects re-checked), size cap, image/* only (no SVG), nothing of
 * the visitor's request forwarded, nothing of the upstream's cookies returned, and a timeout.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../../server/config.js';
import { imageHostAllowed } from '../../../server/express/image-proxy.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface ImageServer {
  origin: string;
  port: number;
  /** Request headers seen, by path. */
  seen: Map<string, IncomingHttpHeaders>;
  close(): Promise<void>;
}

async function startImageServer(): Promise<ImageServer> {
  const seen = new Map<string, IncomingHttpHeaders>();
  const held: Array<() => void> = [];
  let port = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    seen.set(path, req.headers);
    switch (path) {
      case '/a.png':
        res.writeHead(200, { 'content-type': 'image/png', 'set-cookie': 'tracker=1; Path=/' }).end(PNG);
        return;
      case '/big.png':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': '5000' }).end(Buffer.alloc(5000));
        return;
      case '/chunked-big.png':
        // No Content-Length: the cap must hold while reading.
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(Buffer.alloc(800));
        res.end(Buffer.alloc(800));
        return;
      case '/page.png':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
        return;
      case '/logo.svg':
        res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg onload="alert(1)"/>');
        return;
      case '/missing.png':
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
        return;
      case '/hop':
        res.writeHead(302, { location: '/a.png' }).end();
        return;
      case '/hop-away':
        // Same server, but under a host name the proxy does not allow.
        res.writeHead(302, { location: `http://localhost:${port}/a.png` }).end();
        return;
      case '/never':
        // Headers never come: the proxy's timeout must answer.
        held.push(() => res.destroy());
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: async () => {
      for (const release of held) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('image proxy', () => {
  let images: ImageServer;
  let server: TestServer;

  beforeAll(async () => {
    images = await startImageServer();
    server = await startTestServer({
      env: {
        CHATKIT_IMAGE_PROXY: 'on',
        CHATKIT_IMAGE_PROXY_HOSTS: '127.0.0.1',
        CHATKIT_IMAGE_PROXY_MAX_BYTES: '1000',
        CHATKIT_IMAGE_PROXY_TIMEOUT_MS: '60000',
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await images?.close();
  });

  const proxied = (target: string, init?: RequestInit) =>
    fetch(`${server.url}/image-proxy?url=${encodeURIComponent(target)}`, init);

  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  }

  it('serves an image from an allowed host, without forwarding or returning cookies', async () => {
    const response = await proxied(`${images.origin}/a.png`, {
      headers: { cookie: 'session=secret', authorization: 'Bearer secret', referer: 'https://site.example/' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('set-cookie')).toBe(null);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
    const upstream = images.seen.get('/a.png')!;
    expect(upstream.cookie).toBeUndefined();
    expect(upstream.authorization).toBeUndefined();
    expect(upstream.referer).toBeUndefined();
    expect(upstream['x-chatkit-user']).toBeUndefined();
    expect(upstream.accept).toMatch(/^image\//);
  });

  it('follows a redirect on an allowed host, refuses one to a host outside the list', async () => {
    const hop = await proxied(`${images.origin}/hop`);
    expect(hop.status).toBe(200);
    expect(Buffer.from(await hop.arrayBuffer()).equals(PNG)).toBe(true);
    await expectError(await proxied(`${images.origin}/hop-away`), 403, 'host_not_allowed');
  });

  it('refuses hosts outside the allowlist without contacting them', async () => {
    images.seen.delete('/a.png');
    await expectError(await proxied(`http://localhost:${images.port}/a.png`), 403, 'host_not_allowed');
    expect(images.seen.has('/a.png')).toBe(false);
  });

  it('refuses bad URLs: missing, relative, non-http, with credentials', async () => {
    await expectError(await fetch(`${server.url}/image-proxy`), 400, 'invalid_url');
    await expectError(await proxied('/a.png'), 400, 'invalid_url');
    await expectError(await proxied('file:///etc/passwd'), 400, 'invalid_url');
    await expectError(await proxied(`http://user:pw@127.0.0.1:${images.port}/a.png`), 400, 'invalid_url');
  });

  it('caps the size, by Content-Length and while reading', async () => {
    await expectError(await proxied(`${images.origin}/big.png`), 413, 'image_too_large');
    await expectError(await proxied(`${images.origin}/chunked-big.png`), 413, 'image_too_large');
  });

  it('serves image/* only: HTML and SVG are refused', async () => {
    await expectError(await proxied(`${images.origin}/page.png`), 415, 'not_an_image');
    await expectError(await proxied(`${images.origin}/logo.svg`), 415, 'not_an_image');
  });

  it('answers 502 when the image host fails', async () => {
    await expectError(await proxied(`${images.origin}/missing.png`), 502, 'upstream_error');
  });

  it('answers 504 when the image host does not answer in time', async () => {
    const quick = await startTestServer({
      env: {
        CHATKIT_IMAGE_PROXY: 'on',
        CHATKIT_IMAGE_PROXY_HOSTS: '127.0.0.1',
        CHATKIT_IMAGE_PROXY_TIMEOUT_MS: '200',
      },
    });
    try {
      const response = await fetch(
        `${quick.url}/image-proxy?url=${encodeURIComponent(`${images.origin}/never`)}`,
      );
      await expectError(response, 504, 'upstream_timeout');
    } finally {
      await quick.close();
    }
  });
});

describe('image proxy settings', () => {
  it('is off by default: no route', async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(
        `${server.url}/image-proxy?url=${encodeURIComponent('http://127.0.0.1/a.png')}`,
      );
      expect(response.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('needs a host list when on, and names the variable', () => {
    expect(() => loadConfig({ CHATKIT_IMAGE_PROXY: 'on' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHATKIT_IMAGE_PROXY: 'on' })).toThrow(/CHATKIT_IMAGE_PROXY_HOSTS/);
    expect(() => loadConfig({ CHATKIT_IMAGE_PROXY: 'on', CHATKIT_IMAGE_PROXY_HOSTS: '*' })).toThrow(
      /CHATKIT_IMAGE_PROXY_HOSTS/,
    );
    expect(loadConfig({}).imageProxy).toBe(null);
    expect(
      loadConfig({
        CHATKIT_IMAGE_PROXY: 'on',
        CHATKIT_IMAGE_PROXY_HOSTS: 'images.example.com, cdn.example.org',
      }).imageProxy,
    ).toEqual({
      hosts: ['images.example.com', 'cdn.example.org'],
      maxBytes: 5 * 1024 * 1024,
      timeoutMs: 10_000,
    });
  });

  it('matches hosts and their subdomains, never look-alikes', () => {
    const hosts = ['example.com', '127.0.0.1', 'localhost'];
    expect(imageHostAllowed('example.com', hosts)).toBe(true);
    expect(imageHostAllowed('cdn.example.com', hosts)).toBe(true);
    expect(imageHostAllowed('badexample.com', hosts)).toBe(false);
    expect(imageHostAllowed('example.com.evil.net', hosts)).toBe(false);
    expect(imageHostAllowed('127.0.0.1', hosts)).toBe(true);
    expect(imageHostAllowed('1.127.0.0.1', hosts)).toBe(false);
    expect(imageHostAllowed('x.localhost', hosts)).toBe(false);
  });
});
