/**
 * The HTTP side of the client: one `POST` endpoint (PROTOCOL.md §1), JSON for non-streaming requests and
 * SSE for streaming ones. Knows nothing about thread state.
 *
 * The host can replace `fetch` (ChatKit's `api.fetch`) to add auth headers or credentials; every call
 * takes an `AbortSignal`, and every failure becomes a {@link ChatKitClientError} with a stable code.
 *
 * @module
 */

import { ChatKitClientError, CLIENT_ERROR_CODES, isAbortError } from './client-errors.js';
import { decodeSSEStream, type DecodedEvent } from './sse.js';
import type { ChatKitRequest, NonStreamingRequest, StreamingRequest } from './types.js';

/** A `fetch`-compatible function (the global one, or the host's wrapper). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** A value or a function that produces it, possibly asynchronously. */
export type Lazy<T> = T | (() => T | Promise<T>);

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** The ChatKit endpoint, e.g. `https://example.com/chatkit`. */
  url: string;
  /** Replaces the global `fetch` (auth headers, credentials, proxies). */
  fetch?: FetchLike;
  /** Extra headers for every request (evaluated per request, so tokens can rotate). */
  headers?: Lazy<Record<string, string>>;
  /** Sent as `Accept-Language` (one locale, like ChatKit.js). */
  locale?: Lazy<string | undefined>;
  /** An anonymous per-browser id, sent as `x-chatkit-user` so the server can scope threads. */
  userId?: Lazy<string | undefined>;
  /** The SSE decoder's buffer limit (characters per message). */
  maxBufferSize?: number;
}

/** What the session needs from HTTP. */
export interface Transport {
  /** Sends a non-streaming request and resolves with its parsed JSON body. */
  request<T = unknown>(body: NonStreamingRequest | ChatKitRequest, signal?: AbortSignal): Promise<T>;
  /**
   * Sends a streaming request and yields its decoded events in order. HTTP errors, a non-SSE response and
   * a dropped connection are thrown as {@link ChatKitClientError}s from the iteration; an abort throws the
   * abort reason.
   */
  stream(
    body: StreamingRequest | ChatKitRequest,
    signal?: AbortSignal,
  ): AsyncGenerator<DecodedEvent, void, undefined>;
  /**
   * POSTs a `multipart/form-data` body to another URL of the same server (ChatKit's direct upload), with
   * the same identity headers as every request, and resolves with its parsed JSON. Optional, so custom
   * transports written before it stay valid.
   */
  postForm?<T = unknown>(url: string, form: FormData, signal?: AbortSignal): Promise<T>;
}

async function resolve<T>(value: Lazy<T> | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : value;
}

/** Creates a transport bound to one endpoint. */
export function createTransport(options: TransportOptions): Transport {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function post(
    url: string,
    headers: Record<string, string>,
    body: BodyInit,
    signal?: AbortSignal,
  ): Promise<Response> {
    const locale = await resolve(options.locale);
    if (locale) headers['Accept-Language'] = locale;
    const userId = await resolve(options.userId);
    if (userId) headers['x-chatkit-user'] = userId;
    Object.assign(headers, await resolve(options.headers));
    try {
      return await doFetch(url, { method: 'POST', headers, body, signal });
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw error;
      throw new ChatKitClientError(CLIENT_ERROR_CODES.network, `Could not reach ${url}.`, {
        cause: error,
        allowRetry: true,
      });
    }
  }

  function send(body: ChatKitRequest, accept: string, signal?: AbortSignal): Promise<Response> {
    const headers = { 'Content-Type': 'application/json', Accept: accept };
    return post(options.url, headers, JSON.stringify(body), signal);
  }

  async function readJson<T>(response: Response, what: string): Promise<T> {
    const text = await response.text();
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ChatKitClientError(CLIENT_ERROR_CODES.invalidJson, `The ${what} response is not JSON.`, {
        cause,
        status: response.status,
      });
    }
  }

  return {
    async request<T>(body: ChatKitRequest, signal?: AbortSignal): Promise<T> {
      const response = await send(body, 'application/json', signal);
      if (!response.ok) throw await httpError(response);
      return readJson<T>(response, body.type);
    },

    async postForm<T>(url: string, form: FormData, signal?: AbortSignal): Promise<T> {
      // No Content-Type: fetch writes the multipart boundary itself.
      const response = await post(url, { Accept: 'application/json' }, form, signal);
      if (!response.ok) throw await httpError(response);
      return readJson<T>(response, 'upload');
    },

    async *stream(body: ChatKitRequest, signal?: AbortSignal) {
      const response = await send(body, 'text/event-stream', signal);
      if (!response.ok) throw await httpError(response);
      const type = response.headers.get('content-type') ?? '';
      if (!/^text\/event-stream\b/i.test(type.trim())) {
        // Some integrations answer a failed streaming request with a JSON error and status 200.
        const error = await httpError(response);
        throw error.code.startsWith('http_')
          ? new ChatKitClientError(
              CLIENT_ERROR_CODES.badContentType,
              `Expected text/event-stream, got "${type}".`,
              {
                status: response.status,
              },
            )
          : error;
      }
      if (!response.body) return;
      try {
        yield* decodeSSEStream(response.body, { signal, maxBufferSize: options.maxBufferSize });
      } catch (error) {
        if (isAbortError(error) || signal?.aborted || error instanceof ChatKitClientError) throw error;
        throw new ChatKitClientError(
          CLIENT_ERROR_CODES.interrupted,
          'The response stream ended unexpectedly.',
          {
            cause: error,
            allowRetry: true,
          },
        );
      }
    },
  };
}

/**
 * Turns a failed response into an error: the server's `{ "error": { "code", "message" } }` when present
 * (house rule 9), else `http_<status>`. Never throws.
 */
export async function httpError(response: Response): Promise<ChatKitClientError> {
  let code = `http_${response.status}`;
  let message = `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  try {
    const body: unknown = JSON.parse(await response.text());
    const error = (body as { error?: unknown } | null)?.error;
    if (typeof error === 'object' && error !== null) {
      const { code: serverCode, message: serverMessage } = error as { code?: unknown; message?: unknown };
      if (typeof serverCode === 'string' && serverCode) code = serverCode;
      if (typeof serverMessage === 'string' && serverMessage) message = serverMessage;
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status code says enough.
  }
  return new ChatKitClientError(code, message, {
    status: response.status,
    allowRetry: response.status >= 500 || response.status === 429,
  });
}
