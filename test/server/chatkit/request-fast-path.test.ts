/**
 * The fast path for plain `threads.create` / `threads.add_user_message` bodies must accept only what the zod
 * schemas accept, and return exactly what they return (members, order, values); everything else is left to
 * `parseRequest`. Compared on hand-picked edge cases around every limit and on the seeded fuzz generator's
 * bodies.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_CONTENT_PARTS,
  MAX_ID_LENGTH,
  MAX_TEXT_LENGTH,
  parseRequest,
} from '../../../src/protocol/schema.js';
import { parsePlainTurnRequest } from '../../../server/chatkit/request-fast-path.js';
import { createRandom, generateCase } from '../../fixtures/fuzz/fuzz.js';

/** The fast path either declines or agrees with zod, down to the order of members. */
function expectAgreement(body: unknown): boolean {
  const fast = parsePlainTurnRequest(body);
  if (fast === undefined) return false;
  const slow = parseRequest(body);
  expect(slow.ok, JSON.stringify(body)?.slice(0, 300)).toBe(true);
  if (!slow.ok) return true;
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.request));
  expect(fast).toStrictEqual(slow.request);
  return true;
}

const input = (extra: Record<string, unknown> = {}) => ({
  content: [{ type: 'input_text', text: 'Hello' }],
  attachments: [],
  inference_options: {},
  ...extra,
});

describe('parsePlainTurnRequest', () => {
  it('takes the bodies the element sends, with the result zod gives', () => {
    const accepted = [
      { type: 'threads.create', params: { input: input() } },
      { params: { input: input() }, type: 'threads.create' },
      { type: 'threads.create', params: { input: input({ quoted_text: 'quote' }) } },
      { type: 'threads.create', params: { input: input({ quoted_text: null }) } },
      {
        type: 'threads.create',
        params: { input: input({ inference_options: { tool_choice: { id: 'search' }, model: 'gpt' } }) },
      },
      {
        type: 'threads.create',
        params: { input: input({ inference_options: { tool_choice: null, model: null } }) },
      },
      { type: 'threads.create', params: { input: input({ attachments: ['atc_1', 'atc_2'] }) } },
      { type: 'threads.create', params: { input: input({ content: [] }) } },
      { type: 'threads.add_user_message', params: { thread_id: 'thr_1', input: input() } },
      { type: 'threads.add_user_message', params: { input: input(), thread_id: 'thr_1' } },
      {
        type: 'threads.create',
        params: {
          input: input({
            content: Array.from({ length: MAX_CONTENT_PARTS }, () => ({ type: 'input_text', text: '' })),
            attachments: Array.from({ length: MAX_CONTENT_PARTS }, () => 'a'.repeat(MAX_ID_LENGTH)),
            quoted_text: 'q'.repeat(MAX_TEXT_LENGTH),
          }),
        },
      },
      {
        type: 'threads.create',
        params: { input: input({ content: [{ type: 'input_text', text: 't'.repeat(MAX_TEXT_LENGTH) }] }) },
      },
    ];
    for (const body of accepted) expect(expectAgreement(structuredClone(body))).toBe(true);
  });

  it('leaves everything else to the schema', () => {
    const declined: unknown[] = [
      null,
      [],
      'threads.create',
      { type: 'threads.create' },
      { type: 'threads.list', params: {} },
      { type: 'threads.create', params: { input: input() }, metadata: {} },
      { type: 'threads.create', params: { input: input() }, extra: 1 },
      { type: 'threads.create', params: { input: input(), extra: 1 } },
      { type: 'threads.create', params: { input: input({ extra: 1 }) } },
      { type: 'threads.create', params: { input: input({ quoted_text: undefined }) } },
      { type: 'threads.create', params: { input: input({ quoted_text: 5 }) } },
      { type: 'threads.create', params: { input: input({ quoted_text: 'q'.repeat(MAX_TEXT_LENGTH + 1) }) } },
      { type: 'threads.create', params: { input: input({ content: [{ type: 'input_text', text: 1 }] }) } },
      {
        type: 'threads.create',
        params: { input: input({ content: [{ type: 'input_text', text: 'x', more: 1 }] }) },
      },
      {
        type: 'threads.create',
        params: { input: input({ content: [{ type: 'input_tag', id: 't', text: 'x', data: {} }] }) },
      },
      {
        type: 'threads.create',
        params: {
          input: input({ content: [{ type: 'input_text', text: 't'.repeat(MAX_TEXT_LENGTH + 1) }] }),
        },
      },
      {
        type: 'threads.create',
        params: {
          input: input({
            content: Array.from({ length: MAX_CONTENT_PARTS + 1 }, () => ({ type: 'input_text', text: '' })),
          }),
        },
      },
      { type: 'threads.create', params: { input: input({ attachments: [''] }) } },
      { type: 'threads.create', params: { input: input({ attachments: ['a'.repeat(MAX_ID_LENGTH + 1)] }) } },
      { type: 'threads.create', params: { input: input({ attachments: [1] }) } },
      // eslint-disable-next-line no-sparse-arrays
      { type: 'threads.create', params: { input: input({ attachments: [, 'a'] }) } },
      { type: 'threads.create', params: { input: input({ inference_options: null }) } },
      {
        type: 'threads.create',
        params: { input: input({ inference_options: { tool_choice: { id: '' } } }) },
      },
      {
        type: 'threads.create',
        params: { input: input({ inference_options: { tool_choice: { id: 'x', y: 1 } } }) },
      },
      {
        type: 'threads.create',
        params: { input: input({ inference_options: { model: 'm'.repeat(MAX_ID_LENGTH + 1) } }) },
      },
      { type: 'threads.create', params: { input: input({ inference_options: { other: 1 } }) } },
      { type: 'threads.create', params: { input: { content: [], attachments: [] } } },
      { type: 'threads.add_user_message', params: { input: input() } },
      { type: 'threads.add_user_message', params: { thread_id: '', input: input() } },
      {
        type: 'threads.add_user_message',
        params: { thread_id: 'a'.repeat(MAX_ID_LENGTH + 1), input: input() },
      },
      JSON.parse(
        '{"type":"threads.create","params":{"input":{"content":[],"attachments":[],"inference_options":{}}},"__proto__":{}}',
      ),
      Object.assign(Object.create({ inherited: 1 }), { type: 'threads.create', params: { input: input() } }),
      { type: 'threads.create', params: { input: Object.assign(new (class Input {})(), input()) } },
    ];
    for (const body of declined)
      expect(parsePlainTurnRequest(body), JSON.stringify(body)?.slice(0, 200)).toBeUndefined();
  });

  it('agrees with zod on the seeded fuzz bodies and on random edits of plain ones', () => {
    const ids = { user: 'test_user_1', threads: ['thr_a'], items: ['msg_a'], attachments: ['atc_a'] };
    let taken = 0;
    for (let index = 0; index < 3000; index++) {
      const { body } = generateCase(20_261_202, index, ids);
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder().decode(body));
      } catch {
        continue;
      }
      if (expectAgreement(value)) taken++;
    }
    const random = createRandom(7);
    const values: unknown[] = [null, '', 'x', 0, -1, 1.5, true, [], {}, ['a'], { id: 'x' }, 'a'.repeat(257)];
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    for (let index = 0; index < 3000; index++) {
      const type = pick(['threads.create', 'threads.add_user_message']);
      const body = {
        type,
        params: {
          ...(type === 'threads.create' ? {} : { thread_id: pick(['thr_1', 'thr_2', '', 7]) }),
          input: input({
            content: [{ type: pick(['input_text', 'input_text', 'input_tag']), text: pick(['hi', '', 3]) }],
            attachments: random() < 0.5 ? [] : [pick(['atc', ''])],
            inference_options: random() < 0.5 ? {} : { [pick(['model', 'tool_choice', 'x'])]: pick(values) },
            ...(random() < 0.3 ? { quoted_text: pick(values) } : {}),
          }),
        },
      };
      const path = pick(['params', 'input', 'content', 'none', 'none', 'none']);
      if (path === 'params')
        (body.params as Record<string, unknown>)[pick(['thread_id', 'input', 'x'])] = pick(values);
      if (path === 'input')
        (body.params.input as Record<string, unknown>)[
          pick(['content', 'attachments', 'quoted_text', 'inference_options', 'x'])
        ] = pick(values);
      if (path === 'content') (body.params.input.content as unknown[])[0] = pick(values);
      if (expectAgreement(body)) taken++;
    }
    // The fast path is actually taken for a good share of them.
    expect(taken).toBeGreaterThan(100);
  });
});
