import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertMaxDepth,
  findTooDeep,
  chatKitRequestSchema,
  MAX_DEPTH,
  parseRequest,
  REQUEST_TYPES,
} from '../../src/protocol/schema.js';

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

/** A list whose element reads are counted (a Proxy over a real array). */
function counted<T>(items: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list, reads: () => reads };
}

describe('parseRequest on large bodies: bounded work, the problem named', () => {
  const N = 500_000;

  it('free-form JSON (metadata) of 500,000 elements is accepted and read once, by the depth check only', () => {
    const { list, reads } = counted(new Array<number>(N).fill(0));
    const result = parseRequest({ type: 'threads.list', params: {}, metadata: { a: list } });
    expect(result.ok).toBe(true);
    expect(reads()).toBe(N);
  });

  it('an oversized list fails on its length, before any member is parsed', () => {
    const { list, reads } = counted(new Array<number>(N).fill(0));
    const result = parseRequest({
      type: 'items.feedback',
      params: { thread_id: 't', item_ids: list, kind: 'positive' },
    });
    expect(result).toMatchObject({
      ok: false,
      path: 'params.item_ids',
      message: 'params.item_ids: too big (at most 1000 elements)',
    });
    expect(reads()).toBe(N); // the depth check's one pass; zod never looked at the members
  });

  it('an oversized map fails on its size with one issue', () => {
    const answers = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`q${i}`, { values: 7 }]));
    const result = parseRequest({
      type: 'threads.add_structured_input',
      params: { thread_id: 't', item_id: 'i', input: { answers } },
    });
    expect(result).toMatchObject({
      ok: false,
      path: 'params.input.answers',
      message: 'params.input.answers: too big (at most 100 entries)',
    });
  });

  it('many keys in free-form JSON are accepted; long strings are refused by length', () => {
    const many = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    expect(parseRequest({ type: 'threads.list', params: {}, metadata: many }).ok).toBe(true);
    const long = parseRequest({
      type: 'threads.update',
      params: { thread_id: 't', title: 'x'.repeat(1_000_000) },
    });
    expect(long).toMatchObject({ ok: false, message: 'params.title: too big (at most 1024 characters)' });
  });

  it('nesting exactly at the limit passes; one level more is named by its path', () => {
    const nest = (levels: number) => {
      let value: unknown = 0;
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    // The body itself is level 0, `metadata` level 1, so metadata.a holds MAX_DEPTH - 2 more levels.
    const within = { type: 'threads.list', params: {}, metadata: { a: nest(MAX_DEPTH - 2) } };
    expect(parseRequest(within).ok).toBe(true);
    const over = { type: 'threads.list', params: {}, metadata: { a: nest(MAX_DEPTH - 1) } };
    const result = parseRequest(over);
    expect(result).toMatchObject({ ok: false, code: 'invalid_request' });
    if (!result.ok) {
      expect(result.path).toBe(['metadata', 'a', ...Array(MAX_DEPTH - 2).fill('0')].join('.'));
      expect(result.message).toBe(`${result.path}: nested deeper than ${MAX_DEPTH} levels`);
    }
  });

  it('findTooDeep names array indexes and object keys along the way', () => {
    expect(findTooDeep({ a: 1, b: [0, { c: { d: 1 } }] }, 3)).toBe('b.1.c');
    expect(findTooDeep({ a: 1, b: [0, { c: { d: 1 } }] }, 4)).toBeNull();
    expect(findTooDeep([], 0)).toBe('(root)');
    expect(findTooDeep('text', 0)).toBeNull();
  });
});
