/**
 * Reading the ChatKit request body: raw bytes with a size limit, strict UTF-8, our own JSON parse, and a
 * structural guard, so that every malformed or hostile body becomes a 4xx with a clear code instead of a
 * 500 from deep inside the server.
 *
 * The request `Content-Type` is deliberately not checked (PROTOCOL.md §1.1: the server reads raw bytes).
 *
 * @module
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from '../chatkit/errors.js';

/** Deepest nesting of arrays/objects accepted before the body reaches the ChatKit server. */
export const MAX_BODY_DEPTH = 100;

/**
 * Reads the whole body as a Buffer (any content type, gzip/deflate/brotli inflated) up to `limit`.
 * Oversized bodies fail with body-parser's `entity.too.large` error, which the error middleware maps to
 * 413 `payload_too_large`.
 */
export function createRawBodyReader(limit: string): RequestHandler {
  return express.raw({ type: () => true, limit, inflate: true });
}

/** What {@link createBodyReader} returns: sets `req.body` to the raw body, or rejects with the reader's error. */
export type BodyReader = (req: Request, res: Response) => Promise<void>;

const UNITS: Record<string, number> = { b: 1, kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30 };

/** `"1mb"` → bytes as body-parser counts them (1024-based units); `undefined` for what it may read otherwise. */
export function parseByteLimit(limit: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!match) return undefined;
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]!);
}

/**
 * The body reader of the ChatKit endpoint: the same result and errors as {@link createRawBodyReader}, with a
 * direct path for the request every client sends (no `Content-Encoding`, a `Content-Length` within the limit,
 * not read yet): its chunks are collected from the request itself, without body-parser's and raw-body's
 * per-request set-up (content-type and charset checks, an async-hooks resource, five listeners and their
 * clean-up). Every other request (compressed, chunked, too large, already read) goes through
 * {@link createRawBodyReader}, so its answers (413, 415, 400) stay body-parser's.
 */
export function createBodyReader(limit: string): BodyReader {
  const general = createRawBodyReader(limit);
  const limitBytes = parseByteLimit(limit);
  const viaGeneral: BodyReader = (req, res) =>
    new Promise<void>((resolve, reject) =>
      general(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
    );
  if (limitBytes === undefined) return viaGeneral;
  return (req, res) => {
    const { headers } = req;
    const length = headers['content-length'];
    const encoding = headers['content-encoding'];
    if (
      length === undefined ||
      !/^\d{1,15}$/.test(length) ||
      Number(length) > limitBytes ||
      headers['transfer-encoding'] !== undefined ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
      !req.readable ||
      req.readableDidRead ||
      req.readableEncoding !== null ||
      !req.socket?.readable
    )
      return viaGeneral(req, res);
    return new Promise<void>((resolve, reject) => new DirectBodyRead(req, Number(length), resolve, reject));
  };
}

/** body-parser's error for a body that did not arrive whole (mapped to 400 `invalid_body`). */
function bodyError(message: string, type: string): Error {
  return Object.assign(new Error(message), { type, status: 400, statusCode: 400, expose: true });
}

/** One direct body read: the listeners are the methods of this object, removed once it settles. */
class DirectBodyRead {
  private readonly chunks: Buffer[] = [];
  private received = 0;
  private settled = false;

  constructor(
    private readonly req: Request,
    private readonly expected: number,
    private readonly resolve: () => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.onData = this.onData.bind(this);
    this.onEnd = this.onEnd.bind(this);
    this.onAborted = this.onAborted.bind(this);
    this.onError = this.onError.bind(this);
    req.on('data', this.onData);
    req.on('end', this.onEnd);
    req.on('aborted', this.onAborted);
    req.on('close', this.onAborted);
    req.on('error', this.onError);
  }

  private cleanup(): void {
    this.settled = true;
    const { req } = this;
    req.off('data', this.onData);
    req.off('end', this.onEnd);
    req.off('aborted', this.onAborted);
    req.off('close', this.onAborted);
    req.off('error', this.onError);
  }

  onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
  }

  onEnd(): void {
    if (this.settled) return;
    this.cleanup();
    const { chunks, received } = this;
    if (received !== this.expected) {
      this.reject(bodyError('request size did not match content length', 'request.size.invalid'));
      return;
    }
    // A copy, as raw-body makes: a chunk is a slice of the socket's read buffer, which it would keep alive.
    this.req.body = Buffer.concat(chunks, received);
    this.resolve();
  }

  onAborted(): void {
    if (this.settled) return;
    this.cleanup();
    this.reject(bodyError('request aborted', 'request.aborted'));
  }

  onError(error: unknown): void {
    if (this.settled) return;
    this.cleanup();
    this.reject(Object.assign(bodyError('request could not be read', 'request.error'), { cause: error }));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the raw body into a JSON object.
 *
 * @throws {HttpError} 400 `invalid_json` for empty, non-UTF-8 or unparsable bodies; 400 `invalid_request` for
 *   bodies that are not an object, nest deeper than {@link MAX_BODY_DEPTH}, or carry a `__proto__` key.
 */
export function parseJsonBody(raw: unknown): Record<string, unknown> {
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    throw new HttpError(400, 'invalid_json', 'Request body is empty; expected a JSON object');
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new HttpError(400, 'invalid_json', 'Request body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message.slice(0, 200)}` : '';
    throw new HttpError(400, 'invalid_json', `Request body is not valid JSON${detail}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(
      400,
      'invalid_request',
      'Request body must be a JSON object with "type" and "params"',
    );
  }
  assertSafeStructure(value);
  return value as Record<string, unknown>;
}

/**
 * Walks a parsed JSON value without recursion (so hostile nesting cannot overflow the stack) and rejects
 * excessive depth and `__proto__` keys. `JSON.parse` makes `__proto__` an own property, which is harmless
 * until some code copies it with `Object.assign` or a naive merge; refusing it at the edge removes that risk.
 */
export function assertSafeStructure(value: unknown, maxDepth = MAX_BODY_DEPTH): void {
  // Two parallel stacks (node, depth) instead of an object per visited node.
  const nodes: unknown[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) {
      throw new HttpError(400, 'invalid_request', `Request body nests deeper than ${maxDepth} levels`);
    }
    if (Array.isArray(node)) {
      for (const child of node) {
        // Primitives need no visit: only objects and arrays can nest or carry keys.
        if (child !== null && typeof child === 'object') {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      if (key === '__proto__') {
        throw new HttpError(400, 'invalid_request', 'Request body contains a forbidden "__proto__" key');
      }
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
}
