/**
 * The session's JSON-only intents (PROTOCOL.md §1.2 non-streaming types): sync widget actions, feedback,
 * the thread history operations and attachments. They may run while a stream is in flight (§9.2), resolve
 * with the server's answer, and reject with a {@link ChatKitClientError} after reporting it through
 * `onError` (an abort rejects with the abort reason and reports nothing).
 *
 * Internal to `session.ts`, which loads this module on the first such intent (a first answer needs none of
 * them), so it ships as a chunk of its own.
 *
 * @module
 */

import {
  anySignal,
  ChatKitClientError,
  CLIENT_ERROR_CODES,
  isAbortError,
  toClientError,
} from './client-errors.js';
import type { ChatSession } from './session-types.js';
import { indexOfItem, type ThreadState } from './thread-state.js';
import type { Transport } from './transport.js';
import type { Attachment, ChatKitRequest, Page, Thread, ThreadItem } from './types.js';
import { wireAction } from './user-message.js';

/** The session internals the JSON intents use. */
export interface RequestIntentDeps {
  transport: Transport;
  pageSize: number;
  getThread(): ThreadState;
  update(change: (state: ThreadState) => ThreadState): void;
  /** The current thread id, or `null` after surfacing a `no_thread` error. */
  requireThreadId(): string | null;
  reportError(error: ChatKitClientError): void;
  /** Aborted when the current thread is left. */
  epochSignal(): AbortSignal;
  newThread(): void;
}

/** The JSON intents of {@link ChatSession}. */
export type RequestIntents = Pick<
  ChatSession,
  | 'syncCustomAction'
  | 'feedback'
  | 'listThreads'
  | 'renameThread'
  | 'deleteThread'
  | 'createAttachment'
  | 'uploadAttachment'
  | 'deleteAttachment'
  | 'transcribe'
>;

/** Creates the JSON intents. */
export function createRequestIntents(deps: RequestIntentDeps): RequestIntents {
  const { transport, pageSize } = deps;

  async function json<T>(body: ChatKitRequest, signal?: AbortSignal): Promise<T> {
    try {
      return await transport.request<T>(body, signal);
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw error;
      const clientError = toClientError(error);
      deps.reportError(clientError);
      throw clientError;
    }
  }

  return {
    async syncCustomAction(action, itemId, signal) {
      const threadId = deps.requireThreadId();
      if (!threadId) return undefined;
      const params = {
        thread_id: threadId,
        ...(itemId ? { item_id: itemId } : {}),
        action: wireAction(action),
      };
      const response = await json<{ updated_item?: ThreadItem | null }>(
        { type: 'threads.sync_custom_action', params },
        anySignal(deps.epochSignal(), signal),
      );
      const item = response?.updated_item ?? undefined;
      // The reference server does not persist `updated_item` (§8.4); the local copy is all there is.
      if (item && deps.getThread().thread?.id === threadId) {
        deps.update((state) => {
          const index = indexOfItem(state, item.id);
          if (index === -1) return state;
          const items = state.items.slice();
          items[index] = item;
          return { ...state, items };
        });
      }
      return item;
    },

    async feedback(itemIds, kind, signal) {
      const threadId = deps.requireThreadId();
      if (!threadId) return;
      await json(
        { type: 'items.feedback', params: { thread_id: threadId, item_ids: itemIds, kind } },
        signal,
      );
    },

    listThreads(params = {}, signal) {
      return json<Page<Thread>>(
        {
          type: 'threads.list',
          params: {
            limit: params.limit ?? pageSize,
            order: params.order ?? 'desc',
            after: params.after ?? null,
          },
        },
        signal,
      );
    },

    async renameThread(threadId, title, signal) {
      const renamed = await json<Thread>(
        { type: 'threads.update', params: { thread_id: threadId, title } },
        signal,
      );
      if (deps.getThread().thread?.id === threadId) {
        deps.update((state) =>
          state.thread ? { ...state, thread: { ...state.thread, title: renamed.title } } : state,
        );
      }
      return renamed;
    },

    async deleteThread(threadId, signal) {
      await json({ type: 'threads.delete', params: { thread_id: threadId } }, signal);
      if (deps.getThread().thread?.id === threadId) deps.newThread();
    },

    createAttachment(file, signal) {
      return json<Attachment>({ type: 'attachments.create', params: file }, signal);
    },

    async uploadAttachment(file, uploadUrl, signal) {
      try {
        if (!transport.postForm) throw new Error('This transport cannot upload files directly.');
        const form = new FormData();
        form.append('file', file, file.name);
        const answer = await transport.postForm<Attachment>(uploadUrl, form, signal);
        if (
          !answer ||
          typeof answer !== 'object' ||
          typeof answer.id !== 'string' ||
          typeof answer.type !== 'string'
        ) {
          throw new ChatKitClientError(
            CLIENT_ERROR_CODES.invalidJson,
            'The upload response is not an attachment.',
          );
        }
        return answer;
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw error;
        const clientError = toClientError(error);
        deps.reportError(clientError);
        throw clientError;
      }
    },

    async deleteAttachment(attachmentId, signal) {
      await json({ type: 'attachments.delete', params: { attachment_id: attachmentId } }, signal);
    },

    transcribe(audioBase64, mimeType, signal) {
      return json(
        { type: 'input.transcribe', params: { audio_base64: audioBase64, mime_type: mimeType } },
        signal,
      );
    },
  };
}
