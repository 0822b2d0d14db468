import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertMaxDepth,
  findTooDeep,
  chatKitRequestSchema,
  parseRequest,
  REQUEST_TYPES,
  threadItemSchema,
  threadStreamEventSchema,
  widgetSchema,
} from '../../src/protocol/schema.js';
import { toWire } from '../../src/protocol/wire.js';

const EXAMPLES = new URL('../fixtures/protocol-examples', import.meta.url).pathname;
const load = (dir: string) =>
  readdirSync(join(EXAMPLES, dir))
    .filter((file) => file.endsWith('.json'))
    .map((file) => [file, JSON.parse(readFileSync(join(EXAMPLES, dir, file), 'utf8'))] as const);

describe('request examples', () => {
  const requests = load('requests');

  it('covers all 16 request types', () => {
    expect(REQUEST_TYPES).toHaveLength(16);
    expect(new Set(requests.map(([, body]) => body.type))).toEqual(new Set(REQUEST_TYPES));
  });

  it.each(requests)('%s parses', (_file, body) => {
    const result = parseRequest(body);
    expect(result).toMatchObject({ ok: true, request: { type: body.type } });
    expect(chatKitRequestSchema.safeParse(body).success).toBe(true);
  });

  it('keeps the forwarded values (payloads, results, tag data) intact', () => {
    const byType = Object.fromEntries(requests.map(([, body]) => [body.type, body]));
    for (const type of ['threads.custom_action', 'threads.add_client_tool_output', 'threads.create']) {
      const result = parseRequest(byType[type]);
      if (!result.ok) throw new Error(result.message);
      expect(result.request.params).toEqual(byType[type].params);
    }
  });
});

describe('event and item examples round-trip unchanged', () => {
  it.each(load('events'))('event %s', (_file, event) => {
    const parsed = threadStreamEventSchema.parse(event);
    expect(toWire(parsed)).toEqual(event);
  });

  it.each(load('items'))('item %s', (_file, item) => {
    const parsed = threadItemSchema.parse(item);
    expect(toWire(parsed)).toEqual(item);
  });

  it.each(load('widgets'))('widget %s', (_file, widget) => {
    expect(toWire(widgetSchema.parse(widget))).toEqual(widget);
  });

  it('every event of every sequence parses and round-trips', () => {
    for (const [, sequence] of load('sequences')) {
      for (const event of sequence.events ?? sequence.events_received_before_disconnect ?? []) {
        expect(toWire(threadStreamEventSchema.parse(event))).toEqual(event);
      }
    }
  });

  it('rejects unknown event and item types', () => {
    expect(threadStreamEventSchema.safeParse({ type: 'thread.exploded' }).success).toBe(false);
    expect(
      threadItemSchema.safeParse({ id: 'x', thread_id: 't', created_at: 'now', type: 'poem' }).success,
    ).toBe(false);
  });
});

/** Hostile inputs and the field path their error must name. */
const HOSTILE: [title: string, body: unknown, path: string, message: RegExp][] = [
  ['not an object', 'threads.list', '', /expected a JSON object/],
  ['array body', [], '', /expected a JSON object/],
  ['null body', null, '', /expected a JSON object/],
  ['missing type', { params: {} }, 'type', /required/],
  ['numeric type', { type: 7, params: {} }, 'type', /expected string/],
  [
    'unknown type',
    { type: 'threads.explode', params: {} },
    'type',
    /unknown request type "threads\.explode"/,
  ],
  ['prototype key as type', { type: '__proto__', params: {} }, 'type', /unknown request type/],
  ['missing params', { type: 'threads.list' }, 'params', /required/],
  ['params not an object', { type: 'threads.list', params: 3 }, 'params', /expected object/],
  [
    'thread id wrong type',
    { type: 'threads.get_by_id', params: { thread_id: 42 } },
    'params.thread_id',
    /expected string/,
  ],
  ['thread id missing', { type: 'threads.delete', params: {} }, 'params.thread_id', /required/],
  [
    'thread id too long',
    { type: 'threads.get_by_id', params: { thread_id: 'x'.repeat(257) } },
    'params.thread_id',
    /too big/,
  ],
  [
    'huge text',
    {
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: 'x'.repeat(100_001) }],
          attachments: [],
          inference_options: {},
        },
      },
    },
    'params.input.content.0.text',
    /too big/,
  ],
  [
    'too many content parts',
    {
      type: 'threads.create',
      params: {
        input: {
          content: Array.from({ length: 101 }, () => ({ type: 'input_text', text: 'x' })),
          attachments: [],
          inference_options: {},
        },
      },
    },
    'params.input.content',
    /too big/,
  ],
  [
    'missing attachments',
    { type: 'threads.create', params: { input: { content: [], inference_options: {} } } },
    'params.input.attachments',
    /required/,
  ],
  [
    'unknown content type',
    {
      type: 'threads.create',
      params: { input: { content: [{ type: 'img' }], attachments: [], inference_options: {} } },
    },
    'params.input.content.0.type',
    /.+/,
  ],
  [
    'bad order',
    { type: 'items.list', params: { thread_id: 't', order: 'sideways' } },
    'params.order',
    /expected one of/,
  ],
  ['negative limit', { type: 'threads.list', params: { limit: -1 } }, 'params.limit', /too small/],
  [
    'fractional size',
    { type: 'attachments.create', params: { name: 'a', size: 1.5, mime_type: 'x' } },
    'params.size',
    /.+/,
  ],
  [
    'feedback kind',
    { type: 'items.feedback', params: { thread_id: 't', item_ids: [], kind: 'meh' } },
    'params.kind',
    /expected one of/,
  ],
  [
    'missing tool result',
    { type: 'threads.add_client_tool_output', params: { thread_id: 't' } },
    'params.result',
    /required/,
  ],
  [
    'action without type',
    { type: 'threads.custom_action', params: { thread_id: 't', action: {} } },
    'params.action.type',
    /required/,
  ],
];

describe('parseRequest with hostile input', () => {
  it.each(HOSTILE)('%s → ok:false naming %s', (_title, body, path, message) => {
    const result = parseRequest(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid_request');
    expect(result.path).toBe(path);
    expect(result.message).toMatch(message);
    if (path) expect(result.message.startsWith(`${path}: `)).toBe(true);
  });

  it('names the field in the documented form', () => {
    expect(parseRequest({ type: 'threads.get_by_id', params: { thread_id: 1 } })).toMatchObject({
      message: 'params.thread_id: expected string',
    });
  });

  it('rejects deep nesting without recursion, even 100k levels deep', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const result = parseRequest({
      type: 'threads.custom_action',
      params: { thread_id: 't', action: { type: 'x', payload: deep } },
    });
    expect(result).toMatchObject({ ok: false, code: 'invalid_request' });
    if (!result.ok) expect(result.message).toMatch(/nested deeper than 64 levels/);
    expect(findTooDeep({ a: [{ b: 1 }] }, 64)).toBeNull();
    expect(findTooDeep({ a: [{ b: 1 }] }, 2)).toBe('a.0');
    expect(() => assertMaxDepth(deep, 64)).toThrow(RangeError);
    expect(() => assertMaxDepth({ a: 1 }, 64)).not.toThrow();
  });

  it('accepts null where the reference model is nullable and ignores unknown fields', () => {
    const result = parseRequest({
      type: 'threads.list',
      params: { limit: null, after: null, extra: { nested: true } },
      metadata: { page: '/x' },
      unknown: 1,
    });
    expect(result.ok).toBe(true);
    expect(
      parseRequest({ type: 'threads.add_client_tool_output', params: { thread_id: 't', result: null } }).ok,
    ).toBe(true);
  });

  it('never throws, even for getters that throw', () => {
    const evil = {
      type: 'threads.list',
      get params(): never {
        throw new Error('boom');
      },
    };
    expect(parseRequest(evil).ok).toBe(false);
  });
});
