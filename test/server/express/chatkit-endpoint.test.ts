/**
 * POST /chatkit against the real server (Express on loopback, SQLite in a temp dir, real fetch): every
 * streaming and non-streaming request type, SSE framing and headers, JSON error answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ThreadItem,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
  WidgetRoot,
} from '../../../src/protocol/types.js';
import type { ServerHooks } from '../../../server/main.js';
import { createScriptedResponder, userText } from '../../../server/responders/scripted.js';
import { readEvents, startTestServer, textInput, type TestServer } from '../../support/test-server.js';

const scripted = createScriptedResponder({ delayMs: 0 });
const CARD = {
  type: 'Card',
  children: [{ type: 'Text', id: 'greeting', value: 'Hello' }],
} as unknown as WidgetRoot;

/** A responder that can also end a turn with a client tool call, a question or a widget. */
const hooks: ServerHooks = {
  async *respond(thread, input, ctx) {
    const text = userText(input);
    if (text === 'use a tool') {
      yield ctx.events.done({
        id: ctx.generateId('tool_call'),
        thread_id: thread.id,
        created_at: ctx.now(),
        type: 'client_tool_call',
        status: 'pending',
        call_id: 'call_1',
        name: 'get_time',
        arguments: { zone: 'UTC' },
      });
      return;
    }
    if (text === 'ask me') {
      yield ctx.events.done({
        id: ctx.generateId('message'),
        thread_id: thread.id,
        created_at: ctx.now(),
        type: 'structured_input',
        status: 'pending',
        inputs: [{ type: 'freeform', id: 'why', question: 'Why?' }],
      });
      return;
    }
    if (text === 'show a widget') {
      yield* ctx.streamWidget(CARD);
      return;
    }
    yield* scripted(thread, input, ctx);
  },
  async *action(_thread, action, _sender, ctx) {
    yield ctx.events.done(ctx.assistantMessage(`Action ${action.type} done`));
  },
  async syncAction(_thread, _action, sender) {
    if (!sender) return {};
    const widget = {
      type: 'Card',
      children: [{ type: 'Text', id: 'greeting', value: 'Updated' }],
    } as unknown as WidgetRoot;
    return { updated_item: { ...sender, widget } };
  },
  async transcribe(audio, mimeType) {
    return { text: `heard ${audio.byteLength} bytes of ${mimeType.split(';')[0]}` };
  },
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ hooks });
});
afterAll(async () => {
  await server.close();
});

function types(events: ThreadStreamEvent[]): string[] {
  return events.map((event) =>
    event.type === 'thread.item.updated' ? `${event.type}:${event.update.type.split('.').pop()}` : event.type,
  );
}

async function createThread(
  text: string,
  user = server.user,
): Promise<{ threadId: string; events: ThreadStreamEvent[] }> {
  const events = await server.stream({ type: 'threads.create', params: { input: textInput(text) } }, user);
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error(`first event was ${created?.type}`);
  return { threadId: created.thread.id, events };
}

function doneItems(events: ThreadStreamEvent[]): ThreadItem[] {
  return events.flatMap((event) => (event.type === 'thread.item.done' ? [event.item] : []));
}

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
    const { threadId } = await createThread('hello');
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
    const { threadId, events: first } = await createThread('use a tool');
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
    const { threadId, events: first } = await createThread('ask me');
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
    const { threadId, events: first } = await createThread('hello');
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
    const { threadId, events: first } = await createThread('show a widget');
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

describe('non-streaming requests', () => {
  it('threads.get_by_id, threads.list, threads.update, items.list, items.feedback and threads.delete', async () => {
    const user = server.newUser();
    const { threadId } = await createThread('hello there', user);

    const thread = await server.json({ type: 'threads.get_by_id', params: { thread_id: threadId } }, user);
    expect(thread).toMatchObject({ id: threadId, status: { type: 'active' }, metadata: {} });
    expect(thread.items.data.map((item: ThreadItem) => item.type)).toEqual([
      'user_message',
      'assistant_message',
    ]);

    const list = await server.json({ type: 'threads.list', params: {} }, user);
    expect(list).toMatchObject({
      data: [{ id: threadId, items: { data: [], has_more: false } }],
      has_more: false,
    });

    const renamed = await server.json(
      { type: 'threads.update', params: { thread_id: threadId, title: 'Renamed' } },
      user,
    );
    expect(renamed).toMatchObject({ id: threadId, title: 'Renamed', items: { data: [], has_more: false } });

    const page = await server.json({ type: 'items.list', params: { thread_id: threadId, limit: 1 } }, user);
    expect(page.data).toHaveLength(1);
    expect(page.data[0].type).toBe('assistant_message');
    expect(page.has_more).toBe(true);
    expect(page.after).toBe(page.data[0].id);

    const feedback = {
      type: 'items.feedback',
      params: { thread_id: threadId, item_ids: [page.data[0].id], kind: 'positive' },
    };
    expect(await server.json(feedback, user)).toEqual({});
    expect(await server.json({ type: 'threads.delete', params: { thread_id: threadId } }, user)).toEqual({});

    const gone = await server.post({ type: 'threads.get_by_id', params: { thread_id: threadId } }, { user });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('attachments.create, the upload PUT, the preview GET and attachments.delete', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const attachment = await server.json({
      type: 'attachments.create',
      params: { name: 'dot.png', size: bytes.byteLength, mime_type: 'image/png' },
    });
    expect(attachment).toMatchObject({
      type: 'image',
      name: 'dot.png',
      upload_descriptor: { method: 'PUT', headers: {} },
    });
    expect(attachment.metadata).toBeUndefined();
    expect(attachment.upload_descriptor.url).toMatch(
      new RegExp(`^${server.url}/chatkit/uploads/${attachment.id}\\?t=`),
    );

    const upload = await fetch(attachment.upload_descriptor.url, { method: 'PUT', body: bytes });
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ id: attachment.id, type: 'image' });

    const preview = await fetch(attachment.preview_url);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(preview.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await preview.arrayBuffer())).toEqual(bytes);

    const forged = await fetch(attachment.preview_url.replace(/t=.{6}/, 't=AAAAAA'));
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'invalid_token' } });

    // The uploaded image can be sent with a message; the stored message embeds the full attachment.
    const events = await server.stream({
      type: 'threads.create',
      params: { input: { ...textInput('look'), attachments: [attachment.id] } },
    });
    const message = doneItems(events)[0] as UserMessageItem;
    expect(message.attachments[0]).toMatchObject({ id: attachment.id, type: 'image' });

    expect(
      await server.json({ type: 'attachments.delete', params: { attachment_id: attachment.id } }),
    ).toEqual({});
    expect((await fetch(attachment.preview_url)).status).toBe(404);
  });

  it('input.transcribe hands the decoded audio to the hook', async () => {
    const audio = Buffer.from('fake-audio').toString('base64');
    const result = await server.json({
      type: 'input.transcribe',
      params: { audio_base64: audio, mime_type: 'audio/webm;codecs=opus' },
    });
    expect(result).toEqual({ text: 'heard 10 bytes of audio/webm' });
  });
});

describe('errors', () => {
  it('unknown thread → 404 not_found JSON', async () => {
    const response = await server.post({ type: 'threads.get_by_id', params: { thread_id: 'thr_missing' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({
      error: { code: 'not_found', message: expect.any(String) },
    });
  });

  it('unknown thread on a streaming request → 404 JSON, not a cut stream', async () => {
    const response = await server.post({
      type: 'threads.add_user_message',
      params: { thread_id: 'thr_missing', input: textInput('hi') },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it("another user's thread is not found", async () => {
    const { threadId } = await createThread('private');
    const response = await server.post(
      { type: 'items.list', params: { thread_id: threadId } },
      { user: server.newUser() },
    );
    expect(response.status).toBe(404);
  });

  it('missing user header → 401 missing_user; malformed → 400 invalid_user', async () => {
    const missing = await server.post({ type: 'threads.list', params: {} }, { user: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { code: 'missing_user', message: 'Missing x-chatkit-user header' },
    });
    for (const bad of ['short', 'has space in it', 'x'.repeat(129), 'ünïcödé-user']) {
      const response = await server.post(
        { type: 'threads.list', params: {} },
        { headers: { 'x-chatkit-user': encodeURI(bad) } },
      );
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_user');
    }
  });

  it('body larger than the limit → 413 payload_too_large', async () => {
    const title = 'x'.repeat(1024 * 1024 + 10);
    const response = await server.post({ type: 'threads.update', params: { thread_id: 'thr_x', title } });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('other methods on the endpoint → 405; unknown routes → 404 JSON', async () => {
    const get = await fetch(`${server.url}/chatkit`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await get.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const unknown = await fetch(`${server.url}/no/such/route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('GET /health', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('an SSE body can also be read incrementally by the shared decoder', async () => {
    const response = await server.post({ type: 'threads.create', params: { input: textInput('hi') } });
    const events = await readEvents(response);
    expect(events[0]?.type).toBe('thread.created');
  });
});
