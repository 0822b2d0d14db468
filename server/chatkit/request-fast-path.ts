/**
 * A fast path for the requests that start nearly every streamed turn, `threads.create` and
 * `threads.add_user_message`, when their body has the plain shape the ChatKit clients send: text-only content,
 * no unknown members, no free-form metadata. Such a body is checked here member by member, against the very
 * limits of the zod schemas (src/protocol/schema.ts), and copied into the object zod would return (same
 * members, same order, same values).
 *
 * Anything else (another request type, an unknown or `undefined` member, a tag, metadata, a value at or past a
 * limit, a non-plain object) returns `undefined`, and the body goes through `parseRequest` as before: this
 * path never produces an error, so every error message and every rejected body stays exactly what the schema
 * says. test/server/chatkit/request-fast-path.test.ts compares both on generated bodies.
 *
 * @module
 */
import { MAX_CONTENT_PARTS, MAX_ID_LENGTH, MAX_TEXT_LENGTH } from '../../src/protocol/schema.js';
import type { ChatKitRequest, UserMessageInput } from '../../src/protocol/types.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/** Whether every own key of `value` is one of `allowed` and none holds `undefined`. */
function onlyKeys(value: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!allowed.includes(key) || value[key] === undefined) return false;
  }
  return true;
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= MAX_ID_LENGTH;

const REQUEST_KEYS = ['type', 'params'] as const;
const CREATE_PARAMS_KEYS = ['input'] as const;
const ADD_MESSAGE_PARAMS_KEYS = ['thread_id', 'input'] as const;
const INPUT_KEYS = ['content', 'attachments', 'quoted_text', 'inference_options'] as const;
const TEXT_PART_KEYS = ['type', 'text'] as const;
const INFERENCE_KEYS = ['tool_choice', 'model'] as const;
const TOOL_CHOICE_KEYS = ['id'] as const;

/** The user message input as zod returns it, or `undefined` when it is not in the plain shape. */
function plainInput(value: unknown): UserMessageInput | undefined {
  if (!isPlainObject(value) || !onlyKeys(value, INPUT_KEYS)) return undefined;
  const { content, attachments, quoted_text, inference_options } = value;
  if (!isPlainArray(content) || content.length > MAX_CONTENT_PARTS) return undefined;
  if (!isPlainArray(attachments) || attachments.length > MAX_CONTENT_PARTS) return undefined;
  const parts: UserMessageInput['content'] = new Array(content.length);
  for (let index = 0; index < content.length; index++) {
    if (!(index in content)) return undefined;
    const part = content[index];
    if (!isPlainObject(part) || !onlyKeys(part, TEXT_PART_KEYS) || part.type !== 'input_text')
      return undefined;
    const text = part.text;
    if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) return undefined;
    parts[index] = { type: 'input_text', text };
  }
  const ids: string[] = new Array(attachments.length);
  for (let index = 0; index < attachments.length; index++) {
    if (!(index in attachments)) return undefined;
    const attachment = attachments[index];
    if (!isId(attachment)) return undefined;
    ids[index] = attachment;
  }
  const hasQuote = Object.hasOwn(value, 'quoted_text');
  if (
    hasQuote &&
    quoted_text !== null &&
    (typeof quoted_text !== 'string' || quoted_text.length > MAX_TEXT_LENGTH)
  )
    return undefined;
  if (!isPlainObject(inference_options) || !onlyKeys(inference_options, INFERENCE_KEYS)) return undefined;
  const options: UserMessageInput['inference_options'] = {};
  if (Object.hasOwn(inference_options, 'tool_choice')) {
    const choice = inference_options.tool_choice;
    if (choice === null) options.tool_choice = null;
    else if (isPlainObject(choice) && onlyKeys(choice, TOOL_CHOICE_KEYS) && isId(choice.id))
      options.tool_choice = { id: choice.id };
    else return undefined;
  }
  if (Object.hasOwn(inference_options, 'model')) {
    const model = inference_options.model;
    if (model !== null && (typeof model !== 'string' || model.length > MAX_ID_LENGTH)) return undefined;
    options.model = model as string | null;
  }
  const input: UserMessageInput = { content: parts, attachments: ids } as UserMessageInput;
  if (hasQuote) input.quoted_text = quoted_text as string | null;
  input.inference_options = options;
  return input;
}

/**
 * The parsed request when `body` is a `threads.create` or `threads.add_user_message` in the plain shape
 * (identical to what `parseRequest` returns for it), else `undefined`: then call `parseRequest`.
 */
export function parsePlainTurnRequest(body: unknown): ChatKitRequest | undefined {
  if (!isPlainObject(body) || !onlyKeys(body, REQUEST_KEYS)) return undefined;
  const { type, params } = body;
  if (!isPlainObject(params)) return undefined;
  if (type === 'threads.create') {
    if (!onlyKeys(params, CREATE_PARAMS_KEYS)) return undefined;
    const input = plainInput(params.input);
    return input && { type, params: { input } };
  }
  if (type === 'threads.add_user_message') {
    if (!onlyKeys(params, ADD_MESSAGE_PARAMS_KEYS) || !isId(params.thread_id)) return undefined;
    const input = plainInput(params.input);
    return input && { type, params: { thread_id: params.thread_id, input } };
  }
  return undefined;
}
