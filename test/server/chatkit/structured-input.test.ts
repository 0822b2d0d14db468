import { describe, expect, it } from 'vitest';
import { answerStructuredInput } from '../../../server/chatkit/structured-input.js';
import type { StructuredInputItem } from '../../../src/protocol/types.js';

const item: StructuredInputItem = {
  id: 'msg_q',
  thread_id: 'thr_1',
  created_at: '2026-05-19T14:00:00Z',
  type: 'structured_input',
  status: 'pending',
  inputs: [
    {
      type: 'multiple_choice',
      id: 'one',
      question: 'Pick one',
      options: [{ value: 'a' }, { value: 'b' }],
      multiple: false,
    },
    { type: 'multiple_choice', id: 'many', question: 'Pick many', options: [{ value: 'a' }], multiple: true },
    { type: 'freeform', id: 'free', question: 'Say something' },
  ],
};

const answers = (result: StructuredInputItem) =>
  Object.fromEntries(result.inputs.map((input) => [input.id, input.answer]));

describe('answerStructuredInput (§8.6)', () => {
  it('keeps only the first value of a single choice, all values otherwise, custom values allowed', () => {
    const result = answerStructuredInput(item, {
      answers: {
        one: { values: ['b', 'a'] },
        many: { values: ['a', 'custom'] },
        free: { values: ['x', 'y'] },
      },
    });
    expect(result.status).toBe('answered');
    expect(answers(result)).toEqual({
      one: { values: ['b'], skipped: false },
      many: { values: ['a', 'custom'], skipped: false },
      free: { values: ['x', 'y'], skipped: false },
    });
    expect(item.status).toBe('pending'); // the input item is not mutated
  });

  it('skips questions without an entry, with skipped: true, or with no values', () => {
    const result = answerStructuredInput(item, {
      status: 'answered',
      answers: { one: { values: ['a'], skipped: true }, many: { values: [] } },
    });
    const skipped = { values: [], skipped: true };
    expect(answers(result)).toEqual({ one: skipped, many: skipped, free: skipped });
  });

  it('a skipped submission skips every question and sets the status', () => {
    const result = answerStructuredInput(item, { status: 'skipped', answers: { one: { values: ['a'] } } });
    expect(result.status).toBe('skipped');
    expect(result.inputs.every((input) => input.answer?.skipped)).toBe(true);
  });

  it('reports and ignores answers to unknown questions', () => {
    const unknown: string[] = [];
    const result = answerStructuredInput(
      item,
      { answers: { ghost: { values: ['x'] }, one: { values: ['a'] } } },
      (id) => unknown.push(id),
    );
    expect(unknown).toEqual(['ghost']);
    expect(result.inputs.map((input) => input.id)).toEqual(['one', 'many', 'free']);
  });
});
