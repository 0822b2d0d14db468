/**
 * The sixteen requests (§2) and the non-streaming response shapes (§3).
 *
 * @module
 */
import type { JsonObject } from './common.js';
import type { ThreadItem, UserMessageInput } from './items.js';
import type { Action } from './widgets.js';

// ───────────────────────────── Requests (§2) ─────────────────────────────

export interface ThreadsCreateRequest {
  type: 'threads.create';
  params: { input: UserMessageInput };
  metadata?: JsonObject;
}

export interface ThreadsAddUserMessageRequest {
  type: 'threads.add_user_message';
  params: { thread_id: string; input: UserMessageInput };
  metadata?: JsonObject;
}

export interface ThreadsAddClientToolOutputRequest {
  type: 'threads.add_client_tool_output';
  params: { thread_id: string; result: any };
  metadata?: JsonObject;
}

export interface StructuredInputSubmission {
  status?: 'answered' | 'skipped';
  answers?: Record<string, { values?: string[]; skipped?: boolean }>;
}

export interface ThreadsAddStructuredInputRequest {
  type: 'threads.add_structured_input';
  params: { thread_id: string; item_id: string; input: StructuredInputSubmission };
  metadata?: JsonObject;
}

export interface ThreadsRetryAfterItemRequest {
  type: 'threads.retry_after_item';
  params: { thread_id: string; item_id: string };
  metadata?: JsonObject;
}

export interface CustomActionParams {
  thread_id: string;
  item_id?: string | null;
  action: Action;
}

export interface ThreadsCustomActionRequest {
  type: 'threads.custom_action';
  params: CustomActionParams;
  metadata?: JsonObject;
}

export interface ThreadsSyncCustomActionRequest {
  type: 'threads.sync_custom_action';
  params: CustomActionParams;
  metadata?: JsonObject;
}

export interface ThreadsGetByIdRequest {
  type: 'threads.get_by_id';
  params: { thread_id: string };
  metadata?: JsonObject;
}

export interface ListParams {
  limit?: number | null;
  order?: 'asc' | 'desc';
  after?: string | null;
}

export interface ThreadsListRequest {
  type: 'threads.list';
  params: ListParams;
  metadata?: JsonObject;
}

export interface ThreadsUpdateRequest {
  type: 'threads.update';
  params: { thread_id: string; title: string };
  metadata?: JsonObject;
}

export interface ThreadsDeleteRequest {
  type: 'threads.delete';
  params: { thread_id: string };
  metadata?: JsonObject;
}

export interface ItemsListRequest {
  type: 'items.list';
  params: ListParams & { thread_id: string };
  metadata?: JsonObject;
}

export interface ItemsFeedbackRequest {
  type: 'items.feedback';
  params: { thread_id: string; item_ids: string[]; kind: 'positive' | 'negative' };
  metadata?: JsonObject;
}

export interface AttachmentsCreateRequest {
  type: 'attachments.create';
  params: { name: string; size: number; mime_type: string };
  metadata?: JsonObject;
}

export interface AttachmentsDeleteRequest {
  type: 'attachments.delete';
  params: { attachment_id: string };
  metadata?: JsonObject;
}

export interface InputTranscribeRequest {
  type: 'input.transcribe';
  params: { audio_base64: string; mime_type: string };
  metadata?: JsonObject;
}

export type StreamingRequest =
  | ThreadsCreateRequest
  | ThreadsAddUserMessageRequest
  | ThreadsAddClientToolOutputRequest
  | ThreadsAddStructuredInputRequest
  | ThreadsRetryAfterItemRequest
  | ThreadsCustomActionRequest;

export type NonStreamingRequest =
  | ThreadsSyncCustomActionRequest
  | ThreadsGetByIdRequest
  | ThreadsListRequest
  | ThreadsUpdateRequest
  | ThreadsDeleteRequest
  | ItemsListRequest
  | ItemsFeedbackRequest
  | AttachmentsCreateRequest
  | AttachmentsDeleteRequest
  | InputTranscribeRequest;

export type ChatKitRequest = StreamingRequest | NonStreamingRequest;

export type RequestType = ChatKitRequest['type'];

/** The six request types whose success body is an SSE stream. */
export const STREAMING_REQUEST_TYPES = [
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
] as const satisfies readonly StreamingRequest['type'][];

/**
 * The exhaustiveness guard of a `switch` over a union: the `default` branch calls it with the narrowed value,
 * which is `never` when every member has a case — so a new member without a case does not compile. At run
 * time (a value the types did not foresee) it throws.
 */
export function assertNever(value: never, what = 'value'): never {
  const type = (value as { type?: unknown } | null)?.type;
  throw new Error(`unexpected ${what}: ${JSON.stringify(type ?? value)}`);
}

/** Whether a request type answers with an SSE stream. */
export function isStreamingRequestType(type: string): type is StreamingRequest['type'] {
  return (STREAMING_REQUEST_TYPES as readonly string[]).includes(type);
}

// ───────────────────────────── Responses (§3) ─────────────────────────────

export interface SyncCustomActionResponse {
  updated_item?: ThreadItem | null;
}

export interface TranscribeResponse {
  text: string;
}
