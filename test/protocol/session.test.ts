import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';

import type { ChatKitClientError } from '../../src/protocol/client-errors.js';
import type { SessionOptions, SessionState } from '../../src/protocol/session-types.js';
import type { ThreadItem } from '../../src/protocol/types.js';
import {
  deferred,
  openSse,
  sendCloseDelimitedSse,
  sendJson,
  sendSse,
  writeEvents,
  type Handler,
} from '../fixtures/sse/scripted-server.js';
import { loadExample, loadSequence } from '../fixtures/examples.js';
import { waitForState } from '../support/session.js';
import { scriptedSessions } from '../support/scripted-session.js';

const load = loadExample;
const sequence = loadSequence;

const open = scriptedSessions();

interface Recorder {
  errors: ChatKitClientError[];
  logs: Array<{ name: string; data?: unknown }>;
  effects: Array<{ name: string; data: unknown }>;
  threadChanges: Array<string | null>;
  responses: string[];
  statuses: string[];
}

async function setup(handler: Handler, options: Partial<SessionOptions> = {}) {
  const rec: Recorder = { errors: [], logs: [], effects: [], threadChanges: [], responses: [], statuses: [] };
  const { server, session } = await open(handler, {
    locale: 'de-DE',
    userId: 'anon_123',
    onError: ({ error }) => rec.errors.push(error),
    onLog: (entry) => rec.logs.push(entry),
    onEffect: (effect) => rec.effects.push(effect),
    onThreadChange: ({ threadId }) => rec.threadChanges.push(threadId),
    onResponseStart: () => rec.responses.push('start'),
    onResponseEnd: () => rec.responses.push('end'),
    ...options,
  });
  session.subscribe((state) => {
    if (rec.statuses[rec.statuses.length - 1] !== state.status) rec.statuses.push(state.status);
  });
  return { server, session, rec };
}

const texts = (state: SessionState) =>
  state.items.map((item) =>
    item.type === 'assistant_message'
      ? item.content.map((p) => p.text).join('')
      : item.type === 'user_message'
        ? item.content.map((p) => p.text).join('')
        : item.type,
  );

/** Loads a thread whose items are `items` (oldest first) through real get_by_id + items.list requests. */
function threadHandler(threadId: string, items: () => ThreadItem[], stream?: Handler): Handler {
  return async (req, res) => {
    const { body } = req;
    if (body.type === 'threads.get_by_id') {
      sendJson(res, {
        ...load('events/thread.created.json').thread,
        id: threadId,
        items: { data: [], has_more: false },
      });
    } else if (body.type === 'items.list') {
      sendJson(res, { data: [...items()].reverse(), has_more: false });
    } else if (stream) {
      await stream(req, res);
    } else {
      sendJson(res, { error: { code: 'unexpected', message: body.type } }, 500);
    }
  };
}

describe('session: sending', () => {
  it('creates a thread with an optimistic bubble, streams the answer and settles', async () => {
    const create = sequence('threads.create');
    const release = deferred();
    const { session, rec, server } = await setup(
      async (_req, res) => {
        openSse(res);
        await release.promise;
        writeEvents(res, create.events);
        res.end();
      },
      { headers: () => ({ Authorization: 'Bearer t0k' }) },
    );
    const done = session.sendUserMessage({ text: 'What does the handbook say?' });
    const optimistic = await waitForState(session, (s) => s.items.length === 1 && s.status === 'streaming');
    expect(optimistic.items[0]).toMatchObject({
      type: 'user_message',
      content: [{ text: 'What does the handbook say?' }],
    });
    expect(optimistic.optimisticId).toBe(optimistic.items[0]!.id);
    release.resolve();
    await done;
    const state = session.getState();
    expect(state.status).toBe('idle');
    expect(state.thread).toMatchObject({ id: 'thr_0e93ac5d', title: 'Remote work policy' });
    expect(state.items.map((i) => i.id)).toEqual(['msg_a41f6b28', 'msg_68a1f0c2e4b7']);
    expect(state.optimisticId).toBeNull();
    expect(state.progress).toBeNull();
    expect(rec.threadChanges).toEqual(['thr_0e93ac5d']);
    expect(rec.responses).toEqual(['start', 'end']);
    expect(rec.statuses).toEqual(['streaming', 'idle']);
    const [request] = server.requests;
    expect(request!.body).toEqual({
      type: 'threads.create',
      params: {
        input: {
          content: [{ type: 'input_text', text: 'What does the handbook say?' }],
          attachments: [],
          inference_options: {},
        },
      },
    });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['accept-language']).toBe('de-DE');
    expect(request!.headers['x-chatkit-user']).toBe('anon_123');
    expect(request!.headers.authorization).toBe('Bearer t0k');
  });

  it('adds to the current thread and sends attachments by id, quoted text and inference options', async () => {
    const { session, server } = await setup((req, res) =>
      req.body.type === 'threads.create'
        ? sendSse(res, sequence('threads.create').events)
        : sendSse(res, sequence('threads.add_user_message.workflow_and_image').events),
    );
    await session.sendUserMessage({ text: 'first' });
    const attachment = load('sequences/threads.create.json').events[1].item.attachments[0];
    await session.sendUserMessage({
      text: 'Draw a logo',
      attachments: [attachment, 'atc_other'],
      quotedText: 'logo',
      inferenceOptions: { model: 'gpt-4.1' },
    });
    expect(server.requests[1]!.body).toEqual({
      type: 'threads.add_user_message',
      params: {
        thread_id: 'thr_0e93ac5d',
        input: {
          content: [{ type: 'input_text', text: 'Draw a logo' }],
          attachments: [attachment.id, 'atc_other'],
          quoted_text: 'logo',
          inference_options: { model: 'gpt-4.1' },
        },
      },
    });
    expect(session.getState().items.map((i) => i.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'workflow',
      'generated_image',
    ]);
  });

  it('uses the host fetch override for every request', async () => {
    const seen: string[] = [];
    const { session, server } = await setup((_req, res) => sendSse(res, sequence('threads.create').events), {
      fetch: (input, init) => {
        seen.push(String(JSON.parse(String(init.body)).type));
        return fetch(input, { ...init, headers: { ...(init.headers as object), 'x-host': '1' } });
      },
    });
    await session.sendUserMessage({ text: 'hi' });
    expect(seen).toEqual(['threads.create']);
    expect(server.requests[0]!.headers['x-host']).toBe('1');
  });

  it('turns a JSON error response into one typed error and drops the optimistic bubble', async () => {
    const { session, rec } = await setup((_req, res) =>
      sendJson(res, { error: { code: 'rate_limited', message: 'Slow down.' } }, 429),
    );
    await session.sendUserMessage({ text: 'hi' });
    const state = session.getState();
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'rate_limited', message: 'Slow down.' });
    expect(state.items).toEqual([]);
    expect(rec.errors.map((e) => [e.code, e.status])).toEqual([['rate_limited', 429]]);
    expect(rec.responses).toEqual(['start', 'end']);
  });

  it('hands the text of a message the server never stored to onMessageNotSent', async () => {
    const unsent: Array<{ text: string; code: string }> = [];
    const { session } = await setup(
      (_req, res) => sendJson(res, { error: { code: 'not_found', message: 'No such thread.' } }, 404),
      {
        onMessageNotSent: ({ message, error }) =>
          unsent.push({ text: message.content.map((p) => p.text).join(''), code: error.code }),
      },
    );
    await session.sendUserMessage({ text: 'please keep me' });
    expect(session.getState().items).toEqual([]);
    expect(unsent).toEqual([{ text: 'please keep me', code: 'not_found' }]);
  });

  it('treats a send whose stream ends without echoing the message as not accepted', async () => {
    const { session, rec } = await setup((_req, res) => sendSse(res, []));
    await session.sendUserMessage({ text: 'hi' });
    const state = session.getState();
    expect(state).toMatchObject({
      status: 'error',
      items: [],
      error: { code: 'stream.not_accepted', allowRetry: false },
    });
    expect(rec.errors.map((e) => e.code)).toEqual(['stream.not_accepted']);
  });

  it('rejects a streaming answer that is not text/event-stream', async () => {
    const { session, rec } = await setup((_req, res) => sendJson(res, { hello: 'world' }));
    await session.sendUserMessage({ text: 'hi' });
    expect(rec.errors.map((e) => e.code)).toEqual(['stream.bad_content_type']);
  });
});

describe('session: stream events', () => {
  it('dispatches client effects, logs unknown event types once, surfaces notices and error events', async () => {
    const user = sequence('threads.add_user_message.custom_error').events[0]!;
    const { session, rec } = await setup(
      threadHandler(
        'thr_1',
        () => [],
        (_req, res) =>
          sendSse(res, [
            user,
            { type: 'stream_options', stream_options: { allow_cancel: true } },
            load('events/client_effect.json'),
            { type: 'future.thing', x: 1 },
            { type: 'future.thing', x: 2 },
            load('events/notice.json'),
            load('events/error.custom.json'),
          ]),
      ),
    );
    await session.loadThread('thr_1');
    await session.sendUserMessage({ text: 'hi' });
    expect(rec.effects).toEqual([{ name: 'refresh_orders', data: { order_id: 'ord_55120' } }]);
    expect(rec.logs.filter((l) => l.name === 'stream.unknown_event')).toEqual([
      { name: 'stream.unknown_event', data: { type: 'future.thing' } },
    ]);
    const state = session.getState();
    expect(state.notices).toHaveLength(1);
    expect(state.error).toMatchObject({
      code: 'custom',
      allowRetry: true,
      retryItemId: (user as any).item.id,
    });
    expect(state.status).toBe('error');
    expect(rec.errors.map((e) => [e.code, e.message])).toEqual([
      ['custom', load('events/error.custom.json').message],
    ]);
  });

  it('shows one error for malformed events, keeps state and keeps reading', async () => {
    const events = sequence('threads.create').events;
    const { session, rec } = await setup((_req, res) =>
      sendSse(res, [
        events[0],
        events[1],
        'data: {broken\n\n',
        events[2],
        'data: {"type":"thread.item.done"}\n\n',
        ...events.slice(3),
      ]),
    );
    await session.sendUserMessage({ text: 'hi' });
    const state = session.getState();
    expect(state.items.map((i) => i.id)).toEqual(['msg_a41f6b28', 'msg_68a1f0c2e4b7']);
    expect(state.error?.code).toBe('stream.malformed_event');
    expect(rec.errors.map((e) => e.code)).toEqual(['stream.malformed_event']);
    expect(rec.logs.map((l) => l.name)).toContain('stream.malformed_event');
    expect(state.status).toBe('error');
  });
});

describe('session: cancel', () => {
  it('aborts the HTTP response, keeps the partial text and settles to idle', async () => {
    const cancellation = load('sequences/cancellation.json');
    const { session, server, rec } = await setup(async (_req, res) => {
      openSse(res);
      writeEvents(res, cancellation.events_received_before_disconnect);
      // Keep the response open until the client goes away.
    });
    expect(session.cancel()).toBe(false);
    const sent = session.sendUserMessage({ text: 'Write me a long essay' });
    await waitForState(session, (s) => texts(s).includes('Here is a long essay about') && s.allowCancel);
    expect(session.cancel()).toBe(true);
    await sent;
    const request = await server.request(0);
    await request.aborted;
    expect(request.wasAborted()).toBe(true);
    const state = session.getState();
    expect(state.status).toBe('idle');
    expect(state.streaming).toBe(false);
    expect(state.allowCancel).toBe(false);
    expect(texts(state)).toEqual(['Write me a long essay', 'Here is a long essay about']);
    expect(state.error).toBeNull();
    expect(rec.statuses).toEqual(['streaming', 'cancelling', 'idle']);
    expect(rec.errors).toEqual([]);
  });

  it('does not abort while the server disallows cancelling', async () => {
    const release = deferred();
    const events = sequence('threads.add_user_message.custom_error').events;
    const { session } = await setup(async (_req, res) => {
      openSse(res);
      writeEvents(res, [events[0], { type: 'stream_options', stream_options: { allow_cancel: false } }]);
      await release.promise;
      res.end();
    });
    const sent = session.sendUserMessage({ text: 'hi' });
    await waitForState(session, (s) => s.items.length === 1 && s.optimisticId === null);
    expect(session.cancel()).toBe(false);
    expect(session.getState().status).toBe('streaming');
    release.resolve();
    await sent;
    expect(session.getState().status).toBe('idle');
  });
});

describe('session: retry', () => {
  it('prunes after the user message locally, then sends retry_after_item', async () => {
    const failed = sequence('threads.add_user_message.unhandled_exception');
    const retry = sequence('threads.retry_after_item');
    const userId = (failed.events[0] as any).item.id as string;
    let itemsWhenRetryArrived: string[] = [];
    const { session, server } = await setup(
      threadHandler(
        'thr_1',
        () => [],
        (req, res) => {
          if (req.body.type === 'threads.add_user_message') {
            sendSse(res, [
              failed.events[0],
              failed.events[1],
              load('events/thread.item.done.json'),
              failed.events[2],
            ]);
          } else {
            itemsWhenRetryArrived = session!.getState().items.map((i) => i.id);
            sendSse(res, retry.events);
          }
        },
      ),
    );
    await session.loadThread('thr_1');
    await session.sendUserMessage({ text: 'hi' });
    expect(session.getState().error).toMatchObject({
      code: 'stream.error',
      allowRetry: true,
      retryItemId: userId,
    });
    await session.retry();
    expect(server.requests.at(-1)!.body).toEqual({
      type: 'threads.retry_after_item',
      params: { thread_id: 'thr_1', item_id: userId },
    });
    expect(itemsWhenRetryArrived).toEqual([userId]);
    const state = session.getState();
    expect(state.items.map((i) => i.id)).toEqual([userId, 'msg_a9e2c4f60d18']);
    expect(state.error).toBeNull();
    expect(state.status).toBe('idle');
  });
});

describe('session: dropped connection', () => {
  const cancellation = load('sequences/cancellation.json');
  const stored: ThreadItem[] = cancellation['items.list_after_cancel_(asc)'].data;

  /**
   * The cancellation example's thread (the server has its first two items), loaded; then the user's message,
   * answered by `answer`, which sets what the server has stored by the time the stream ends (`store`).
   */
  async function sendOnStoredThread(
    answer: (res: ServerResponse, store: (items: ThreadItem[]) => void) => void | Promise<void>,
  ) {
    let serverItems = stored.slice(0, 2);
    const opened = await setup(
      threadHandler(
        'thr_91e5a7c4',
        () => serverItems,
        (_req, res) => answer(res, (items) => (serverItems = items)),
      ),
    );
    await opened.session.loadThread('thr_91e5a7c4');
    await opened.session.sendUserMessage({ text: 'Write me a long essay' });
    return opened;
  }

  /** One retryable `stream.interrupted` error, the response ended, and the thread refetched after it. */
  function expectInterruptedThenRefetched({ session, server, rec }: Awaited<ReturnType<typeof setup>>) {
    const state = session.getState();
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({
      code: 'stream.interrupted',
      allowRetry: true,
      retryItemId: 'msg_f7a2c95e',
    });
    expect(rec.errors.map((e) => e.code)).toEqual(['stream.interrupted']);
    expect(rec.responses).toEqual(['start', 'end']);
    expect(
      server.requests
        .map((r) => r.body.type)
        .slice(-2)
        .sort(),
    ).toEqual(['items.list', 'threads.get_by_id']);
  }

  it('keeps the partial answer, surfaces one error, settles, then refetches to reconcile', async () => {
    const opened = await sendOnStoredThread(async (res, store) => {
      openSse(res);
      writeEvents(res, cancellation.events_received_before_disconnect);
      await new Promise((resolve) => res.write('', resolve));
      store(stored.slice(0, 3)); // the server stored the user message, not the answer (yet)
      res.socket!.destroy();
    });
    const state = opened.session.getState();
    // The refetch ran (get_by_id + items.list after the stream), took the server's user message and kept
    // the partial answer the server has not stored (yet).
    expectInterruptedThenRefetched(opened);
    expect(texts(state)).toEqual([
      'How many remote days do I get?',
      'Second attempt: the policy allows three remote days per week.',
      'Write me a long essay',
      'Here is a long essay about',
    ]);
    expect(state.items.map((i) => i.id)).toEqual(stored.map((i) => i.id));
  });

  it("takes the server's own copy of the answer when the refetch finds it", async () => {
    const longer = {
      ...stored[3]!,
      content: [{ type: 'output_text', text: 'Here is a long essay about remote work.', annotations: [] }],
    } as ThreadItem;
    const { session } = await sendOnStoredThread(async (res, store) => {
      openSse(res);
      writeEvents(res, cancellation.events_received_before_disconnect);
      await new Promise((resolve) => res.write('', resolve));
      // On disconnect the server stores its own, longer copy of the pending answer (§8.8).
      store([...stored.slice(0, 3), longer]);
      res.socket!.destroy();
    });
    const state = session.getState();
    expect(state.error?.code).toBe('stream.interrupted');
    expect(texts(state).at(-1)).toBe('Here is a long essay about remote work.');
    expect(state.items.map((i) => i.id)).toEqual(stored.map((i) => i.id));
  });

  it('a close-delimited body that ends mid-answer is an interrupted stream: error with Retry, refetch', async () => {
    const opened = await sendOnStoredThread((res, store) => {
      store(stored.slice(0, 3));
      // The body just ends after the deltas: the answer was added but never done.
      sendCloseDelimitedSse(res, cancellation.events_received_before_disconnect);
    });
    const state = opened.session.getState();
    expectInterruptedThenRefetched(opened);
    expect(texts(state).at(-1)).toBe('Here is a long essay about');
    expect(state.pending.size).toBe(0);
  });

  it('a workflow still open at the end of a complete body is kept, refetched, and not an error', async () => {
    const user = load('items/user_message.json');
    const userItem = { ...user, id: 'u_open', thread_id: 'thr_open' };
    const workflow = {
      id: 'wf_open',
      thread_id: 'thr_open',
      created_at: user.created_at,
      type: 'workflow',
      workflow: { type: 'reasoning', tasks: [], expanded: false },
    };
    let serverItems: ThreadItem[] = [];
    const { session, server, rec } = await setup(
      threadHandler(
        'thr_open',
        () => serverItems,
        (_req, res) => {
          serverItems = [userItem];
          sendCloseDelimitedSse(res, [
            { type: 'thread.item.done', item: userItem },
            { type: 'thread.item.added', item: workflow },
          ]);
        },
      ),
    );
    await session.loadThread('thr_open');
    const before = server.requests.length;
    await session.sendUserMessage({ text: 'think' });
    const state = session.getState();
    expect(state.status).toBe('idle');
    expect(state.error).toBeNull();
    expect(rec.errors).toEqual([]);
    expect(state.items.map((i) => i.id)).toEqual(['u_open', 'wf_open']);
    expect(
      server.requests
        .slice(before)
        .map((r) => r.body.type)
        .sort(),
    ).toEqual(['items.list', 'threads.add_user_message', 'threads.get_by_id']);
  });
});
