/**
 * `scheduleNotify`: while an answer streams, the session tells its listeners about a burst of events once per
 * tick (the element passes one per animation frame) instead of once per event, without delaying the hooks
 * (`onResponseStart`, `onThreadChange`, …), changing their order, or losing state: `getState()` is always
 * current, and a status change (end of stream, error) is published at once.
 */
import { describe, expect, it, vi } from 'vitest';

import type { SessionState } from '../../src/protocol/session-types.js';
import type { ThreadItem, ThreadStreamEvent } from '../../src/protocol/types.js';
import { deferred, openSse, sendJson, writeEvents, type Handler } from '../fixtures/sse/scripted-server.js';
import { scriptedSessions } from '../support/scripted-session.js';

const T = '2026-05-19T14:03:10.257063';
const THREAD = 'thr_notify';
const MSG = 'msg_answer';

const open = scriptedSessions();

const deltas = (from: number, to: number): ThreadStreamEvent[] =>
  Array.from({ length: to - from }, (_, i) => ({
    type: 'thread.item.updated',
    item_id: MSG,
    update: {
      type: 'assistant_message.content_part.text_delta',
      content_index: 0,
      delta: `w${from + i} `,
    },
  }));
const words = (count: number) => Array.from({ length: count }, (_, i) => `w${i} `).join('');

const thread = {
  id: THREAD,
  created_at: T,
  status: { type: 'active' as const },
  metadata: {},
  items: { data: [], has_more: false },
};
const userMessage: ThreadItem = {
  id: 'msg_user',
  thread_id: THREAD,
  created_at: T,
  type: 'user_message',
  content: [{ type: 'input_text', text: 'hi' }],
  attachments: [],
  inference_options: {},
};
const opening: ThreadStreamEvent[] = [
  { type: 'thread.created', thread },
  { type: 'thread.item.done', item: userMessage },
  {
    type: 'thread.item.added',
    item: { id: MSG, thread_id: THREAD, created_at: T, type: 'assistant_message', content: [] },
  },
];

const answer = (count: number): ThreadItem => ({
  id: MSG,
  thread_id: THREAD,
  created_at: T,
  type: 'assistant_message',
  content: [{ type: 'output_text', text: words(count), annotations: [] }],
});

const answerText = (state: SessionState) => {
  const item = state.items.find((i) => i.id === MSG);
  return item?.type === 'assistant_message' ? item.content.map((p) => p.text).join('') : undefined;
};

/** A session whose notification ticks run only when the test says so, and a log of what happened in order. */
async function setup(handler: Handler) {
  const ticks: Array<() => void> = [];
  const log: string[] = [];
  const published: SessionState[] = [];
  const { session } = await open(handler, {
    scheduleNotify: (notify) => void ticks.push(notify),
    onResponseStart: () => log.push('response.start'),
    onResponseEnd: () => log.push(`response.end ${answerText(session.getState())?.length}`),
    onThreadChange: ({ threadId }) => log.push(`thread.change ${threadId}`),
    onError: ({ error }) => log.push(`error ${error.code}`),
  });
  session.subscribe((state) => {
    published.push(state);
    log.push(`notify ${state.status} ${answerText(state)?.length ?? '-'}`);
  });
  const runTicks = () => {
    for (const tick of ticks.splice(0)) tick();
  };
  return { session, ticks, log, published, runTicks };
}

describe('session: notifications while streaming', () => {
  it('publishes a burst of deltas once per tick, with hooks at once and in order', async () => {
    const midway = deferred();
    const { session, ticks, log, published, runTicks } = await setup(async (_req, res) => {
      openSse(res);
      writeEvents(res, [...opening, ...deltas(0, 300)]);
      await midway.promise;
      writeEvents(res, deltas(300, 600));
      writeEvents(res, [
        {
          type: 'thread.item.done',
          item: {
            id: MSG,
            thread_id: THREAD,
            created_at: T,
            type: 'assistant_message',
            content: [{ type: 'output_text', text: words(600), annotations: [] }],
          },
        },
      ]);
      res.end();
    });
    const sent = session.sendUserMessage({ text: 'hi' });
    // The state is current without any tick having run; listeners have heard nothing yet.
    await vi.waitFor(() => expect(answerText(session.getState())).toBe(words(300)));
    expect(published).toEqual([]);
    expect(ticks.length).toBe(1);
    expect(log).toEqual(['response.start', `thread.change ${THREAD}`]);

    runTicks();
    expect(published.length).toBe(1);
    expect(published[0]).toBe(session.getState());
    expect(answerText(published[0]!)).toBe(words(300));
    // A tick with nothing new publishes nothing.
    runTicks();
    expect(published.length).toBe(1);

    midway.resolve();
    await sent;
    // The end of the stream is a status change: published at once, before `response.end`, with the whole
    // answer; the tick scheduled for the second burst then finds nothing left to publish.
    runTicks();
    expect(log).toEqual([
      'response.start',
      `thread.change ${THREAD}`,
      `notify streaming ${words(300).length}`,
      `notify idle ${words(600).length}`,
      `response.end ${words(600).length}`,
    ]);
    expect(session.getState().status).toBe('idle');
  });

  it('lets only the newest tick publish: one left over from an earlier burst does nothing', async () => {
    const second = deferred();
    let requests = 0;
    const { session, ticks, published, runTicks } = await setup(async (_req, res) => {
      openSse(res);
      if (++requests === 1) {
        writeEvents(res, [...opening, ...deltas(0, 10), { type: 'thread.item.done', item: answer(10) }]);
        res.end();
        return;
      }
      writeEvents(res, [
        { type: 'thread.item.done', item: { ...userMessage, id: 'msg_user_2' } },
        { type: 'thread.item.added', item: { ...answer(0), id: 'msg_2', content: [] } },
      ]);
      await second.promise;
      res.end();
    });
    await session.sendUserMessage({ text: 'hi' });
    // The first answer was published when its stream ended; its tick is left over.
    const stale = ticks.splice(0);
    expect(stale.length).toBe(1);
    const before = published.length;
    const sent = session.sendUserMessage({ text: 'again' });
    await vi.waitFor(() => expect(session.getState().items.map((i) => i.id)).toContain('msg_2'));
    for (const run of stale) run();
    expect(published.length).toBe(before);
    runTicks();
    expect(published.length).toBe(before + 1);
    expect(published.at(-1)!.items.map((i) => i.id)).toContain('msg_2');
    second.resolve();
    await sent;
  });

  it('publishes the partial answer at once when the connection drops mid-burst', async () => {
    const { session, log, published, ticks } = await setup(async (req, res) => {
      // The refetch after the failure: the server stored the user message, not the answer.
      if (req.body.type === 'threads.get_by_id') return sendJson(res, { ...thread, items: undefined });
      if (req.body.type === 'items.list') return sendJson(res, { data: [userMessage], has_more: false });
      openSse(res);
      writeEvents(res, [...opening, ...deltas(0, 200)]);
      await new Promise((resolve) => res.write('', resolve));
      res.socket!.destroy();
    });
    // No tick runs at all: the failure must not wait for one.
    await session.sendUserMessage({ text: 'hi' });
    const last = published[published.length - 1]!;
    expect(last.status).toBe('error');
    expect(last.error?.code).toBe('stream.interrupted');
    expect(answerText(last)).toBe(words(200));
    expect(log.slice(0, 4)).toEqual([
      'response.start',
      `thread.change ${THREAD}`,
      `notify error ${words(200).length}`,
      'error stream.interrupted',
    ]);
    expect(log).toContain(`response.end ${words(200).length}`);
    expect(ticks.length).toBeGreaterThan(0);
    // The refetch that reconciles with the server keeps the partial answer the server does not have.
    expect(answerText(session.getState())).toBe(words(200));
  });
});
