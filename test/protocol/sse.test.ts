import { readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';

import { ChatKitClientError } from '../../src/protocol/client-errors.js';
import { decodeSSEStream, encodeSSE, parseEventData } from '../../src/protocol/sse.js';
import { createDataReader } from '../../src/protocol/sse-reader.js';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import {
  chunksOf,
  decodeAll,
  referenceEvents,
  splitAt,
  streamOf,
  TRANSCRIPTS,
} from '../fixtures/sse/chunking.js';

const FIXTURES = new URL('../fixtures/sse/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, FIXTURES));
const utf8 = (text: string) => new TextEncoder().encode(text);
const events = (decoded: Awaited<ReturnType<typeof decodeAll>>) =>
  decoded.map((d) => (d.ok ? d.event : { malformed: d.data }));

describe('encodeSSE', () => {
  it('frames an event as `data: ` + compact JSON + a blank line', () => {
    const event: ThreadStreamEvent = { type: 'stream_options', stream_options: { allow_cancel: true } };
    expect(encodeSSE(event)).toBe(
      'data: {"type":"stream_options","stream_options":{"allow_cancel":true}}\n\n',
    );
  });

  it('keeps a payload on one line even when strings contain line breaks', () => {
    const text = encodeSSE({ type: 'progress_update', text: 'a\nb\r\nc\u2028' });
    expect(text.split('\n').length).toBe(3);
    expect(JSON.parse(text.slice(6))).toEqual({ type: 'progress_update', text: 'a\nb\r\nc\u2028' });
  });

  it('reproduces the recorded threads.create transcript byte for byte', () => {
    const recorded = read('../protocol-examples/sequences/threads.create.sse').toString('utf8');
    const sequence = JSON.parse(
      read('../protocol-examples/sequences/threads.create.json').toString('utf8'),
    ) as {
      events: ThreadStreamEvent[];
    };
    expect(sequence.events.map(encodeSSE).join('')).toBe(recorded);
  });
});

describe('decodeSSEStream over recorded transcripts', () => {
  const cases = [
    ['recorded threads.create.sse', '../protocol-examples/sequences/threads.create.sse'],
    ...TRANSCRIPTS.map((name) => [`generated ${name}.sse`, `${name}.sse`]),
  ] as const;

  for (const [label, path] of cases) {
    describe(label, () => {
      const bytes = new Uint8Array(read(path));
      const expected = referenceEvents(new TextDecoder().decode(bytes));

      it('decodes every event in order from a single chunk', async () => {
        expect(expected.length).toBeGreaterThan(0);
        expect(events(await decodeAll([bytes]))).toEqual(expected);
      });

      it('decodes the same events when split at every byte boundary', async () => {
        for (let at = 1; at < bytes.length; at++) {
          const decoded = events(await decodeAll(splitAt(bytes, at)));
          if (JSON.stringify(decoded) !== JSON.stringify(expected)) {
            expect.fail(`split at byte ${at} of ${bytes.length} decoded differently`);
          }
        }
      });

      it('decodes the same events from 1-byte chunks', async () => {
        expect(events(await decodeAll(chunksOf(bytes, 1)))).toEqual(expected);
      });

      it('decodes the same events with CRLF and with CR line ends', async () => {
        const text = new TextDecoder().decode(bytes);
        expect(events(await decodeAll(chunksOf(utf8(text.replaceAll('\n', '\r\n')), 7)))).toEqual(expected);
        expect(events(await decodeAll(chunksOf(utf8(text.replaceAll('\n', '\r')), 5)))).toEqual(expected);
      });
    });
  }

  it('splits CRLF pairs across chunks at every position', async () => {
    const text = new TextDecoder()
      .decode(read('threads.add_user_message.custom_error.sse'))
      .replaceAll('\n', '\r\n');
    const bytes = utf8(text);
    const expected = referenceEvents(text.replaceAll('\r\n', '\n'));
    for (let at = 1; at < bytes.length; at++) {
      expect(events(await decodeAll(splitAt(bytes, at)))).toEqual(expected);
    }
  });
});

describe('decodeSSEStream (WHATWG rules)', () => {
  it('keeps multibyte UTF-8 characters split across chunks intact', async () => {
    const bytes = utf8('data: {"type":"progress_update","text":"Searching… 🔎 ünïcödé"}\n\n');
    const start = bytes.indexOf(0xf0); // the first byte of the 4-byte emoji
    for (const at of [start + 1, start + 2, start + 3, bytes.indexOf(0xe2) + 1, bytes.indexOf(0xe2) + 2]) {
      const [decoded] = await decodeAll(splitAt(bytes, at));
      expect(decoded).toEqual({
        ok: true,
        event: { type: 'progress_update', text: 'Searching… 🔎 ünïcödé' },
      });
    }
  });

  it('ignores heartbeat comments and event/id/retry fields', async () => {
    const text =
      ': keep-alive\n\n' +
      'event: ignored\nid: 7\nretry: 1000\ndata: {"type":"notice","level":"info","message":"hi"}\n\n' +
      ':ping\n' +
      'data: {"type":"stream_options","stream_options":{"allow_cancel":false}}\n\n';
    const decoded = events(await decodeAll(chunksOf(utf8(text), 3)));
    expect(decoded).toEqual([
      { type: 'notice', level: 'info', message: 'hi' },
      { type: 'stream_options', stream_options: { allow_cancel: false } },
    ]);
  });

  it('joins multi-line data with \\n before parsing', async () => {
    const text = 'data: {"type":"notice",\ndata: "level":"warning",\ndata:"message":"two\\nlines"}\n\n';
    expect(events(await decodeAll([utf8(text)]))).toEqual([
      { type: 'notice', level: 'warning', message: 'two\nlines' },
    ]);
  });

  it('skips a byte-order mark, even when it is split across chunks', async () => {
    const body = utf8('\uFEFFdata: {"type":"progress_update","text":"x"}\n\n');
    expect(body[0]).toBe(0xef);
    for (const at of [1, 2, 3]) {
      expect(events(await decodeAll(splitAt(body, at)))).toEqual([{ type: 'progress_update', text: 'x' }]);
    }
  });

  it('discards an incomplete last message', async () => {
    const text =
      'data: {"type":"progress_update","text":"a"}\n\ndata: {"type":"progress_update","text":"b"}\n';
    expect(events(await decodeAll([utf8(text)]))).toEqual([{ type: 'progress_update', text: 'a' }]);
  });

  it('reports a broken message as one { ok: false } result and keeps decoding', async () => {
    const text =
      'data: {"type":"progress_update","text":"a"}\n\n' +
      'data: {not json\n\n' +
      'data: [1,2]\n\n' +
      'data: {"no_type":true}\n\n' +
      'data: {"type":"thread.item.done"}\n\n' +
      'data: {"type":"progress_update","text":"b"}\n\n';
    const decoded = await decodeAll(chunksOf(utf8(text), 4));
    expect(decoded.map((d) => d.ok)).toEqual([true, false, false, false, false, true]);
    for (const d of decoded) {
      if (!d.ok) {
        expect(d.error).toBeInstanceOf(ChatKitClientError);
        expect(d.error.code).toBe('stream.malformed_event');
      }
    }
    expect(decoded[1]).toMatchObject({ ok: false, data: '{not json' });
  });

  it('passes unknown event types through (the reducer ignores them)', () => {
    expect(parseEventData('{"type":"future.event","x":1}')).toEqual({
      ok: true,
      event: { type: 'future.event', x: 1 },
    });
  });

  it('throws stream.buffer_exceeded when one message outgrows maxBufferSize, after the earlier events', async () => {
    const huge = `data: {"type":"progress_update","text":"${'x'.repeat(5000)}"}\n\n`;
    const text = 'data: {"type":"progress_update","text":"before"}\n\n' + huge;
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const d of decodeSSEStream(streamOf(chunksOf(utf8(text), 256)), { maxBufferSize: 1024 })) {
        seen.push(d.ok ? d.event : d);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatKitClientError);
    expect((error as ChatKitClientError).code).toBe('stream.buffer_exceeded');
    expect(seen).toEqual([{ type: 'progress_update', text: 'before' }]);
  });

  it('accepts a large message below the default limit', async () => {
    const url = `data:image/png;base64,${'A'.repeat(2_000_000)}`;
    const text = encodeSSE({
      type: 'thread.item.updated',
      item_id: 'img',
      update: { type: 'generated_image.updated', image: { id: 'i', url } },
    });
    const decoded = await decodeAll(chunksOf(utf8(text), 65536));
    expect(decoded).toHaveLength(1);
    expect(decoded[0]!.ok).toBe(true);
  });

  it('stops with the abort reason when the signal aborts, and cancels the body', async () => {
    const controller = new AbortController();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(utf8('data: {"type":"progress_update","text":"a"}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const d of decodeSSEStream(body, { signal: controller.signal })) {
        seen.push(d);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect((error as Error).name).toBe('AbortError');
    expect(cancelled).toBe(true);
  });

  it('propagates a read error of the body (a dropped connection)', async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (!sent) {
          sent = true;
          c.enqueue(utf8('data: {"type":"progress_update","text":"a"}\n\ndata: {"type":"progr'));
        } else c.error(new TypeError('terminated'));
      },
    });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const d of decodeSSEStream(body)) seen.push(d.ok ? d.event : d);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ type: 'progress_update', text: 'a' }]);
    expect(error).toBeInstanceOf(TypeError);
  });
});

describe('createDataReader against eventsource-parser', () => {
  // Lines of every kind the WHATWG rules tell apart, joined by every line end, cut into pieces at random
  // places (CRLF pairs included): the data of each message must be what eventsource-parser reports.
  const LINES = [
    'data: {"type":"progress_update","text":"a"}',
    'data:x',
    'data:  two spaces',
    'data',
    'data:',
    'data: ',
    'datax: y',
    ' data: leading space',
    'DATA: upper',
    'data x',
    ': comment',
    ':',
    'event: message',
    'event',
    'id: 7',
    'id: a\u0000b',
    'retry: 100',
    'retry: soon',
    'foo: bar',
    'foo',
    'data: ünïcödé 🔎',
    '',
    '',
    '',
  ];
  const ENDS = ['\n', '\r', '\r\n'];

  /** A small deterministic generator (mulberry32), so a failure names its seed. */
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('reports the same data for 500 random streams cut at random places', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
      let text = '';
      const count = 1 + Math.floor(next() * 40);
      for (let i = 0; i < count; i++) text += pick(LINES) + pick(ENDS);
      const pieces: string[] = [];
      for (let at = 0; at < text.length;) {
        const size = next() < 0.3 ? 1 : 1 + Math.floor(next() * 30);
        pieces.push(text.slice(at, at + size));
        at += size;
      }
      const theirs: string[] = [];
      const parser = createParser({ onEvent: (message) => theirs.push(message.data) });
      const ours: string[] = [];
      const feed = createDataReader((data) => ours.push(data));
      for (const piece of pieces) {
        parser.feed(piece);
        feed(piece);
        // Ours never reports later than eventsource-parser (it may report earlier: a held CR followed by a
        // piece with no line end already ends a line).
        expect(ours.slice(0, theirs.length), `seed ${seed}`).toEqual(theirs);
      }
      parser.feed('\n\n');
      feed('\n\n');
      expect(ours, `seed ${seed}`).toEqual(theirs);
    }
  });

  it('ends a line at a held CR when the next piece has no line end', () => {
    const seen: string[] = [];
    const feed = createDataReader((data) => seen.push(data));
    feed('data: a\n\r');
    expect(seen).toEqual([]);
    feed('data: b');
    expect(seen).toEqual(['a']);
  });

  it('counts the unfinished line and the unfinished message as buffered', () => {
    const feed = createDataReader(() => undefined);
    expect(feed('data: abc')).toBe(9);
    expect(feed('\ndata: de')).toBe(3 + 8);
    expect(feed('\n\n')).toBe(0);
  });
});
