/**
 * POST /chatkit streaming request types against the real server (Express on loopback, SQLite in a temp dir,
 * real fetch): SSE headers and framing, event order per type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ThreadItem,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
} from '../../../src/protocol/types.js';
import { createThread, doneItems, richTestHooks, types } from '../../support/rich-test-responder.js';
import { startTestServer, textInput, type TestServer } from '../../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ hooks: richTestHooks });
});
afterAll(async () => {
  await server.close();
});

describe('streaming requests', () => {
  it('threads.create answers SSE with the right headers, one data line per event, in protocol order', async () => {
    const response = await server.post({
      type: 'threads.create',
      params: { input: textInput('show me a table') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('content-encoding')).toBeNull();
    const raw = await response.text();
    // Nothing but `data: <json>\n\n` frames: no event names, ids, comments or end marker (§1.3).
    expect(raw).toMatch(/^(data: [^\n]+\n\n)+$/);
    const events = raw
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => JSON.parse(frame.slice('data: '.length)) as ThreadStreamEvent);

    const order = types(events);
    expect(order.slice(0, 5)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated:added',
    ]);
    expect(order.filter((type) => type === 'thread.item.updated:text_delta').length).toBeGreaterThan(3);
    expect(order.slice(-3)).toEqual(['thread.item.updated:done', 'thread.item.done', 'thread.updated']);

    const deltas = events.flatMap((event) =>
      event.type === 'thread.item.updated' &&
      event.update.type === 'assistant_message.content_part.text_delta'
        ? [event.update.delta]
        : [],
    );
    const answer = doneItems(events).find((item) => item.type === 'assistant_message');
    expect(answer?.type === 'assistant_message' && answer.content[0]?.text).toBe(deltas.join(''));
    expect(deltas.join('')).toContain('| Plan |');
    const updated = events.at(-1);
    expect(updated?.type === 'thread.updated' && updated.thread.title).toBe('Show me a table');
  });

  it('threads.add_user_message streams the user message, then the answer', async () => {
    const { threadId } = await createThread(server, 'hello');
    const events = await server.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('give me some code') },
    });
    expect(types(events).slice(0, 3)).toEqual(['thread.item.done', 'stream_options', 'thread.item.added']);
    const [user, answer] = doneItems(events);
    expect(user?.type).toBe('user_message');
    expect(answer?.type === 'assistant_message' && answer.content[0]?.text).toContain('```html');
    // The title was set by the first exchange and is not changed again.
    expect(types(events)).not.toContain('thread.updated');
  });

  it('threads.add_client_tool_output completes the pending call and resumes', async () => {
    const { threadId, events: first } = await createThread(server, 'use a tool');
    const call = doneItems(first).at(-1);
    expect(call).toMatchObject({ type: 'client_tool_call', status: 'pending', name: 'get_time' });
    const events = await server.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadId, result: { time: '12:00' } },
    });
    expect(types(events)[0]).toBe('stream_options');
    expect(doneItems(events).at(-1)?.type).toBe('assistant_message');
    const items = await server.json({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } });
    expect(items.data.find((item: ThreadItem) => item.type === 'client_tool_call')).toMatchObject({
      status: 'completed',
      output: { time: '12:00' },
    });
  });

  it('threads.add_structured_input replaces the question with the answered item', async () => {
    const { threadId, events: first } = await createThread(server, 'ask me');
    const question = doneItems(first).at(-1)!;
    const events = await server.stream({
      type: 'threads.add_structured_input',
      params: {
        thread_id: threadId,
        item_id: question.id,
        input: { answers: { why: { values: ['because'] } } },
      },
    });
    expect(types(events).slice(0, 2)).toEqual(['stream_options', 'thread.item.replaced']);
    const replaced = events[1];
    expect(replaced?.type === 'thread.item.replaced' && replaced.item).toMatchObject({
      id: question.id,
      status: 'answered',
      inputs: [{ id: 'why', answer: { values: ['because'], skipped: false } }],
    });
  });

  it('threads.retry_after_item regenerates the answer after a user message', async () => {
    const { threadId, events: first } = await createThread(server, 'hello');
    const [user, oldAnswer] = doneItems(first) as [UserMessageItem, ThreadItem];
    const events = await server.stream({
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: user.id },
    });
    expect(types(events)[0]).toBe('stream_options');
    const newAnswer = doneItems(events).at(-1)!;
    const items = await server.json({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } });
    expect(items.data.map((item: ThreadItem) => item.id)).toEqual([user.id, newAnswer.id]);
    expect(newAnswer.id).not.toBe(oldAnswer.id);
  });

  it('threads.custom_action streams the action handler output; sync_custom_action answers JSON', async () => {
    const { threadId, events: first } = await createThread(server, 'show a widget');
    const widget = doneItems(first).find((item): item is WidgetItem => item.type === 'widget')!;
    const events = await server.stream({
      type: 'threads.custom_action',
      params: { thread_id: threadId, item_id: widget.id, action: { type: 'greet', payload: { n: 1 } } },
    });
    expect(types(events)[0]).toBe('stream_options');
    const answer = doneItems(events).at(-1);
    expect(answer?.type === 'assistant_message' && answer.content[0]?.text).toBe('Action greet done');

    const sync = await server.json({
      type: 'threads.sync_custom_action',
      params: { thread_id: threadId, item_id: widget.id, action: { type: 'rename' } },
    });
    expect(sync.updated_item).toMatchObject({ id: widget.id, type: 'widget', widget: { type: 'Card' } });
  });
});
