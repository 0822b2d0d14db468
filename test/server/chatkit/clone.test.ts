/**
 * The record copy of the memory store and the response phase (server/chatkit/clone.ts): the same result as
 * `structuredClone` on plain data, `structuredClone` itself for anything else; and the thread-change check's
 * comparison. Plus the in-place text deltas of the response phase: a part the responder handed over is never
 * mutated, and the persisted answer is the same as before.
 */
import { describe, expect, it } from 'vitest';
import {
  cloneRecord,
  isWireReady,
  plainCopy,
  samePlain,
  wireReadyCopy,
} from '../../../server/chatkit/clone.js';
import { toWire } from '../../../src/protocol/wire.js';
import { threadCreated } from '../../../server/chatkit/stream-operations.js';
import { MemoryStore } from '../../../server/stores/memory-store.js';
import type { AssistantMessageItem, ThreadStreamEvent } from '../../../src/protocol/types.js';
import { makeServer } from './helpers.js';

describe('cloneRecord', () => {
  it('copies plain data deeply, as structuredClone does', () => {
    const value = {
      id: 'msg_1',
      content: [
        { type: 'output_text', text: 'hi', annotations: [{ n: 1, deep: { a: [1, 'x', null, true] } }] },
      ],
      empty: {},
      missing: undefined,
      nested: Object.assign(Object.create(null), { a: 1 }),
    };
    const copy = cloneRecord(value);
    expect(copy).toStrictEqual(structuredClone(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    expect(copy.content[0]).not.toBe(value.content[0]);
    expect(copy.content[0]!.annotations[0]!.deep.a).not.toBe(value.content[0]!.annotations[0]!.deep.a);
    expect(Object.keys(copy)).toEqual(Object.keys(value));
    expect(Object.getPrototypeOf(copy.nested)).toBe(Object.prototype);
  });

  it('leaves anything else to structuredClone', () => {
    const date = new Date(5);
    expect(cloneRecord({ when: date }).when).toEqual(date);
    expect(cloneRecord({ when: date }).when).not.toBe(date);
    expect(cloneRecord({ map: new Map([[1, 2]]) }).map).toEqual(new Map([[1, 2]]));
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const copied = cloneRecord(cyclic);
    expect(copied.self).toBe(copied);
    // eslint-disable-next-line no-sparse-arrays
    expect(cloneRecord([1, , 3])).toStrictEqual(structuredClone([1, , 3]));
    expect(() => cloneRecord({ f: () => 1 })).toThrow(/could not be cloned/);
    const proto = JSON.parse('{"__proto__": {"x": 1}}');
    expect(Object.hasOwn(cloneRecord(proto), '__proto__')).toBe(
      Object.hasOwn(structuredClone(proto), '__proto__'),
    );
  });
});

describe('wireReadyCopy', () => {
  it('is what toWire returns, or declines', () => {
    const message = {
      id: 'msg_1',
      thread_id: 'thr_1',
      created_at: '2026-12-03T01:00:00.000Z',
      type: 'assistant_message',
      content: [
        { type: 'output_text', text: 'hi', annotations: [{ type: 'url', source: { url: 'https://x' } }] },
      ],
    };
    const ready = [
      { type: 'thread.item.added', item: message },
      { type: 'thread.item.done', item: message },
      { type: 'stream_options', stream_options: { allow_cancel: true } },
      // An empty `attachments` array has nothing for toWire to strip (a user message without attachments).
      { type: 'thread.item.done', item: { ...message, type: 'user_message', attachments: [] } },
      { type: 'error', code: 'stream.error', allow_retry: true },
      {
        type: 'thread.item.updated',
        item_id: 'w',
        update: { type: 'widget.root.updated', widget: { children: [null, 1, 'a'] } },
      },
    ];
    for (const event of ready) {
      const copy = wireReadyCopy(event);
      expect(copy).toStrictEqual(toWire(event));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(toWire(event)));
      expect(copy).not.toBe(event);
    }
    const declined = [
      {
        type: 'thread.updated',
        thread: { id: 't', created_at: 'x', status: { type: 'active' }, metadata: { secret: 1 } },
      },
      {
        type: 'thread.item.done',
        item: { ...message, attachments: [{ type: 'file', mime_type: 'a', metadata: {} }] },
      },
      { type: 'thread.item.done', item: { ...message, quoted_text: null } },
      { type: 'thread.item.done', item: { ...message, extra: undefined } },
      { type: 'thread.item.done', item: { ...message, created_at: new Date(0) } },
      { type: 'thread.item.done', item: { ...message, content: [undefined] } },
      { type: 'thread.item.done', item: { ...message, f: () => 1 } },
      { type: 'x', data: [], has_more: false },
    ];
    for (const event of declined) expect(wireReadyCopy(event)).toBeUndefined();
    // isWireReady (the relay's check, no copy) answers exactly when wireReadyCopy copies.
    for (const event of ready) expect(isWireReady(event)).toBe(true);
    for (const event of declined) expect(isWireReady(event)).toBe(false);
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let depth = 0; depth < 100; depth++) cursor = cursor.next = {};
    expect(isWireReady(deep)).toBe(wireReadyCopy(deep) !== undefined);
    const holed = [1, 2];
    delete holed[0];
    expect(isWireReady(holed)).toBe(false); // a hole: toWire makes it null
    expect(isWireReady(Object.assign(Object.create(null), { a: 1 }))).toBe(true);
  });
});

describe('samePlain', () => {
  it('is true only when the value still serializes like the copy', () => {
    const value = { title: 'a', list: [1, { b: 2 }], empty: {} };
    const copy = plainCopy(value)!.value;
    expect(samePlain(value, copy)).toBe(true);
    value.list.push(3);
    expect(samePlain(value, copy)).toBe(false);
    const reordered = { b: 1, a: 1 };
    expect(samePlain(reordered, plainCopy({ a: 1, b: 1 })!.value)).toBe(false);
    expect(samePlain(Number.NaN, Number.NaN)).toBe(false);
    expect(samePlain(new Date(1), plainCopy({})!.value)).toBe(false);
    expect(plainCopy({ when: new Date(1) })).toBeUndefined();
  });

  it('compares objects of none or one key (compared after every event) like any other', () => {
    const copyOf = (value: unknown) => plainCopy(value)!.value;
    expect(samePlain({}, copyOf({}))).toBe(true);
    expect(samePlain({ type: 'active' }, copyOf({ type: 'active' }))).toBe(true);
    expect(samePlain({ type: 'closed' }, copyOf({ type: 'active' }))).toBe(false);
    expect(samePlain({ kind: 'active' }, copyOf({ type: 'active' }))).toBe(false);
    expect(samePlain({}, copyOf({ type: 'active' }))).toBe(false);
    expect(samePlain({ type: 'active' }, copyOf({}))).toBe(false);
    expect(samePlain({ a: 1, b: 2 }, copyOf({ a: 1 }))).toBe(false);
    expect(samePlain({ a: 1 }, copyOf({ a: 1, b: 2 }))).toBe(false);
    expect(samePlain({ a: { b: [1] } }, copyOf({ a: { b: [1] } }))).toBe(true);
    expect(samePlain({ a: { b: [1] } }, copyOf({ a: { b: [2] } }))).toBe(false);
    expect(samePlain({ a: undefined }, copyOf({}))).toBe(false);
    const inherited = Object.create({ inheritedKey: 1 }) as Record<string, unknown>;
    expect(samePlain(inherited, copyOf({}))).toBe(false); // not a plain object
    const bare = Object.assign(Object.create(null), { type: 'active' });
    expect(samePlain(bare, copyOf({ type: 'active' }))).toBe(true);
  });
});

describe('response phase text deltas', () => {
  it('never mutates a part the responder holds, and persists the whole text', async () => {
    const store = new MemoryStore();
    const held: { part?: AssistantMessageItem['content'][number]; message?: AssistantMessageItem } = {};
    const { server, cleanup } = makeServer({
      store,
      async *respond(_thread, _input, ctx) {
        const message: AssistantMessageItem = { ...ctx.assistantMessage(), content: [] };
        held.message = message;
        yield ctx.events.added(message);
        const part = { type: 'output_text' as const, text: '', annotations: [] };
        held.part = part;
        yield {
          type: 'thread.item.updated',
          item_id: message.id,
          update: { type: 'assistant_message.content_part.added', content_index: 0, content: part },
        } as ThreadStreamEvent;
        for (const delta of ['a', 'b', 'c']) yield ctx.events.textDelta(message.id, delta);
        // Blocked like a model call until the client leaves: the pending copy is what gets saved.
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
      },
    });
    try {
      const result = await server.process(
        {
          type: 'threads.create',
          params: {
            input: { content: [{ type: 'input_text', text: 'Hi' }], attachments: [], inference_options: {} },
          },
        },
        { userId: 'alice_user' },
      );
      if (result.kind !== 'stream') throw new Error('expected a stream');
      const iterator = result.events[Symbol.asyncIterator]();
      const events: ThreadStreamEvent[] = [];
      let deltas = 0;
      while (deltas < 3) {
        const next = await iterator.next();
        if (next.done) throw new Error('stream ended early');
        events.push(next.value);
        if (next.value.type === 'thread.item.updated' && next.value.update.type.endsWith('text_delta'))
          deltas++;
      }
      await iterator.return!();
      expect(held.part!.text).toBe('');
      expect(held.message!.content).toEqual([]);
      const threadId = (events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>).thread.id;
      const items = await store.loadThreadItems(
        threadId,
        { limit: 10, order: 'asc' },
        { userId: 'alice_user' },
      );
      const saved = items.data.find((item) => item.type === 'assistant_message') as AssistantMessageItem;
      expect(saved.content).toEqual([{ type: 'output_text', text: 'abc', annotations: [] }]);
    } finally {
      await cleanup();
    }
  });
});

describe('threadCreated', () => {
  it('is toWire of thread.created for the thread threads.create makes, byte for byte', () => {
    const thread = {
      id: 'thr_018c2f3a1b2c3d4e5f60718293a4b5c6d',
      created_at: '2026-12-03T19:00:00.000Z',
      status: { type: 'active' as const },
      metadata: {},
    };
    const slow = toWire({
      type: 'thread.created',
      thread: { ...thread, items: { data: [], has_more: false } },
    });
    expect(JSON.stringify(threadCreated(thread))).toBe(JSON.stringify(slow));
    expect(threadCreated(thread)).toStrictEqual(slow);
  });

  it('leaves any other shape to toWire (null members dropped, private metadata emptied)', () => {
    const thread = {
      id: 'thr_1',
      created_at: '2026-12-03T19:00:00.000Z',
      title: null,
      status: { type: 'active' as const },
      metadata: { secret: 'x' },
    };
    const slow = toWire({
      type: 'thread.created',
      thread: { ...thread, items: { data: [], has_more: false } },
    });
    expect(JSON.stringify(threadCreated(thread as never))).toBe(JSON.stringify(slow));
    expect(JSON.stringify(threadCreated(thread as never))).not.toContain('secret');
    const closed = { ...thread, title: undefined, status: { type: 'closed' as const, reason: 'r' } };
    delete closed.title;
    expect(threadCreated(closed as never)).toStrictEqual(
      toWire({ type: 'thread.created', thread: { ...closed, items: { data: [], has_more: false } } }),
    );
  });
});
