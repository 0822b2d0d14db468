/**
 * Turns what the composer sends ({@link SendUserMessageInput}) into the two things a send needs: the wire
 * request (§2.1/§2.2: `attachments` as ids and `inference_options` always present) and the optimistic
 * bubble shown until the server's own `user_message` replaces it (§9). Pure.
 *
 * @module
 */

import type { SendUserMessageInput } from './session-types.js';
import type {
  Action,
  ActionConfig,
  Attachment,
  ThreadsAddUserMessageRequest,
  ThreadsCreateRequest,
  UserMessageInput,
  UserMessageItem,
} from './types.js';

/** The request and the optimistic bubble of one send. */
export interface UserMessageSend {
  request: ThreadsCreateRequest | ThreadsAddUserMessageRequest;
  bubble: UserMessageItem;
}

/**
 * Builds a send. Without `threadId` the request is `threads.create`, otherwise `threads.add_user_message`.
 *
 * @param input - What the user sends (`content` wins over `text`).
 * @param threadId - The current thread, if any.
 * @param now - The bubble's timestamp (epoch ms); injectable for tests.
 */
export function buildUserMessage(
  input: SendUserMessageInput,
  threadId: string | null | undefined,
  now: number = Date.now(),
): UserMessageSend {
  const content = input.content ?? [{ type: 'input_text' as const, text: input.text ?? '' }];
  const attachments = input.attachments ?? [];
  const quoted = input.quotedText ? { quoted_text: input.quotedText } : {};
  const wireInput: UserMessageInput = {
    content,
    attachments: attachments.map((a) => (typeof a === 'string' ? a : a.id)),
    ...quoted,
    inference_options: input.inferenceOptions ?? {},
  };
  const bubble: UserMessageItem = {
    // Local ids never collide with server ids (`msg_…`), and the server's copy replaces the bubble anyway.
    id: `local_${Math.random().toString(16).slice(2, 10)}`,
    thread_id: threadId ?? '',
    created_at: new Date(now).toISOString(),
    type: 'user_message',
    content,
    // Only full objects can show previews; bare ids are left to the server's echo.
    attachments: attachments.filter((a): a is Attachment => typeof a !== 'string'),
    ...quoted,
    inference_options: input.inferenceOptions ?? {},
  };
  const request: UserMessageSend['request'] = threadId
    ? { type: 'threads.add_user_message', params: { thread_id: threadId, input: wireInput } }
    : { type: 'threads.create', params: { input: wireInput } };
  return { request, bubble };
}

/** Only `type` and `payload` travel (§2.6); `handler`, `loadingBehavior`, `streaming` are client hints. */
export function wireAction(action: Action | ActionConfig): Action {
  return action.payload === undefined
    ? { type: action.type }
    : { type: action.type, payload: action.payload };
}
