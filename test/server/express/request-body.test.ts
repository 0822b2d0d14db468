/**
 * The ChatKit endpoint's body reader (server/express/request-body.ts, `createBodyReader`): the direct path for
 * a plain body with a Content-Length within the limit, and body-parser's path for everything else, through
 * real HTTP on loopback. Both must give the same bytes and the same errors as body-parser alone did.
 */
import express, { type Request } from 'express';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { toHttpError } from '../../../server/express/error-handler.js';
import { createBodyReader, parseByteLimit } from '../../../server/express/request-body.js';

let listening: Server | undefined;
afterEach(async () => {
  const server = listening;
  listening = undefined;
  if (!server) return;
  server.closeAllConnections(); // the default agent keeps its sockets alive
  await new Promise((resolve) => server.close(resolve));
});

interface Outcome {
  body?: string;
  error?: { status: number; code: string; type?: string };
}

/**
 * A server whose one route reads the body with `createBodyReader(limit)` and answers what it got (the body as
 * text, or the error as the error middleware maps it); `outcomes` receives every result, also for requests
 * whose client left.
 */
async function serve(limit = '1kb', before?: express.RequestHandler) {
  const read = createBodyReader(limit);
  const outcomes: Outcome[] = [];
  let notify: (() => void) | undefined;
  const app = express();
  if (before) app.use(before);
  app.post('/', (req: Request, res) => {
    read(req, res).then(
      () => {
        const body = Buffer.isBuffer(req.body)
          ? req.body.toString('utf8')
          : `not a buffer: ${typeof req.body}`;
        outcomes.push({ body });
        notify?.();
        res.json({ body });
      },
      (error: { type?: string }) => {
        const mapped = toHttpError(error);
        outcomes.push({ error: { status: mapped.status, code: mapped.code, type: error.type } });
        notify?.();
        res.status(mapped.status).json({ error: mapped.code });
      },
    );
  });
  listening = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening!.once('listening', resolve));
  const port = (listening.address() as AddressInfo).port;
  const nextOutcome = () =>
    new Promise<Outcome>((resolve) => {
      const seen = outcomes.length;
      notify = () => resolve(outcomes[seen]!);
    });
  return { port, outcomes, nextOutcome };
}

/** Sends `parts` one write each (the second after the first was flushed), with the given headers. */
function post(
  port: number,
  parts: (string | Buffer)[],
  headers: Record<string, string | number>,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    const writeFrom = (index: number) => {
      if (index === parts.length) req.end();
      else req.write(parts[index], () => writeFrom(index + 1));
    };
    writeFrom(0);
  });
}

describe('createBodyReader', () => {
  it('reads a plain body in several packets (the direct path) into a Buffer', async () => {
    const { port } = await serve();
    const text = '{"type":"threads.list","params":{"note":"äöü €"}}';
    const bytes = Buffer.from(text);
    const answer = await post(port, [bytes.subarray(0, 10), bytes.subarray(10, 31), bytes.subarray(31)], {
      'content-length': bytes.length,
    });
    expect(answer).toEqual({ status: 200, body: { body: text } });
  });

  it('an empty body with Content-Length 0 is an empty Buffer, as body-parser gave', async () => {
    const { port } = await serve();
    expect(await post(port, [], { 'content-length': 0 })).toEqual({ status: 200, body: { body: '' } });
  });

  it('gzip, chunked and identity-declared bodies give the same bytes (body-parser path)', async () => {
    const { port } = await serve();
    const text = '{"type":"threads.list","params":{}}';
    const gzipped = gzipSync(text);
    expect(
      await post(port, [gzipped], { 'content-length': gzipped.length, 'content-encoding': 'gzip' }),
    ).toEqual({ status: 200, body: { body: text } });
    expect(await post(port, [text.slice(0, 5), text.slice(5)], { 'transfer-encoding': 'chunked' })).toEqual({
      status: 200,
      body: { body: text },
    });
    expect(
      await post(port, [text], { 'content-length': text.length, 'content-encoding': 'Identity' }),
    ).toEqual({ status: 200, body: { body: text } });
  });

  it('a body over the limit is 413 payload_too_large, declared or chunked', async () => {
    const { port } = await serve('1kb');
    const big = 'x'.repeat(1025);
    expect(await post(port, [big], { 'content-length': big.length })).toEqual({
      status: 413,
      body: { error: 'payload_too_large' },
    });
    expect(await post(port, [big], { 'transfer-encoding': 'chunked' })).toEqual({
      status: 413,
      body: { error: 'payload_too_large' },
    });
    // Exactly at the limit is accepted.
    const exact = 'y'.repeat(1024);
    expect(await post(port, [exact], { 'content-length': exact.length })).toEqual({
      status: 200,
      body: { body: exact },
    });
  });

  it('an unknown Content-Encoding is 415 unsupported_encoding', async () => {
    const { port } = await serve();
    expect(await post(port, ['{}'], { 'content-length': 2, 'content-encoding': 'zstd-ish' })).toEqual({
      status: 415,
      body: { error: 'unsupported_encoding' },
    });
  });

  it('a client that leaves mid-body makes the direct read fail with request.aborted (400)', async () => {
    const { port, nextOutcome } = await serve();
    const outcome = nextOutcome();
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n{"type":',
      () => socket.destroy(),
    );
    expect(await outcome).toEqual({
      error: { status: 400, code: 'invalid_body', type: 'request.aborted' },
    });
  });

  it('a body an app-level parser already read is left as it is (body-parser path)', async () => {
    const { port } = await serve('1kb', express.json());
    expect(
      await post(port, ['{"a":1}'], { 'content-length': 7, 'content-type': 'application/json' }),
    ).toEqual({ status: 200, body: { body: 'not a buffer: object' } });
  });
});

describe('parseByteLimit', () => {
  it('reads body-parser limits with 1024-based units', () => {
    expect(parseByteLimit('1mb')).toBe(1024 * 1024);
    expect(parseByteLimit('1kb')).toBe(1024);
    expect(parseByteLimit('1.5KB')).toBe(1536);
    expect(parseByteLimit('200')).toBe(200);
    expect(parseByteLimit(' 2 gb ')).toBe(2 * 2 ** 30);
    expect(parseByteLimit('lots')).toBeUndefined();
  });
});
