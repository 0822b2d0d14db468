/**
 * Reading the ChatKit request body: raw bytes with a size limit, strict UTF-8, our own JSON parse, and a
 * structural guard, so that every malformed or hostile body becomes a 4xx with a clear code instead of a
 * 500 from deep inside the server.
 *
 * The request `Content-Type` is deliberately not checked (PROTOCOL.md §1.1: the server reads raw bytes).
 *
 * @module
 */
import express, { type RequestHandler } from 'express';
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
