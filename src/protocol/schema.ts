/**
 * Runtime schemas (zod v4) of the ChatKit wire protocol, for the server edge and for tests.
 *
 * Strict on `type` (an unknown request type is an error), tolerant of unknown fields everywhere: request
 * objects drop them, while items, events, updates and widgets keep them (`z.looseObject`) because those
 * values are forwarded. Hostile input is bounded: ids ≤ 256 chars, texts ≤ 100k chars, content ≤ 100
 * parts, and nesting ≤ 64 levels (checked before zod runs, without recursion).
 *
 * Server-only: nothing in the browser bundle may import this module (it pulls in zod).
 *
 * @module
 */
import { z } from 'zod';
import type { ChatKitRequest } from './types.js';

export const MAX_ID_LENGTH = 256;
export const MAX_TEXT_LENGTH = 100_000;
export const MAX_CONTENT_PARTS = 100;
export const MAX_DEPTH = 64;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const text = z.string().max(MAX_TEXT_LENGTH);
const shortText = z.string().max(4096);
const json = z.unknown();
const jsonObject = z.record(z.string(), json);
const timestamp = z.string().max(64);

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
  content: z.array(userMessageContentSchema).max(MAX_CONTENT_PARTS),
  attachments: z.array(id).max(MAX_CONTENT_PARTS),
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

/** One schema per request type, keyed by type. */
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
        answers: z
          .record(
            id,
            z.object({
              values: z.array(text).max(MAX_CONTENT_PARTS).optional(),
              skipped: z.boolean().optional(),
            }),
          )
          .optional(),
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
    z.object({ thread_id: id, item_ids: z.array(id).max(1000), kind: z.enum(['positive', 'negative']) }),
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
} as const;

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

// ───────────────────────────── Items (§6) ─────────────────────────────

const urlSource = z.looseObject({ type: z.literal('url'), title: z.string(), url: z.string() });
const fileSource = z.looseObject({ type: z.literal('file'), title: z.string(), filename: z.string() });
const entitySource = z.looseObject({ type: z.literal('entity'), title: z.string(), id: z.string() });
export const sourceSchema = z.discriminatedUnion('type', [urlSource, fileSource, entitySource]);
export const annotationSchema = z.looseObject({
  type: z.literal('annotation'),
  source: sourceSchema,
  index: z.number().int().nullish(),
});
export const assistantContentSchema = z.looseObject({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(annotationSchema),
});
export const taskSchema = z.looseObject({
  type: z.enum(['custom', 'web_search', 'thought', 'file', 'image']),
  status_indicator: z.enum(['none', 'loading', 'complete']).optional(),
});
export const widgetSchema = z.looseObject({ type: z.string() });
const attachment = z.looseObject({
  type: z.enum(['file', 'image']),
  id: z.string(),
  name: z.string(),
  mime_type: z.string(),
});

const base = { id: z.string(), thread_id: z.string(), created_at: timestamp };
const item = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.looseObject({ ...base, type: z.literal(type), ...shape });

/** The 11 thread item types. */
export const threadItemSchema = z.discriminatedUnion('type', [
  item('user_message', {
    content: z.array(z.looseObject({ type: z.enum(['input_text', 'input_tag']) })),
    attachments: z.array(attachment),
    inference_options: z.looseObject({}),
  }),
  item('assistant_message', { content: z.array(assistantContentSchema) }),
  item('client_tool_call', {
    status: z.enum(['pending', 'completed']),
    call_id: z.string(),
    name: z.string(),
    arguments: jsonObject,
  }),
  item('widget', { widget: widgetSchema }),
  item('generated_image', { image: z.looseObject({ id: z.string(), url: z.string() }).nullish() }),
  item('structured_input', {
    status: z.enum(['pending', 'answered', 'skipped']),
    inputs: z.array(
      z.looseObject({ type: z.enum(['multiple_choice', 'freeform']), id: z.string(), question: z.string() }),
    ),
  }),
  item('workflow', {
    workflow: z.looseObject({ type: z.enum(['custom', 'reasoning']), tasks: z.array(taskSchema) }),
  }),
  item('task', { task: taskSchema }),
  item('end_of_turn', {}),
  item('hidden_context_item', { content: json }),
  item('sdk_hidden_context', { content: z.string() }),
]);

// ───────────────────────────── Updates (§5) ─────────────────────────────

const update = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.looseObject({ type: z.literal(type), ...shape });
const index = z.number().int().nonnegative();

/** The 10 item update types. */
export const threadItemUpdateSchema = z.discriminatedUnion('type', [
  update('assistant_message.content_part.added', { content_index: index, content: assistantContentSchema }),
  update('assistant_message.content_part.text_delta', { content_index: index, delta: z.string() }),
  update('assistant_message.content_part.annotation_added', {
    content_index: index,
    annotation_index: index,
    annotation: annotationSchema,
  }),
  update('assistant_message.content_part.done', { content_index: index, content: assistantContentSchema }),
  update('widget.streaming_text.value_delta', {
    component_id: z.string(),
    delta: z.string(),
    done: z.boolean(),
  }),
  update('widget.root.updated', { widget: widgetSchema }),
  update('widget.component.updated', { component_id: z.string(), component: widgetSchema }),
  update('workflow.task.added', { task_index: index, task: taskSchema }),
  update('workflow.task.updated', { task_index: index, task: taskSchema }),
  update('generated_image.updated', {
    image: z.looseObject({ id: z.string(), url: z.string() }),
    progress: z.number().nullish(),
  }),
]);

// ───────────────────────────── Events (§4) ─────────────────────────────

export const threadSchema = z.looseObject({
  id: z.string(),
  created_at: timestamp,
  status: z.looseObject({ type: z.enum(['active', 'locked', 'closed']) }),
  metadata: jsonObject,
  items: z.looseObject({ data: z.array(threadItemSchema), has_more: z.boolean() }),
});

const event = update;

/** The 12 stream event types. */
export const threadStreamEventSchema = z.discriminatedUnion('type', [
  event('thread.created', { thread: threadSchema }),
  event('thread.updated', { thread: threadSchema }),
  event('thread.item.added', { item: threadItemSchema }),
  event('thread.item.updated', { item_id: z.string(), update: threadItemUpdateSchema }),
  event('thread.item.done', { item: threadItemSchema }),
  event('thread.item.removed', { item_id: z.string() }),
  event('thread.item.replaced', { item: threadItemSchema }),
  event('stream_options', { stream_options: z.looseObject({ allow_cancel: z.boolean() }) }),
  event('progress_update', { text: z.string() }),
  event('client_effect', { name: z.string(), data: jsonObject }),
  event('error', { code: z.string(), allow_retry: z.boolean() }),
  event('notice', { level: z.enum(['info', 'warning', 'danger']), message: z.string() }),
]);

// ───────────────────────────── Parsing ─────────────────────────────

/** The outcome of {@link parseRequest}. */
export type ParseRequestResult =
  | { ok: true; request: ChatKitRequest }
  | { ok: false; code: 'invalid_request'; message: string; path: string };

/**
 * The path of the first object/array nested deeper than `max` levels in `value`, or null when the value is
 * within bounds. Iterative, so hostile input cannot overflow the stack.
 */
export function findTooDeep(value: unknown, max = MAX_DEPTH): string | null {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length > 0) {
    const [current, depth, path] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return path || '(root)';
    for (const [key, member] of Object.entries(current)) {
      stack.push([member, depth + 1, path ? `${path}.${key}` : key]);
    }
  }
  return null;
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
    if (result.success) return { ok: true, request: result.data as ChatKitRequest };
    const issue = result.error.issues[0];
    return fail(issue.path.map(String).join('.'), describeIssue(issue, body));
  } catch (error) {
    // Defensive: zod should not throw, but a getter or proxy in a hand-built body could.
    return fail('', `invalid request (${error instanceof Error ? error.message : 'unknown error'})`);
  }
}
