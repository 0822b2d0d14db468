/**
 * The SSE writer frames plain text deltas from constant parts (event-stream.ts `encodeEvent`): its output must
 * be `encodeSSE`'s, byte for byte, for every event, and anything not exactly a plain delta must take the
 * general path.
 */
import { expect, it } from 'vitest';
import { encodeSSE } from '../../../src/protocol/sse.js';
import type { ThreadStreamEvent } from '../../../src/protocol/types.js';
import { encodeEvent } from '../../../server/express/event-stream.js';

const delta = (delta: unknown, contentIndex: unknown = 0, itemId: unknown = 'msg_0123456789abcdef') =>
  ({
    type: 'thread.item.updated',
    item_id: itemId,
    update: { type: 'assistant_message.content_part.text_delta', content_index: contentIndex, delta },
  }) as unknown as ThreadStreamEvent;

const same = (event: ThreadStreamEvent) => expect(encodeEvent(event)).toBe(encodeSSE(event));

it('a plain text delta is framed exactly as encodeSSE frames it, whatever its text', () => {
  const texts = [
    '',
    'plain words',
    'quote " backslash \\ slash / tab \t newline \n return \r',
    '\u0000\u0001\u001f\u007f control characters',
    'unicode: é 日本語 🙂 \u2028 \u2029',
    'lone surrogates \ud800 and \udfff',
    '</script><script>alert(1)</script>',
    'x'.repeat(20_000),
  ];
  for (const text of texts) same(delta(text));
  for (const index of [0, 1, 7, 123456, -0, 1e21, Number.MAX_SAFE_INTEGER]) same(delta('a', index));
  same(delta('a', 0, 'id with "quotes" and \\ and 🙂'));
  // Seeded random text from the whole BMP and beyond.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < 2000; n++) {
    let text = '';
    const length = Math.floor(random() * 40);
    for (let i = 0; i < length; i++)
      text += String.fromCodePoint(Math.floor(random() * (random() < 0.9 ? 0x80 : 0x110000)));
    same(delta(text, Math.floor(random() * 4)));
  }
});

it('anything but exactly a plain text delta goes through encodeSSE', () => {
  const cases: unknown[] = [
    // other key orders, extra or missing members, other value types
    {
      item_id: 'm',
      type: 'thread.item.updated',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'a' },
    },
    {
      type: 'thread.item.updated',
      item_id: 'm',
      update: { content_index: 0, type: 'assistant_message.content_part.text_delta', delta: 'a' },
    },
    {
      type: 'thread.item.updated',
      item_id: 'm',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'a', extra: 1 },
    },
    {
      type: 'thread.item.updated',
      item_id: 'm',
      extra: true,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'a' },
    },
    {
      type: 'thread.item.updated',
      item_id: 'm',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0 },
    },
    delta('a', 0.5),
    delta('a', Number.NaN),
    delta('a', Infinity),
    delta('a', '0'),
    delta(42),
    delta(undefined),
    delta('a', 0, 42),
    {
      type: 'thread.item.updated',
      item_id: 'm',
      update: {
        type: 'assistant_message.content_part.added',
        content_index: 0,
        content: { type: 'output_text', text: '', annotations: [] },
      },
    },
    { type: 'notice', level: 'info', message: 'hello' },
    { type: 'thread.item.updated', item_id: 'm', update: null },
  ];
  for (const event of cases) same(event as ThreadStreamEvent);

  // toJSON (own or inherited) and inherited enumerable members change what JSON writes: the general path.
  const withToJSON = delta('a') as unknown as Record<string, unknown>;
  withToJSON.toJSON = () => ({ type: 'notice', level: 'info', message: 'replaced' });
  same(withToJSON as unknown as ThreadStreamEvent);
  const inheritedToJSON = Object.assign(
    Object.create({ toJSON: () => 'proto' }),
    delta('a'),
  ) as ThreadStreamEvent;
  same(inheritedToJSON);
  const inheritedMember = Object.assign(Object.create({ extra: 1 }), delta('a')) as ThreadStreamEvent;
  same(inheritedMember);
  const updateToJSON = delta('a') as unknown as { update: Record<string, unknown> };
  updateToJSON.update.toJSON = () => 'x';
  same(updateToJSON as unknown as ThreadStreamEvent);
  const hidden = delta('a') as unknown as Record<string, unknown>;
  Object.defineProperty(hidden, 'item_id', { value: 'm', enumerable: false });
  same(hidden as unknown as ThreadStreamEvent);
});
