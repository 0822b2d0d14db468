/**
 * Hundreds of malformed or hostile bodies against the real endpoint: each must get a 4xx JSON
 * `{error:{code,message}}` (never a 5xx, never a hang), and the server must still be healthy afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, textInput, type TestServer } from '../../support/test-server.js';

type Kind = 'string' | 'object' | 'array' | 'number';

/** Each request type with otherwise valid params and the kind of every required member. */
const TYPES: Array<{ type: string; params: Record<string, unknown>; required: Record<string, Kind> }> = [
  { type: 'threads.create', params: { input: textInput('hi') }, required: { input: 'object' } },
  {
    type: 'threads.add_user_message',
    params: { thread_id: 'thr_x', input: textInput('hi') },
    required: { thread_id: 'string', input: 'object' },
  },
  {
    type: 'threads.add_client_tool_output',
    params: { thread_id: 'thr_x', result: 1 },
    required: { thread_id: 'string' },
  },
  {
    type: 'threads.add_structured_input',
    params: { thread_id: 'thr_x', item_id: 'msg_x', input: {} },
    required: { thread_id: 'string', item_id: 'string', input: 'object' },
  },
  {
    type: 'threads.retry_after_item',
    params: { thread_id: 'thr_x', item_id: 'msg_x' },
    required: { thread_id: 'string', item_id: 'string' },
  },
  {
    type: 'threads.custom_action',
    params: { thread_id: 'thr_x', action: { type: 'a' } },
    required: { thread_id: 'string', action: 'object' },
  },
  {
    type: 'threads.sync_custom_action',
    params: { thread_id: 'thr_x', action: { type: 'a' } },
    required: { thread_id: 'string', action: 'object' },
  },
  { type: 'threads.get_by_id', params: { thread_id: 'thr_x' }, required: { thread_id: 'string' } },
  {
    type: 'threads.update',
    params: { thread_id: 'thr_x', title: 't' },
    required: { thread_id: 'string', title: 'string' },
  },
  { type: 'threads.delete', params: { thread_id: 'thr_x' }, required: { thread_id: 'string' } },
  { type: 'items.list', params: { thread_id: 'thr_x' }, required: { thread_id: 'string' } },
  {
    type: 'items.feedback',
    params: { thread_id: 'thr_x', item_ids: ['msg_x'], kind: 'positive' },
    required: { thread_id: 'string', item_ids: 'array', kind: 'string' },
  },
  {
    type: 'attachments.create',
    params: { name: 'a.txt', size: 1, mime_type: 'text/plain' },
    required: { name: 'string', size: 'number', mime_type: 'string' },
  },
  { type: 'attachments.delete', params: { attachment_id: 'atc_x' }, required: { attachment_id: 'string' } },
  {
    type: 'input.transcribe',
    params: { audio_base64: 'AAAA', mime_type: 'audio/webm' },
    required: { audio_base64: 'string', mime_type: 'string' },
  },
  { type: 'threads.list', params: { order: 'asc' }, required: {} },
];

/** Values of the wrong kind for a member (`undefined` = member removed). */
const WRONG: Record<Kind, unknown[]> = {
  string: [undefined, 12345, {}, ['x'], true],
  object: [undefined, 'text', 5, [{}], false],
  array: [undefined, 'msg_x', { 0: 'msg_x' }, 7],
  number: [undefined, '12', {}, [1], true],
};

type Case = { name: string; body: string | Uint8Array; headers?: Record<string, string> };

function json(name: string, value: unknown): Case {
  return { name, body: JSON.stringify(value) };
}

function generateCases(): Case[] {
  const cases: Case[] = [];
  for (const { type, params, required } of TYPES) {
    cases.push(json(`${type}: no params`, { type }));
    cases.push(json(`${type}: params is an array`, { type, params: [params] }));
    cases.push(json(`${type}: params is a string`, { type, params: JSON.stringify(params) }));
    cases.push(json(`${type}: params is null`, { type, params: null }));
    cases.push(json(`${type}: body is an array`, [{ type, params }]));
    for (const [member, kind] of Object.entries(required)) {
      for (const wrong of WRONG[kind]) {
        const mutated: Record<string, unknown> = { ...params, [member]: wrong };
        if (wrong === undefined) delete mutated[member];
        cases.push(
          json(`${type}: params.${member} = ${JSON.stringify(wrong) ?? 'missing'}`, {
            type,
            params: mutated,
          }),
        );
      }
    }
  }
  // Broken user-message inputs.
  const input = textInput('hi');
  for (const [name, broken] of Object.entries({
    'content is a string': { ...input, content: 'hi' },
    'content part without type': { ...input, content: [{ text: 'hi' }] },
    'content part of unknown type': { ...input, content: [{ type: 'input_html', text: '<b>' }] },
    'attachments missing': { content: input.content, inference_options: {} },
    'inference_options missing': { content: input.content, attachments: [] },
    'attachments are objects': { ...input, attachments: [{ id: 'atc_x' }] },
    'tag without id': { ...input, content: [{ type: 'input_tag', text: 'x', data: {} }] },
  })) {
    cases.push(json(`threads.create: input ${name}`, { type: 'threads.create', params: { input: broken } }));
  }
  cases.push(
    json('items.feedback: kind out of range', {
      type: 'items.feedback',
      params: { thread_id: 'thr_x', item_ids: [], kind: 'meh' },
    }),
  );
  cases.push(
    json('items.list: order out of range', {
      type: 'items.list',
      params: { thread_id: 'thr_x', order: 'sideways' },
    }),
  );
  cases.push(
    json('custom_action: action without type', {
      type: 'threads.custom_action',
      params: { thread_id: 'thr_x', action: {} },
    }),
  );

  // Unknown or hostile request types.
  for (const type of [
    'threads.hack',
    'THREADS.LIST',
    '',
    'constructor',
    '__proto__',
    'toString',
    'threads',
    42,
    null,
    ['threads.list'],
    { toString: 'x' },
  ]) {
    cases.push(json(`type ${JSON.stringify(type)}`, { type, params: {} }));
  }
  cases.push(json('no type at all', { params: {} }));

  // Huge strings (inside the 1 MB limit).
  const huge = 'x'.repeat(600_000);
  cases.push(json('huge type', { type: huge, params: {} }));
  cases.push(json('huge thread id', { type: 'threads.get_by_id', params: { thread_id: huge } }));
  cases.push(
    json('huge feedback kind', {
      type: 'items.feedback',
      params: { thread_id: 'thr_x', item_ids: [], kind: huge },
    }),
  );

  // Deep nesting.
  const depth = 10_000;
  cases.push({
    name: '10k nested arrays',
    body: `{"type":"threads.list","params":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
  });
  cases.push({
    name: '10k nested objects',
    body: `{"type":"threads.list","params":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
  });
  cases.push({
    name: 'deep metadata',
    body: `{"type":"threads.get_by_id","params":{"thread_id":"thr_x"},"metadata":${'{"m":'.repeat(500)}0${'}'.repeat(500)}}`,
  });

  // Prototype pollution attempts.
  cases.push({
    name: '__proto__ at top level',
    body: '{"type":"threads.list","params":{},"__proto__":{"polluted":true}}',
  });
  cases.push({
    name: '__proto__ in params',
    body: '{"type":"threads.list","params":{"__proto__":{"polluted":true}}}',
  });
  cases.push({
    name: '__proto__ in action payload',
    body: '{"type":"threads.custom_action","params":{"thread_id":"thr_x","action":{"type":"a","payload":{"__proto__":{"polluted":true}}}}}',
  });
  cases.push(
    json('constructor.prototype in params', {
      type: 'threads.update',
      params: { constructor: { prototype: { polluted: true } } },
    }),
  );

  // Not JSON, not UTF-8, not an object.
  cases.push({ name: 'empty body', body: '' });
  cases.push({ name: 'whitespace body', body: '   \n ' });
  for (const text of [
    'hello',
    '<xml/>',
    'type=threads.list&params=',
    '{"type":"threads.list","params":{',
    "{'type':'threads.list'}",
    'NaN',
    '{"type":"threads.list","params":{}}garbage',
  ]) {
    cases.push({ name: `not JSON: ${text}`, body: text, headers: { 'content-type': 'text/plain' } });
  }
  for (const text of ['null', '1', '"threads.list"', 'true', '[]', '[1,2]']) {
    cases.push({ name: `JSON but not an object: ${text}`, body: text });
  }
  const invalidUtf8: number[][] = [
    [0xff, 0xfe, 0xfd],
    [...Buffer.from('{"type":"threads.list","params":{"x":"'), 0xc3, 0x28, ...Buffer.from('"}}')],
    [...Buffer.from('{"type":"'), 0xed, 0xa0, 0x80, ...Buffer.from('","params":{}}')],
    [...Buffer.from('{"type":"threads.list","params":{}}'), 0x80],
  ];
  invalidUtf8.forEach((bytes, index) =>
    cases.push({ name: `invalid UTF-8 #${index + 1}`, body: new Uint8Array(bytes) }),
  );
  cases.push({
    name: 'form content type',
    body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  cases.push({
    name: 'unsupported content encoding',
    body: '{}',
    headers: { 'content-encoding': 'zstd-ish' },
  });
  cases.push({
    name: 'gzip header on plain body',
    body: '{"type":"threads.list","params":{}}',
    headers: { 'content-encoding': 'gzip' },
  });
  return cases;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('hostile bodies', () => {
  const cases = generateCases();

  it('generates at least 200 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every one with a 4xx JSON error and stays healthy', async () => {
    const failures: string[] = [];
    // A few at a time: enough concurrency to catch shared-state bugs without flooding two cores.
    for (let start = 0; start < cases.length; start += 8) {
      await Promise.all(
        cases.slice(start, start + 8).map(async ({ name, body, headers }) => {
          const response = await server.post(body, { headers });
          const text = await response.text();
          let parsed: any = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            // reported below
          }
          const ok =
            response.status >= 400 &&
            response.status < 500 &&
            response.headers.get('content-type')?.startsWith('application/json') &&
            typeof parsed?.error?.code === 'string' &&
            typeof parsed?.error?.message === 'string';
          if (!ok) failures.push(`${name}: ${response.status} ${text.slice(0, 200)}`);
        }),
      );
    }
    expect(failures).toEqual([]);

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // And it still does real work.
    const list = await server.json({ type: 'threads.list', params: {} });
    expect(list).toEqual({ data: [], has_more: false });
  });
});
