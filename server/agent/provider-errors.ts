/**
 * Turns failures of an OpenAI-compatible provider into the stream errors the client shows (§8.9): a
 * `custom` error with a clear message and `allow_retry` set when retrying can help (rate limits, server
 * errors, timeouts, broken streams), unset when it cannot (bad key, unknown model, invalid request).
 *
 * @module
 */
import { CustomStreamError } from '../chatkit/errors.js';
import { loadedOpenAI } from './openai-sdk.js';

/** Whether an error is the caller's own cancellation (never shown as an error event). */
export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const sdk = loadedOpenAI();
  if (sdk && error instanceof sdk.APIUserAbortError) return true;
  return error instanceof Error && error.name === 'AbortError';
}

/** Maps any error thrown while calling or streaming from the provider to a {@link CustomStreamError}. */
export function toProviderStreamError(error: unknown): CustomStreamError {
  if (error instanceof CustomStreamError) return error;
  // The SDK's error classes exist only once it was loaded; before that no error can be one of them.
  const { APIConnectionError, APIConnectionTimeoutError, APIError } = loadedOpenAI() ?? {};
  if (APIConnectionTimeoutError && error instanceof APIConnectionTimeoutError) {
    return new CustomStreamError('The model provider did not answer in time. Please try again.', true);
  }
  if (APIConnectionError && error instanceof APIConnectionError) {
    return new CustomStreamError('Could not reach the model provider. Please try again.', true);
  }
  if (APIError && error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) {
      return new CustomStreamError(
        'The model provider is rate limiting requests (HTTP 429). Please try again.',
        true,
      );
    }
    if (status >= 500) {
      return new CustomStreamError(`The model provider failed (HTTP ${status}). Please try again.`, true);
    }
    if (status === 401 || status === 403) {
      return new CustomStreamError(`The model provider rejected the API key (HTTP ${status}).`, false);
    }
    if (status === 408 || status === 409) {
      return new CustomStreamError(
        `The model provider could not complete the request (HTTP ${status}).`,
        true,
      );
    }
    return new CustomStreamError(`The model provider rejected the request (HTTP ${status}).`, false);
  }
  if (error instanceof SyntaxError) {
    return new CustomStreamError('The model provider sent a malformed response. Please try again.', true);
  }
  // Dropped connections surface as undici "terminated" TypeErrors or generic stream errors.
  return new CustomStreamError(
    'The response from the model provider was interrupted. Please try again.',
    true,
  );
}
