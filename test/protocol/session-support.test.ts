import { describe, expect, it } from 'vitest';

import {
  anySignal,
  ChatKitClientError,
  isAbortError,
  toClientError,
} from '../../src/protocol/client-errors.js';
import * as protocol from '../../src/protocol/index.js';
import { createTransport, httpError } from '../../src/protocol/transport.js';

describe('the protocol door (src/protocol/index.ts)', () => {
  it('exports the client pieces and no zod schema', () => {
    for (const name of [
      'createSession',
      'createTransport',
      'decodeSSEStream',
      'encodeSSE',
      'applyItemUpdate',
      'applyEvent',
      'pruneAfter',
      'endStream',
      'cancelStream',
      'mergeHistoryPage',
      'reconcileNewest',
      'initialThreadState',
      'isAwaitingResponse',
      'ChatKitClientError',
      'defaultGenerateId',
      'parseTimestamp',
      'isHiddenItem',
    ]) {
      expect(typeof (protocol as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(Object.keys(protocol).some((name) => /schema/i.test(name))).toBe(false);
  });
});

describe('anySignal', () => {
  it('aborts with the first reason, also without AbortSignal.any (older browsers)', () => {
    const original = AbortSignal.any;
    try {
      for (const useFallback of [false, true]) {
        if (useFallback) (AbortSignal as { any?: unknown }).any = undefined;
        const a = new AbortController();
        const b = new AbortController();
        const both = anySignal(a.signal, undefined, b.signal);
        expect(both.aborted).toBe(false);
        b.abort('stop');
        expect([both.aborted, both.reason]).toEqual([true, 'stop']);
        const already = anySignal(a.signal, AbortSignal.abort('early'));
        expect([already.aborted, already.reason]).toEqual([true, 'early']);
      }
    } finally {
      AbortSignal.any = original;
    }
  });
});

describe('client errors and the transport', () => {
  it('maps {error:{code,message}} bodies and bare statuses to typed errors', async () => {
    const coded = await httpError(
      new Response(JSON.stringify({ error: { code: 'not_found', message: 'No thread.' } }), { status: 404 }),
    );
    expect([coded.code, coded.message, coded.status, coded.allowRetry]).toEqual([
      'not_found',
      'No thread.',
      404,
      false,
    ]);
    const bare = await httpError(
      new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect([bare.code, bare.status, bare.allowRetry]).toEqual(['http_502', 502, true]);
  });

  it('wraps a fetch failure as `network`, passes aborts through, and parses JSON', async () => {
    const failing = createTransport({
      url: 'http://127.0.0.1:9/chatkit',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const error = await failing.request({ type: 'threads.list', params: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatKitClientError);
    expect((error as ChatKitClientError).code).toBe('network');
    const aborting = createTransport({
      url: 'http://x/chatkit',
      fetch: () => Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
    });
    expect(
      isAbortError(await aborting.request({ type: 'threads.list', params: {} }).catch((e: unknown) => e)),
    ).toBe(true);
    const ok = createTransport({
      url: 'http://x/chatkit',
      fetch: async (_url, init) =>
        new Response(String(init.body), { headers: { 'content-type': 'application/json' } }),
    });
    expect(await ok.request({ type: 'threads.list', params: {} })).toEqual({
      type: 'threads.list',
      params: {},
    });
    expect(toClientError('boom').code).toBe('network');
  });
});
