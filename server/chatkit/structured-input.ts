/**
 * The answer computation of `threads.add_structured_input` (PROTOCOL.md §8.6).
 *
 * @module
 */
import type {
  StructuredInput,
  StructuredInputItem,
  StructuredInputSubmission,
} from '../../src/protocol/types.js';

/**
 * Returns the answered (or skipped) copy of a pending structured-input item:
 *
 * - a question is skipped when the whole submission is skipped, when it has no entry, when the entry says
 *   `skipped: true`, or when its `values` are empty;
 * - otherwise its answer holds the values; a single-choice `multiple_choice` keeps only the first value.
 *   Values are not checked against `options` (custom answers are allowed);
 * - the item's `status` becomes the submission's status (default `answered`).
 *
 * Answers for unknown question ids are reported through `onUnknownAnswer` and otherwise ignored.
 */
export function answerStructuredInput(
  item: StructuredInputItem,
  submission: StructuredInputSubmission,
  onUnknownAnswer?: (questionId: string) => void,
): StructuredInputItem {
  const status = submission.status ?? 'answered';
  const answers = submission.answers ?? {};
  const known = new Set(item.inputs.map((input) => input.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) onUnknownAnswer?.(id);
  const inputs = item.inputs.map((input): StructuredInput => {
    const entry = Object.hasOwn(answers, input.id) ? answers[input.id] : undefined;
    const values = entry?.values ?? [];
    if (status === 'skipped' || !entry || entry.skipped === true || values.length === 0) {
      return { ...input, answer: { values: [], skipped: true } };
    }
    const kept = input.type === 'multiple_choice' && !input.multiple ? values.slice(0, 1) : [...values];
    return { ...input, answer: { values: kept, skipped: false } };
  });
  return { ...item, status, inputs };
}
