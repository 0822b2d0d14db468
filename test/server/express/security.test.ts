/**
 * Regression tests for the server-side cases of issue 11, each built from the reported case: a brotli header
 * on a plain body, NUL in id parameters, an https Origin for an http server, upload quota / rate limit /
 * single-use URLs / type allowlist / content sniffing, dictation without a transcriber, a truncated body,
 * slow-loris connections, the connection cap and HSTS behind a proxy.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { sniffMismatch } from '../../../server/chatkit/attachment-store.js';
import { createLogger } from '../../../server/logger.js';
import { startServer } from '../../../server/main.js';
import { createScriptedResponder } from '../../support/scripted-responder.js';
import { NUL_ID_BODIES, WRONG_ENCODINGS } from '../../fixtures/fuzz/regressions.js';
import { randomUserId, startTestServer, type TestServer } from '../../support/test-server.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** Asserts a 4xx `{"error":{"code","message"}}` answer and returns the code. */
async function expectJsonError(response: Response, status?: number): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBeGreaterThanOrEqual(400);
  expect(response.status, text).toBeLessThan(500);
  if (status !== undefined) expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  return body.error.code;
}

/** Sends raw bytes on a socket and resolves with everything the server wrote until it closed. */
function rawExchange(port: number, write: (socket: Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.on('connect', () => write(socket));
  });
}

function jsonBodyOf(raw: string): { status: number; body: any; headers: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body: JSON.parse(body) };
}

describe('request bodies and ids', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('a plain JSON body declared as brotli is 400 invalid_body, not 500', async () => {
    for (const encoding of WRONG_ENCODINGS) {
      const response = await server.post('{"type":"threads.list","params":{}}', {
        headers: { 'content-encoding': encoding },
      });
      expect(await expectJsonError(response, 400)).toBe('invalid_body');
    }
  });

  it('a NUL in any id parameter is a 4xx (SQLite)', async () => {
    for (const body of NUL_ID_BODIES) expect(await expectJsonError(await server.post(body))).toBeTruthy();
  });

  it('an https Origin is not the own origin of an http server (no credentials)', async () => {
    const port = new URL(server.url).port;
    for (const origin of [`https://127.0.0.1:${port}`, `https://localhost:${port}`]) {
      const response = await server.post(
        { type: 'threads.list', params: {} },
        { headers: { origin, host: `127.0.0.1:${port}` } },
      );
      expect(await expectJsonError(response, 403)).toBe('origin_not_allowed');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const own = await server.post({ type: 'threads.list', params: {} }, { headers: { origin: server.url } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(server.url);
  });

  it('input.transcribe without a transcriber is 400 feature_unavailable', async () => {
    const response = await server.post({
      type: 'input.transcribe',
      params: { audio_base64: 'AAAA', mime_type: 'audio/webm' },
    });
    expect(await expectJsonError(response, 400)).toBe('feature_unavailable');
  });

  it('announces its capabilities (the upload allowlist the composer offers)', async () => {
    const response = await fetch(`${server.url}/api/capabilities`);
    expect(response.status).toBe(200);
    const capabilities = await response.json();
    expect(capabilities).toMatchObject({
      auth: 'header',
      uploads: { enabled: true, maxBytes: 20 * 1024 * 1024, quotaFiles: 200 },
    });
    expect(capabilities.uploads.accept).toContain('image/png');
    expect(capabilities.uploads.accept).not.toContain('text/html');
  });
});

describe('uploads', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        CHATKIT_UPLOAD_QUOTA_FILES: '3',
        CHATKIT_UPLOAD_QUOTA_BYTES: '1000',
        CHATKIT_UPLOAD_RATE_LIMIT: '12',
        CHATKIT_UPLOAD_TYPES: 'image/png,image/jpeg,text/plain',
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const create = (user: string, name: string, size: number, mime_type: string) =>
    server.post({ type: 'attachments.create', params: { name, size, mime_type } }, { user });

  it('refuses types outside the allowlist at attachments.create (415)', async () => {
    const user = randomUserId();
    for (const mime of ['text/html', 'image/svg+xml', 'application/x-msdownload']) {
      expect(await expectJsonError(await create(user, 'x', 10, mime), 415)).toBe('unsupported_media_type');
    }
  });

  it('upload URLs work once; HTML declared as PNG is refused and the URL stays usable', async () => {
    const user = randomUserId();
    const attachment = await (await create(user, 'a.png', PNG.byteLength, 'image/png')).json();
    const url = attachment.upload_descriptor.url as string;
    const html = new TextEncoder().encode('<html><p>x'); // no longer than the declared size
    const refused = await fetch(url, { method: 'PUT', body: html });
    expect(await expectJsonError(refused, 415)).toBe('content_mismatch');
    const first = await fetch(url, { method: 'PUT', body: PNG });
    expect(first.status).toBe(200);
    const again = await fetch(url, { method: 'PUT', body: PNG });
    expect(await expectJsonError(again, 409)).toBe('already_uploaded');
    const preview = await fetch(attachment.preview_url);
    expect(new Uint8Array(await preview.arrayBuffer())).toEqual(PNG);
  });

  it('enforces the per-user quota in files and bytes; deleting frees it', async () => {
    const user = randomUserId();
    expect(await expectJsonError(await create(user, 'big.txt', 1001, 'text/plain'), 413)).toBe(
      'quota_exceeded',
    );
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const response = await create(user, `f${index}.txt`, 10, 'text/plain');
      expect(response.status).toBe(200);
      ids.push((await response.json()).id);
    }
    expect(await expectJsonError(await create(user, 'f4.txt', 10, 'text/plain'), 413)).toBe('quota_exceeded');
    // Another user is not affected.
    expect((await create(randomUserId(), 'other.txt', 10, 'text/plain')).status).toBe(200);
    await server.json({ type: 'attachments.delete', params: { attachment_id: ids[0] } }, user);
    expect((await create(user, 'f5.txt', 10, 'text/plain')).status).toBe(200);
  });

  it('rate-limits the upload and file routes', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 14; index++) {
      const response = await fetch(`${server.url}/chatkit/files/atc_x?t=bad`);
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toContain(429);
    const limited = await fetch(`${server.url}/chatkit/uploads/atc_x?t=bad`, { method: 'PUT', body: 'x' });
    expect(await expectJsonError(limited, 429)).toBe('rate_limited');
  });

  it('sniffs content against the declared type', () => {
    const text = (value: string) => Buffer.from(value);
    expect(sniffMismatch('image/png', Buffer.from(PNG))).toBeNull();
    expect(sniffMismatch('image/png', text('<!DOCTYPE html><p>'))).toMatch(/not image\/png/);
    expect(sniffMismatch('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(sniffMismatch('text/plain', text('hello'))).toBeNull();
    expect(sniffMismatch('text/plain', text('\ufeff  <html>'))).toMatch(/HTML/);
    expect(sniffMismatch('text/csv', Buffer.from([0x61, 0, 0x62]))).toMatch(/binary/);
    expect(sniffMismatch('application/pdf', text('%PDF-1.7'))).toBeNull();
  });
});

describe('HTTP connection limits', () => {
  let server: TestServer;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer({
      env: { CHATKIT_HEADERS_TIMEOUT_MS: '1000', CHATKIT_MAX_CONNECTIONS: '4', CHATKIT_RATE_LIMIT: '0' },
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.close();
  });

  it('a partial body followed by a close gets a JSON 400, not a bare one', async () => {
    const raw = await rawExchange(port, (socket) => {
      socket.write(
        'POST /chatkit HTTP/1.1\r\nHost: 127.0.0.1\r\nx-chatkit-user: test_partial_1\r\n' +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":"thr',
      );
      socket.end();
    });
    const { status, body } = jsonBodyOf(raw);
    expect(status).toBe(400);
    expect(typeof body.error.code).toBe('string');
  });

  it('malformed HTTP gets a JSON 400', async () => {
    const raw = await rawExchange(port, (socket) => socket.write('GARBAGE / HTTP/9\r\n\r\n'));
    const { status, body } = jsonBodyOf(raw);
    expect(status).toBe(400);
    expect(body.error.code).toBe('malformed_request');
  });

  it('a client trickling headers is cut after the headers timeout (408 JSON)', async () => {
    const raw = await rawExchange(port, (socket) =>
      socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
    );
    // Closed by the server (the promise only resolves on close); if it answered, the answer is JSON.
    if (raw !== '') expect(jsonBodyOf(raw).body.error.code).toBe('request_timeout');
  });

  it('refuses connections beyond the cap', async () => {
    const held: Socket[] = [];
    try {
      for (let index = 0; index < 4; index++) {
        const socket = connect(port, '127.0.0.1');
        await new Promise((resolve) => socket.once('connect', resolve));
        // A complete request keeps each connection counted without tripping the header timeout.
        socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        await new Promise((resolve) => socket.once('data', resolve));
        held.push(socket);
      }
      const extra = await rawExchange(port, (socket) =>
        socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
      );
      expect(extra).toBe('');
    } finally {
      for (const socket of held) socket.destroy();
    }
  });
});

describe('HSTS and logs', () => {
  it('sends HSTS only for HTTPS requests through a trusted proxy', async () => {
    const server = await startTestServer({ env: { CHATKIT_TRUST_PROXY: '1' } });
    try {
      const secure = await fetch(`${server.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const plain = await fetch(`${server.url}/health`);
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await server.close();
    }
    const direct = await startTestServer();
    try {
      const spoofed = await fetch(`${direct.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(spoofed.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await direct.close();
    }
  });

  it('dictation probes log nothing above debug; a non-loopback header-auth server warns at start', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(JSON.parse(String(chunk)));
        callback();
      },
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'chatkit-sec-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      CHATKIT_DATA_DIR: dataDir,
      CHATKIT_DEMO_PORT: 'off',
      LOG_LEVEL: 'info',
    });
    const running = await startServer(config, {
      hooks: { respond: createScriptedResponder({ delayMs: 0 }) },
      demoDir: null,
      distDir: null,
      logger: createLogger('info', sink),
    });
    try {
      expect(lines.some((line) => line.level === 40 && /CHATKIT_AUTH=header/.test(line.msg))).toBe(true);
      const before = lines.length;
      for (let index = 0; index < 5; index++) {
        const response = await fetch(`${running.url}/chatkit`, {
          method: 'POST',
          headers: { 'x-chatkit-user': 'test_dictation' },
          body: JSON.stringify({
            type: 'input.transcribe',
            params: { audio_base64: 'AA', mime_type: 'audio/webm' },
          }),
        });
        expect(response.status).toBe(400);
      }
      expect(lines.slice(before).filter((line) => line.level >= 30)).toEqual([]);
    } finally {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
