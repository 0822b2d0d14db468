/**
 * The controller intents a first answer never uses: attachment uploads and dictation.
 * `chat-controller.ts` loads this module with the first of them, so the drop-in file does not carry them.
 *
 * @internal
 * @module
 */
import { emit } from '../../events.js';
import type { ChatSession } from '../../protocol/session-types.js';
import type { Attachment } from '../../protocol/types.js';
import type { ControllerRoot } from './chat-controller.js';
import { uploadAttachment } from './upload.js';

/** Base64 of a recording (chunked: `String.fromCharCode(...bytes)` overflows the stack on long audio). */
async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Error codes and statuses that mean "this server does not transcribe" (ours, ChatKit's, plain HTTP). */
const NO_DICTATION_CODES = new Set(['feature_unavailable', 'not_implemented']);
const NO_DICTATION_STATUSES = new Set([404, 405, 501]);

/** The dictation probe's answer per session (one request per endpoint and identity). */
const dictationProbes = new WeakMap<ChatSession, Promise<boolean>>();

export function probeDictation(session: ChatSession): Promise<boolean> {
  let probe = dictationProbes.get(session);
  if (!probe) {
    // Straight to the transport: a "no" here is an answer, not an error to report as `chatkit.error`.
    probe = session.transport
      .request({ type: 'input.transcribe', params: { audio_base64: '', mime_type: 'audio/webm' } })
      .then(
        () => true,
        (error: unknown) => {
          const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
          return !(
            (typeof code === 'string' && NO_DICTATION_CODES.has(code)) ||
            (typeof status === 'number' && NO_DICTATION_STATUSES.has(status))
          );
        },
      );
    dictationProbes.set(session, probe);
  }
  return probe;
}

/** Uploads one file as `api.uploadStrategy` says: straight to `uploadUrl`, or the two-phase upload (§6.6). */
export async function uploadFile(root: ControllerRoot, file: File): Promise<Attachment> {
  const current = root.sessions.session;
  if (!current) throw new Error('No ChatKit endpoint configured');
  const strategy = root.options().api?.uploadStrategy;
  if (strategy?.type === 'direct') {
    if (typeof strategy.uploadUrl !== 'string' || !strategy.uploadUrl) {
      emit(root.element, 'chatkit.log', {
        name: 'options.invalid',
        data: { option: 'api.uploadStrategy.uploadUrl', problem: 'type', expected: 'string' },
      });
      throw new Error('api.uploadStrategy.uploadUrl is required for direct uploads');
    }
    return current.uploadAttachment(file, new URL(strategy.uploadUrl, document.baseURI).href);
  }
  return uploadAttachment(current, file, root.options().api?.fetch ?? fetch.bind(window));
}

/** Transcribes a recording through the session (`input.transcribe`). */
export async function transcribe(root: ControllerRoot, audio: Blob): Promise<string> {
  const current = root.sessions.session;
  if (!current) throw new Error('No ChatKit endpoint configured');
  const mimeType = audio.type || 'audio/webm';
  const { text } = await current.transcribe(await toBase64(audio), mimeType);
  return typeof text === 'string' ? text : '';
}
