/**
 * Runtime validation (zod v4) of the sixteen ChatKit requests, at the server edge.
 *
 * Strict on `type` (an unknown request type is an error), tolerant of unknown fields (request objects drop
 * them). Each schema is tied to its TypeScript type in `types/requests.ts` at compile time (see the
 * `RequestSchemaDrift` assertion below): a field added, removed or retyped on one side only does not compile.
 *
 * Hostile input is bounded and validation is linear in the body's size with a small constant: ids ≤ 256
 * chars, texts ≤ 100k chars, lists and maps ≤ their documented sizes (checked before their members are
 * looked at, so a 500,000-element array costs one length check), free-form JSON (`metadata`, `payload`,
 * tag `data`, tool `result`) is not walked by zod at all, and nesting ≤ 64 levels is checked once, before zod
 * runs, without recursion and without building a path per node.
 *
 * Server-only: nothing in the browser bundle may import this module (it pulls in zod).
 *
 * @module
 */
import { z } from 'zod';
import type { AssertNever, Exact } from './type-equality.js';
import type { ChatKitRequest, RequestType } from './types.js';

export const MAX_ID_LENGTH = 256;
export const MAX_TEXT_LENGTH = 100_000;
export const MAX_CONTENT_PARTS = 100;
export const MAX_DEPTH = 64;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const text = z.string().max(MAX_TEXT_LENGTH);
const shortText = z.string().max(4096);
const json = z.unknown();

/** A JSON object whose members are free-form: one type check, no walk over its members. */
const jsonObject = z.custom<Record<string, any>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'expected object' },
);

/** Members of a list or map, counted with an early exit. */
function countAtMost(value: object, max: number): boolean {
  if (Array.isArray(value)) return value.length <= max;
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key) && ++count > max) return false;
  return true;
}

/**
 * A size check that runs before the members are parsed: an oversized list or map fails with one issue,
 * without zod visiting (or reporting on) each of its members.
 */
function bounded<T extends z.ZodType>(schema: T, max: number, unit: 'elements' | 'entries') {
  return z
    .any()
    .refine((value) => typeof value !== 'object' || value === null || countAtMost(value, max), {
      message: `too big (at most ${max} ${unit})`,
      abort: true,
    })
    .pipe(schema);
}
const list = <T extends z.ZodType>(element: T, max: number) =>
  bounded(z.array(element).max(max), max, 'elements');

// ───────────────────────────── Shared pieces ─────────────────────────────

const inputText = z.object({ type: z.literal('input_text'), text });
const inputTag = z.object({
  type: z.literal('input_tag'),
  id,
  text: shortText,
  data: jsonObject,
  group: shortText.nullish(),
  interactive: z.boolean().optional(),
});
export const userMessageContentSchema = z.discriminatedUnion('type', [inputText, inputTag]);

export const inferenceOptionsSchema = z.object({
  tool_choice: z.object({ id }).nullish(),
  model: z.string().max(MAX_ID_LENGTH).nullish(),
});

export const userMessageInputSchema = z.object({
  content: list(userMessageContentSchema, MAX_CONTENT_PARTS),
  attachments: list(id, MAX_CONTENT_PARTS),
  quoted_text: text.nullish(),
  inference_options: inferenceOptionsSchema,
});

const listParams = {
  limit: z.number().int().min(0).max(10_000).nullish(),
  order: z.enum(['asc', 'desc']).optional(),
  after: id.nullish(),
};

const action = z.object({ type: z.string().min(1).max(MAX_ID_LENGTH), payload: json.optional() });
const customActionParams = z.object({ thread_id: id, item_id: id.nullish(), action });

// ───────────────────────────── Requests (§2) ─────────────────────────────

const request = <T extends string, P extends z.ZodType>(type: T, params: P) =>
  z.object({ type: z.literal(type), params, metadata: jsonObject.optional() });

/** One schema per request type, keyed by type (every {@link RequestType}, nothing else). */
export const requestSchemas = {
  'threads.create': request('threads.create', z.object({ input: userMessageInputSchema })),
  'threads.add_user_message': request(
    'threads.add_user_message',
    z.object({ thread_id: id, input: userMessageInputSchema }),
  ),
  'threads.add_client_tool_output': request(
    'threads.add_client_tool_output',
    // `result` is required but may be any JSON value, null included.
    z.object({ thread_id: id, result: json }).refine((params) => 'result' in params, {
      message: 'required',
      path: ['result'],
    }),
  ),
  'threads.add_structured_input': request(
    'threads.add_structured_input',
    z.object({
      thread_id: id,
      item_id: id,
      input: z.object({
        status: z.enum(['answered', 'skipped']).optional(),
        answers: bounded(
          z.record(
            id,
            z.object({
              values: list(text, MAX_CONTENT_PARTS).optional(),
              skipped: z.boolean().optional(),
            }),
          ),
          MAX_CONTENT_PARTS,
          'entries',
        ).optional(),
      }),
    }),
  ),
  'threads.retry_after_item': request('threads.retry_after_item', z.object({ thread_id: id, item_id: id })),
  'threads.custom_action': request('threads.custom_action', customActionParams),
  'threads.sync_custom_action': request('threads.sync_custom_action', customActionParams),
  'threads.get_by_id': request('threads.get_by_id', z.object({ thread_id: id })),
  'threads.list': request('threads.list', z.object(listParams)),
  'threads.update': request('threads.update', z.object({ thread_id: id, title: z.string().max(1024) })),
  'threads.delete': request('threads.delete', z.object({ thread_id: id })),
  'items.list': request('items.list', z.object({ thread_id: id, ...listParams })),
  'items.feedback': request(
    'items.feedback',
    z.object({ thread_id: id, item_ids: list(id, 1000), kind: z.enum(['positive', 'negative']) }),
  ),
  'attachments.create': request(
    'attachments.create',
    z.object({
      name: z.string().min(1).max(1024),
      size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      mime_type: z.string().min(1).max(MAX_ID_LENGTH),
    }),
  ),
  'attachments.delete': request('attachments.delete', z.object({ attachment_id: id })),
  'input.transcribe': request(
    'input.transcribe',
    // ~37 MB of audio; the HTTP body limit is the real bound.
    z.object({ audio_base64: z.string().max(50_000_000), mime_type: z.string().min(1).max(MAX_ID_LENGTH) }),
  ),
} as const satisfies { [K in RequestType]: z.ZodType<unknown, unknown> };

/**
 * The request types whose schema and TypeScript type disagree — `never`, or this does not compile, naming
 * the drifted types. test/protocol/schema-types.test.ts shows that a drift is caught in either direction.
 */
export type RequestSchemaDrift = AssertNever<
  {
    [K in RequestType]: Exact<
      z.output<(typeof requestSchemas)[K]>,
      Extract<ChatKitRequest, { type: K }>
    > extends true
      ? never
      : K;
  }[RequestType]
>;

/** The 16 request types. */
export const REQUEST_TYPES = Object.keys(requestSchemas) as (keyof typeof requestSchemas)[];

/** Every request as one discriminated union on `type`. */
export const chatKitRequestSchema = z.discriminatedUnion(
  'type',
  Object.values(requestSchemas) as unknown as [
    (typeof requestSchemas)[keyof typeof requestSchemas],
    ...(typeof requestSchemas)[keyof typeof requestSchemas][],
  ],
);

// ───────────────────────────── Parsing ─────────────────────────────

/** The outcome of {@link parseRequest}. */
export type ParseRequestResult =
  | { ok: true; request: ChatKitRequest }
  | { ok: false; code: 'invalid_request'; message: string; path: string };

/** Above this `max`, {@link findTooDeep} skips the recursive check and walks with an explicit stack only. */
const MAX_RECURSIVE_DEPTH = 1024;

/**
 * Whether a member of `node` (itself `depth` levels below the root) nests deeper than `max` levels. One pass
 * over the containers, primitives skipped in place, nothing allocated per member (no path, no tuple, no key
 * list), so the cost is linear in the size of the value with a small constant. Recursive, but never more than
 * `max` (≤ {@link MAX_RECURSIVE_DEPTH}) calls deep, whatever the input: it stops at the limit.
 */
function tooDeep(node: object, depth: number, max: number): boolean {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const member: unknown = node[i];
      if (typeof member !== 'object' || member === null) continue;
      if (depth + 1 >= max || tooDeep(member, depth + 1, max)) return true;
    }
    return false;
  }
  for (const key in node) {
    const member: unknown = (node as Record<string, unknown>)[key];
    if (typeof member !== 'object' || member === null) continue;
    if (depth + 1 >= max || tooDeep(member, depth + 1, max)) return true;
  }
  return false;
}

/** One container on the walk that spells out a path: the node, its keys (objects) and the next member. */
interface Frame {
  node: any;
  keys: string[] | null;
  next: number;
}

const frame = (node: object): Frame => ({
  node,
  keys: Array.isArray(node) ? null : Object.keys(node),
  next: 0,
});

/**
 * The path of the first object/array nested deeper than `max` levels in `value`, or null when the value is
 * within bounds. A cheap check ({@link tooDeep}) answers the common case; only a value that is too deep is
 * walked again, depth-first with an explicit stack (no recursion), to name the offending member. Both passes
 * are linear.
 */
export function findTooDeep(value: unknown, max = MAX_DEPTH): string | null {
  if (typeof value !== 'object' || value === null) return null;
  if (max <= 0) return '(root)';
  if (max <= MAX_RECURSIVE_DEPTH && !tooDeep(value, 0, max)) return null;
  const stack: Frame[] = [frame(value)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const { node, keys } = top;
    const length = keys ? keys.length : (node as unknown[]).length;
    let descended = false;
    while (top.next < length) {
      const member = keys ? node[keys[top.next]] : node[top.next];
      top.next++;
      if (typeof member === 'object' && member !== null) {
        // The member sits `stack.length` levels below the root.
        if (stack.length >= max) return pathOf(stack);
        stack.push(frame(member));
        descended = true;
        break;
      }
    }
    if (!descended) stack.pop();
  }
  return null;
}

/** The dotted path of the member each frame is visiting (the one just taken from the top frame). */
function pathOf(stack: Frame[]): string {
  return stack.map(({ keys, next }) => (keys ? keys[next - 1] : String(next - 1))).join('.');
}

/** Throws a `RangeError` naming the path when `value` nests deeper than `max` levels (see {@link findTooDeep}). */
export function assertMaxDepth(value: unknown, max = MAX_DEPTH): void {
  const path = findTooDeep(value, max);
  if (path !== null) throw new RangeError(`${path}: nested deeper than ${max} levels`);
}

const fail = (path: string, detail: string): ParseRequestResult => ({
  ok: false,
  code: 'invalid_request',
  path,
  message: path ? `${path}: ${detail}` : detail,
});

/** The value at an issue's path in the original body (zod does not report inputs by default). */
function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let current = body;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeIssue(issue: z.core.$ZodIssue, body: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(body, issue.path) === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}`;
    case 'too_big':
      return `too big (at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' elements' : ''})`;
    case 'too_small':
      return `too small (at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''})`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed shape';
    default:
      return issue.message;
  }
}

/**
 * Validates a request body. Never throws. On failure the message names the offending field
 * (`params.thread_id: expected string`) or the unknown type (`unknown request type "x"`).
 */
export function parseRequest(body: unknown): ParseRequestResult {
  try {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return fail('', 'expected a JSON object');
    const tooDeep = findTooDeep(body, MAX_DEPTH);
    if (tooDeep !== null) return fail(tooDeep, `nested deeper than ${MAX_DEPTH} levels`);
    const type = (body as { type?: unknown }).type;
    if (typeof type !== 'string')
      return fail('type', type === undefined ? 'required (expected string)' : 'expected string');
    if (!Object.hasOwn(requestSchemas, type)) {
      return fail('type', `unknown request type ${JSON.stringify(type.slice(0, MAX_ID_LENGTH))}`);
    }
    const schema = requestSchemas[type as keyof typeof requestSchemas];
    const result = schema.safeParse(body);
    if (result.success) return { ok: true, request: result.data };
    const issue = result.error.issues[0];
    return fail(issue.path.map(String).join('.'), describeIssue(issue, body));
  } catch (error) {
    // Defensive: zod should not throw, but a getter or proxy in a hand-built body could.
    return fail('', `invalid request (${error instanceof Error ? error.message : 'unknown error'})`);
  }
}
