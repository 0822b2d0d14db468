/**
 * Dictation for the reference agent: an `input.transcribe` hook (PROTOCOL.md §2.16) on the OpenAI audio
 * API (`POST /v1/audio/transcriptions`, multipart) through the official `openai` SDK. The model defaults to
 * `gpt-4o-mini-transcribe` (`CHATKIT_TRANSCRIBE_MODEL`).
 *
 * Empty audio is answered `{ text: "" }` without calling the provider: `<chatkit-chat>` sends it once to ask
 * whether the server transcribes at all (a server without a transcriber answers `feature_unavailable`), so
 * the microphone button shows only where it works.
 *
 * @module
 */
import type OpenAI from 'openai';
import type { APIConnectionError, APIError } from 'openai';
import { HttpError } from '../chatkit/errors.js';
import type { TranscribeHook } from '../chatkit/types.js';
import type { RequestContext } from '../stores/store.js';
import { loadOpenAI } from './openai-sdk.js';

/** The transcription model used when none is configured. */
export const DEFAULT_TRANSCRIBE_MODEL = 'gpt-4o-mini-transcribe';

/** Options of {@link createOpenAITranscriber}. */
export interface OpenAITranscriberOptions {
  apiKey: string | null;
  /** Base URL of the provider (`…/v1`); null means OpenAI's. */
  baseURL: string | null;
  /** Default {@link DEFAULT_TRANSCRIBE_MODEL}. */
  model?: string;
  /** Request timeout in ms (default 60 s). */
  timeoutMs?: number;
  /** SDK retries (default 2; tests use 0). */
  maxRetries?: number;
}

/** File extensions the audio API recognises, by media type (it looks at the file name). */
const EXTENSIONS: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'mp4',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/flac': 'flac',
  'video/webm': 'webm',
};

/** The media type of a raw `mime_type` (the part before `;`, §2.16), lower case. */
export function mediaType(mimeType: string): string {
  return mimeType.split(';')[0]!.trim().toLowerCase();
}

/** Maps a provider failure to the HTTP error the client sees (never the provider's own message or key). */
function toTranscribeError(
  error: unknown,
  sdk: { APIConnectionError: typeof APIConnectionError; APIError: typeof APIError },
): HttpError {
  if (error instanceof sdk.APIConnectionError) {
    return new HttpError(502, 'transcription_failed', 'Could not reach the transcription provider', {
      cause: error,
    });
  }
  if (error instanceof sdk.APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) {
      return new HttpError(
        503,
        'transcription_busy',
        'The transcription provider is rate limiting requests',
        {
          cause: error,
        },
      );
    }
    if (status === 400 || status === 413 || status === 415) {
      return new HttpError(422, 'transcription_rejected', 'The recording could not be transcribed', {
        cause: error,
      });
    }
    return new HttpError(502, 'transcription_failed', `The transcription provider failed (HTTP ${status})`, {
      cause: error,
    });
  }
  return new HttpError(502, 'transcription_failed', 'Transcription failed', { cause: error });
}

/** Creates the `transcribe` hook of a `ChatKitServer`. */
export function createOpenAITranscriber<C extends RequestContext = RequestContext>(
  options: OpenAITranscriberOptions,
): TranscribeHook<C> {
  // The SDK (≈ 10 MB of RSS) is imported on the first recording, not when the server starts.
  let client: OpenAI | undefined;
  const model = options.model || DEFAULT_TRANSCRIBE_MODEL;
  return async (audio, mimeType) => {
    if (audio.byteLength === 0) return { text: '' };
    const type = mediaType(mimeType);
    if (!type.startsWith('audio/') && type !== 'video/webm') {
      throw new HttpError(415, 'unsupported_media_type', `params.mime_type: ${type} is not audio`);
    }
    const sdk = await loadOpenAI();
    client ??= new sdk.default({
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL ?? undefined,
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
    });
    const file = await sdk.toFile(audio, `dictation.${EXTENSIONS[type] ?? 'webm'}`, { type });
    try {
      const result = await client.audio.transcriptions.create({ file, model, response_format: 'json' });
      return { text: typeof result.text === 'string' ? result.text.trim() : '' };
    } catch (error) {
      throw toTranscribeError(error, sdk);
    }
  };
}
