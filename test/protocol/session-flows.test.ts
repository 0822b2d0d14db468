import { describe, expect, it } from 'vitest';

import type { ChatKitClientError } from '../../src/protocol/client-errors.js';
import type { SessionOptions } from '../../src/protocol/session-types.js';
import type { ThreadItem } from '../../src/protocol/types.js';
import {
  deferred,
  openSse,
  sendJson,
  sendSse,
  writeEvents,
  type Handler,
} from '../fixtures/sse/scripted-server.js';
import { loadExample, loadSequence } from '../fixtures/examples.js';
import { ManualScheduler } from '../support/scheduler.js';
import { waitForState } from '../support/session.js';
import { scriptedSessions } from '../support/scripted-session.js';

const load = loadExample;
const sequence = loadSequence;
const THREAD = { ...load('events/thread.created.json').thread };

const open = scriptedSessions();

async function setup(handler: Handler, options: Partial<SessionOptions> = {}) {
  const errors: ChatKitClientError[] = [];
  const logs: string[] = [];
  const loads: string[] = [];
  const { server, session } = await open(handler, {
    onError: ({ error }) => errors.push(error),
    onLog: ({ name }) => logs.push(name),
    onThreadLoadStart: ({ threadId }) => loads.push(`start:${threadId}`),
    onThreadLoadEnd: ({ threadId }) => loads.push(`end:${threadId}`),
    ...options,
  });
  return { server, session, errors, logs, loads };
}

function item(id: string, type: 'user_message' | 'assistant_message' = 'assistant_message'): ThreadItem {
  return type === 'user_message'
    ? { ...load('items/user_message.json'), id, thread_id: THREAD.id }
    : {
        ...load('items/assistant_message.json'),
        id,
        thread_id: THREAD.id,
        content: [{ type: 'output_text', text: id, annotations: [] }],
      };
}

/** Serves a stored thread (get_by_id, items.list desc with cursors) and delegates the rest. */
function storedThread(items: () => ThreadItem[], rest?: Handler): Handler {
  return async (req, res) => {
    const { body } = req;
    if (body.type === 'threads.get_by_id')
      return sendJson(res, { ...THREAD, items: { data: [], has_more: false } });
    if (body.type === 'items.list') {
      const desc = [...items()].reverse();
      const start = body.params.after ? desc.findIndex((i) => i.id === body.params.after) + 1 : 0;
      const limit = body.params.limit ?? 20;
      const data = desc.slice(start, start + limit);
      const hasMore = start + limit < desc.length;
      return sendJson(res, { data, has_more: hasMore, ...(hasMore ? { after: data.at(-1)!.id } : {}) });
    }
    if (rest) return rest(req, res);
    sendJson(res, { error: { code: 'unexpected', message: body.type } }, 500);
  };
}

describe('session: client tools', () => {
  it('runs the tool after the stream ends, completes the local item and sends the output exactly once', async () => {
    const call = sequence('threads.add_user_message.client_tool_call');
    const output = sequence('threads.add_client_tool_output');
    const invocations: unknown[] = [];
    let streamActiveDuringTool: boolean | undefined;
    const { session, server } = await setup(
      storedThread(
        () => [],
        (req, res) =>
          sendSse(res, req.body.type === 'threads.add_user_message' ? call.events : output.events),
      ),
      {
        onClientTool: async (invocation) => {
          invocations.push(invocation);
          streamActiveDuringTool = session!.getState().streaming;
          return { rows: [{ id: 'r12', amount: 12400 }] };
        },
      },
    );
    await session.loadThread(THREAD.id);
    await session.sendUserMessage({ text: 'Export my refunds' });
    const toolItem = (call.events.at(-1) as any).item;
    expect(invocations).toEqual([{ name: toolItem.name, params: toolItem.arguments }]);
    expect(streamActiveDuringTool).toBe(false);
    const types = server.requests.map((r) => r.body.type);
    expect(types.filter((t) => t === 'threads.add_client_tool_output')).toHaveLength(1);
    expect(server.requests.at(-1)!.body).toEqual({
      type: 'threads.add_client_tool_output',
      params: { thread_id: THREAD.id, result: { rows: [{ id: 'r12', amount: 12400 }] } },
    });
    const state = session.getState();
    const local = state.items.find((i) => i.id === toolItem.id);
    expect(local).toMatchObject({ status: 'completed', output: { rows: [{ id: 'r12', amount: 12400 }] } });
    expect(state.items.at(-1)!.id).toBe('msg_70d3b5e19a2c');
    expect(state.status).toBe('idle');
    // A manual output for the same call is refused: it was already answered.
    await session.addClientToolOutput({ again: true });
    expect(server.requests.filter((r) => r.body.type === 'threads.add_client_tool_output')).toHaveLength(1);
  });

  it('sends { error } when the tool throws, and reports it once', async () => {
    const call = sequence('threads.add_user_message.client_tool_call');
    const output = sequence('threads.add_client_tool_output');
    const { session, server, errors } = await setup(
      storedThread(
        () => [],
        (req, res) =>
          sendSse(res, req.body.type === 'threads.add_user_message' ? call.events : output.events),
      ),
      {
        onClientTool: () => {
          throw new Error('Clipboard unavailable');
        },
      },
    );
    await session.loadThread(THREAD.id);
    await session.sendUserMessage({ text: 'Copy it' });
    expect(server.requests.at(-1)!.body).toMatchObject({
      type: 'threads.add_client_tool_output',
      params: { result: { error: 'Clipboard unavailable' } },
    });
    expect(errors.map((e) => e.code)).toEqual(['client_tool']);
  });

  it('without a handler, waits for addClientToolOutput', async () => {
    const call = sequence('threads.add_user_message.client_tool_call');
    const output = sequence('threads.add_client_tool_output');
    const { session, server, logs } = await setup(
      storedThread(
        () => [],
        (req, res) =>
          sendSse(res, req.body.type === 'threads.add_user_message' ? call.events : output.events),
      ),
    );
    await session.loadThread(THREAD.id);
    await session.sendUserMessage({ text: 'Export' });
    expect(logs).toContain('client_tool.unhandled');
    expect(session.getState().status).toBe('idle');
    await session.addClientToolOutput('done by hand');
    expect(server.requests.at(-1)!.body).toEqual({
      type: 'threads.add_client_tool_output',
      params: { thread_id: THREAD.id, result: 'done by hand' },
    });
  });
});

describe('session: queueing and concurrency', () => {
  it('queues a widget action behind the current stream but runs sync actions concurrently', async () => {
    const release = deferred();
    const widget = load('items/widget.json');
    const updated = { ...widget, widget: { ...widget.widget, size: 'lg' } };
    const order: string[] = [];
    const { session, server } = await setup(
      storedThread(
        () => [widget],
        async (req, res) => {
          order.push(`arrive:${req.body.type}`);
          if (req.body.type === 'threads.add_user_message') {
            openSse(res);
            writeEvents(res, sequence('threads.add_user_message.custom_error').events.slice(0, 2));
            await release.promise;
            order.push('end:add_user_message');
            res.end();
          } else if (req.body.type === 'threads.sync_custom_action') {
            sendJson(res, { updated_item: updated });
          } else {
            sendSse(res, sequence('threads.custom_action').events);
          }
        },
      ),
    );
    await session.loadThread(THREAD.id);
    const sent = session.sendUserMessage({ text: 'hi' });
    await waitForState(session, (s) => s.allowCancel);
    const action = session.customAction(
      { type: 'order.place', payload: { a: 1 }, loadingBehavior: 'self' },
      widget.id,
    );
    const synced = await session.syncCustomAction({ type: 'order.preview', streaming: false }, widget.id);
    expect(synced).toEqual(updated);
    expect(session.getState().items.find((i) => i.id === widget.id)).toEqual(updated);
    release.resolve();
    await Promise.all([sent, action]);
    expect(order).toEqual([
      'arrive:threads.add_user_message',
      'arrive:threads.sync_custom_action',
      'end:add_user_message',
      'arrive:threads.custom_action',
    ]);
    expect(server.requests.find((r) => r.body.type === 'threads.custom_action')!.body).toEqual({
      type: 'threads.custom_action',
      params: {
        thread_id: THREAD.id,
        item_id: widget.id,
        action: { type: 'order.place', payload: { a: 1 } },
      },
    });
  });

  it('a message sent while the thread is being created goes to the new thread', async () => {
    const release = deferred();
    const { session, server } = await setup(async (req, res) => {
      if (req.body.type === 'threads.create') {
        openSse(res);
        writeEvents(res, sequence('threads.create').events.slice(0, 3));
        await release.promise;
        res.end();
      } else {
        sendSse(res, sequence('threads.add_user_message.structured_input').events);
      }
    });
    const first = session.sendUserMessage({ text: 'one' });
    const second = session.sendUserMessage({ text: 'two' });
    await waitForState(session, (s) => s.thread !== null);
    release.resolve();
    await Promise.all([first, second]);
    expect(server.requests.map((r) => r.body.type)).toEqual(['threads.create', 'threads.add_user_message']);
    expect((server.requests[1]!.body as any).params.thread_id).toBe('thr_0e93ac5d');
  });

  it('a message sent while a thread is loading goes to that thread', async () => {
    const release = deferred();
    const { session, server } = await setup(
      storedThread(
        () => [item('u1', 'user_message'), item('a1')],
        (_req, res) => sendSse(res, sequence('threads.add_user_message.structured_input').events),
      ),
      {
        fetch: async (input, init) => {
          if (String(init.body).includes('threads.get_by_id')) await release.promise;
          return fetch(input, init);
        },
      },
    );
    const loaded = session.loadThread(THREAD.id);
    const sent = session.sendUserMessage({ text: 'more' });
    expect(session.getState().status).toBe('loading');
    release.resolve();
    await Promise.all([loaded, sent]);
    expect(server.requests.map((r) => r.body.type).sort()).toEqual([
      'items.list',
      'threads.add_user_message',
      'threads.get_by_id',
    ]);
    expect(
      (server.requests.find((r) => r.body.type === 'threads.add_user_message')!.body as any).params.thread_id,
    ).toBe(THREAD.id);
    expect(
      session
        .getState()
        .items.map((i) => i.id)
        .slice(0, 2),
    ).toEqual(['u1', 'a1']);
  });

  it('switching threads mid-stream aborts the old stream and never mixes its events in', async () => {
    const release = deferred();
    const { session, server } = await setup(
      storedThread(
        () => [item('other_1', 'user_message')],
        async (_req, res) => {
          openSse(res);
          writeEvents(res, sequence('threads.create').events.slice(0, 3));
          await release.promise;
          writeEvents(res, sequence('threads.create').events.slice(3));
          res.end();
        },
      ),
    );
    const sent = session.sendUserMessage({ text: 'hi' });
    await waitForState(session, (s) => s.allowCancel);
    await session.loadThread('thr_other');
    await sent;
    const request = await server.request(0);
    await request.aborted;
    release.resolve();
    const state = session.getState();
    expect(state.items.map((i) => i.id)).toEqual(['other_1']);
    expect(state.status).toBe('idle');
  });
});

describe('session: history', () => {
  it('loads the newest page, pages back with loadOlder and reports load start/end', async () => {
    const all = Array.from({ length: 5 }, (_, i) => item(`m${i + 1}`));
    const { session, loads, server } = await setup(
      storedThread(() => all),
      { pageSize: 2 },
    );
    await session.loadThread(THREAD.id);
    let state = session.getState();
    expect(state.items.map((i) => i.id)).toEqual(['m4', 'm5']);
    expect([state.hasMoreBefore, state.beforeCursor]).toEqual([true, 'm4']);
    expect(loads).toEqual([`start:${THREAD.id}`, `end:${THREAD.id}`]);
    await session.loadOlder();
    await session.loadOlder();
    state = session.getState();
    expect(state.items.map((i) => i.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(state.hasMoreBefore).toBe(false);
    const before = server.requests.length;
    await session.loadOlder();
    expect(server.requests.length).toBe(before);
    expect(server.requests.find((r) => r.body.type === 'items.list')!.body).toEqual({
      type: 'items.list',
      params: { thread_id: THREAD.id, order: 'desc', limit: 2 },
    });
  });

  it('a failed load surfaces one error and ends the load', async () => {
    const { session, errors, loads } = await setup((_req, res) =>
      sendJson(res, { error: { code: 'not_found', message: 'No such thread.' } }, 404),
    );
    await session.loadThread('thr_missing');
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'not_found' }, thread: null });
    expect(errors.map((e) => e.code)).toEqual(['not_found']);
    expect(loads).toEqual(['start:thr_missing', 'end:thr_missing']);
  });

  it('a load that fails for another reason than not-found keeps the thread to retry: retry loads it again', async () => {
    let down = true;
    const stored = storedThread(() => [item('u1', 'user_message'), item('a1')]);
    const { session, server, errors } = await setup((req, res) => {
      if (down) return sendJson(res, { error: { code: 'unavailable', message: 'Try later.' } }, 503);
      return stored(req, res);
    });
    await session.loadThread(THREAD.id);
    expect(session.getState()).toMatchObject({
      status: 'error',
      thread: null,
      error: { code: 'unavailable', allowRetry: true, loadThreadId: THREAD.id },
    });
    expect(errors.map((e) => e.code)).toEqual(['unavailable']);
    await server.request(1); // both halves of the failed load arrived
    down = false;
    const before = server.requests.length;
    await session.retry();
    expect(
      server.requests
        .slice(before)
        .map((r) => r.body.type)
        .sort(),
    ).toEqual(['items.list', 'threads.get_by_id']);
    expect(session.getState()).toMatchObject({ status: 'idle', error: null, thread: { id: THREAD.id } });
    expect(session.getState().items.map((i) => i.id)).toEqual(['u1', 'a1']);
  });

  it('lists, renames and deletes threads', async () => {
    const { session, server } = await setup(
      storedThread(
        () => [],
        (req, res) => {
          if (req.body.type === 'threads.list') sendJson(res, { data: [THREAD], has_more: false });
          else if (req.body.type === 'threads.update')
            sendJson(res, { ...THREAD, title: (req.body as any).params.title });
          else sendJson(res, {});
        },
      ),
    );
    await session.loadThread(THREAD.id);
    expect((await session.listThreads({ limit: 5 })).data.map((t) => t.id)).toEqual([THREAD.id]);
    expect(server.requests.at(-1)!.body).toEqual({
      type: 'threads.list',
      params: { limit: 5, order: 'desc', after: null },
    });
    await session.renameThread(THREAD.id, 'Renamed');
    expect(session.getState().thread?.title).toBe('Renamed');
    await session.feedback(['m1'], 'positive');
    expect(server.requests.at(-1)!.body).toEqual({
      type: 'items.feedback',
      params: { thread_id: THREAD.id, item_ids: ['m1'], kind: 'positive' },
    });
    await session.deleteThread(THREAD.id);
    expect(session.getState().thread).toBeNull();
  });

  it('resume polls fetchUpdates until the answer of a reloaded thread is stored', async () => {
    let stored = [item('u1', 'user_message')];
    let polls = 0;
    const scheduler = new ManualScheduler(true);
    const { session } = await setup(
      storedThread(() => {
        polls++;
        if (polls === 3) stored = [...stored, item('a1')];
        return stored;
      }),
      { scheduler: scheduler.schedule },
    );
    await session.loadThread(THREAD.id);
    expect(session.getState().items.map((i) => i.id)).toEqual(['u1']);
    await session.resume();
    expect(session.getState().items.map((i) => i.id)).toEqual(['u1', 'a1']);
    expect(polls).toBe(3);
    // The load was poll 1; two waits of the default schedule (1 s, then 2 s) came before the answer.
    expect(scheduler.delays).toEqual([1000, 2000]);
  });

  it('resume backs off between polls and gives up after a few when no answer is ever stored', async () => {
    // Each poll is recorded with the virtual time it happened at: the waits come from the injected
    // scheduler, so the back-off is checked exactly and a loaded machine cannot skew it.
    const scheduler = new ManualScheduler(true);
    const polls: number[] = [];
    const { session } = await setup(
      storedThread(() => {
        polls.push(scheduler.now);
        return [item('u1', 'user_message')];
      }),
      { scheduler: scheduler.schedule },
    );
    await session.loadThread(THREAD.id);
    polls.length = 0;
    await session.resume({ intervalMs: 10, maxIntervalMs: 100 });
    // Six polls by default (not forty), each wait twice the previous one up to the cap.
    expect(scheduler.delays).toEqual([10, 20, 40, 80, 100, 100]);
    expect(polls).toEqual([10, 30, 70, 150, 250, 350]);
  });

  it('resume re-checks after its wait: a turn streamed meanwhile ends the polling without a stale poll', async () => {
    const scheduler = new ManualScheduler();
    const stored = [item('u1', 'user_message')];
    const { session, server } = await setup(
      storedThread(
        () => stored,
        (_req, res) => {
          const user = item('u2', 'user_message');
          const answer = item('a2');
          stored.push(user, answer);
          sendSse(res, [
            { type: 'thread.item.done', item: user },
            { type: 'thread.item.done', item: answer },
          ]);
        },
      ),
      { scheduler: scheduler.schedule },
    );
    await session.loadThread(THREAD.id);
    const resumed = session.resume();
    await scheduler.whenPending();
    await session.sendUserMessage({ text: 'still there?' });
    expect(session.getState().status).toBe('idle');
    // The wait ends only after the turn streamed, whatever the machine's load.
    await scheduler.fireNext();
    await resumed;
    const types = server.requests.map((r) => r.body.type);
    expect(types.slice(types.indexOf('threads.add_user_message') + 1)).toEqual([]);
    expect(session.getState().items.map((i) => i.id)).toEqual(['u1', 'u2', 'a2']);
  });

  it('answers a structured input', async () => {
    const pending = load('items/structured_input.pending.json');
    const answered = sequence('threads.add_structured_input');
    const { session, server } = await setup(
      storedThread(
        () => [pending],
        (_req, res) => sendSse(res, answered.events),
      ),
    );
    await session.loadThread(THREAD.id);
    await session.addStructuredInput(pending.id, answered.request.params.input);
    expect(server.requests.at(-1)!.body).toEqual({
      ...answered.request,
      params: { ...answered.request.params, thread_id: THREAD.id },
    });
    expect(
      session.getState().items.map((i) => [i.id, i.type === 'structured_input' ? i.status : i.type]),
    ).toEqual([
      [pending.id, 'answered'],
      ['msg_82c4f6a03b1d', 'assistant_message'],
    ]);
  });
});
