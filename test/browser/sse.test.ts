import { expect } from '@open-wc/testing';

import { ChatKitClientError } from '../../src/protocol/client-errors.js';
import { decodeSSEStream } from '../../src/protocol/sse.js';
import {
  chunksOf,
  decodeAll,
  referenceEvents,
  splitAt,
  streamOf,
  TRANSCRIPTS,
} from '../fixtures/sse/chunking.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const events = (decoded: Awaited<ReturnType<typeof decodeAll>>) =>
  decoded.map((d) => (d.ok ? d.event : { malformed: d.data }));

async function fetchBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(`/test/fixtures/sse/${path}`);
  expect(response.ok, path).to.equal(true);
  return new Uint8Array(await response.arrayBuffer());
}

describe('decodeSSEStream in Chromium', () => {
  const paths = [
    '../protocol-examples/sequences/threads.create.sse',
    ...TRANSCRIPTS.map((name) => `${name}.sse`),
  ];

  for (const path of paths) {
    it(`decodes ${path} identically when split at every byte boundary`, async () => {
      const bytes = await fetchBytes(path);
      const expected = referenceEvents(new TextDecoder().decode(bytes));
      expect(expected.length).to.be.greaterThan(0);
      expect(events(await decodeAll([bytes]))).to.deep.equal(expected);
      for (let at = 1; at < bytes.length; at++) {
        const decoded = events(await decodeAll(splitAt(bytes, at)));
        if (JSON.stringify(decoded) !== JSON.stringify(expected)) {
          expect.fail(`${path}: split at byte ${at} of ${bytes.length} decoded differently`);
        }
      }
      expect(events(await decodeAll(chunksOf(bytes, 1)))).to.deep.equal(expected);
    });
  }

  it('handles CRLF and CR line ends, also split inside the CRLF pair', async () => {
    const text = new TextDecoder().decode(await fetchBytes('threads.create.sse'));
    const expected = referenceEvents(text);
    const crlf = utf8(text.replaceAll('\n', '\r\n'));
    for (let at = 1; at < crlf.length; at += 1) {
      const decoded = events(await decodeAll(splitAt(crlf, at)));
      if (JSON.stringify(decoded) !== JSON.stringify(expected)) expect.fail(`CRLF split at ${at}`);
    }
    expect(events(await decodeAll(chunksOf(utf8(text.replaceAll('\n', '\r')), 3)))).to.deep.equal(expected);
  });

  it('keeps multibyte characters split across chunks and skips heartbeats and a BOM', async () => {
    const body = utf8('\uFEFF: ping\n\ndata: {"type":"progress_update","text":"Suche… 🔎"}\n\n');
    for (let at = 1; at < body.length; at++) {
      expect(events(await decodeAll(splitAt(body, at)))).to.deep.equal([
        { type: 'progress_update', text: 'Suche… 🔎' },
      ]);
    }
  });

  it('reports a broken message and keeps decoding', async () => {
    const decoded = await decodeAll([
      utf8('data: {oops\n\ndata: {"type":"progress_update","text":"ok"}\n\n'),
    ]);
    expect(decoded.map((d) => d.ok)).to.deep.equal([false, true]);
    expect(decoded[0]!.ok === false && decoded[0]!.error.code).to.equal('stream.malformed_event');
  });

  it('throws stream.buffer_exceeded for a message over maxBufferSize', async () => {
    const text = `data: {"type":"progress_update","text":"${'x'.repeat(4000)}"}\n\n`;
    let error: unknown;
    try {
      for await (const _ of decodeSSEStream(streamOf(chunksOf(utf8(text), 100)), { maxBufferSize: 1000 })) {
        // drain
      }
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ChatKitClientError);
    expect((error as ChatKitClientError).code).to.equal('stream.buffer_exceeded');
  });
});
