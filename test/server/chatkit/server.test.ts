/**
 * ChatKitServer: JSON operations, pre-flight errors (thrown before any event), persistence rules and
 * cross-user isolation on every request type. Real SQLite file, deterministic ids and clock.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskAttachmentStore } from '../../../server/chatkit/attachment-store.js';
import { HttpError } from '../../../server/chatkit/errors.js';
import type { ChatKitServerOptions } from '../../../server/chatkit/types.js';
import type { RequestContext } from '../../../server/stores/store.js';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '../../../src/protocol/types.js';

/** The 8 bytes every PNG starts with (uploads are sniffed against their declared type). */
const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
import { collect, json, makeServer } from './helpers.js';

const alice: RequestContext = { userId: 'alice' };
const bob: RequestContext = { userId: 'bob' };
const input = (text: string, attachments: string[] = []) => ({
  content: [{ type: 'input_text', text }],
  attachments,
  inference_options: {},
});

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

function setup(options: Partial<ChatKitServerOptions<RequestContext>> = {}) {
  const made = makeServer({
    respond: async function* (_thread, _input, ctx) {
      yield ctx.events.done(ctx.assistantMessage('Hello'));
    },
    ...options,
  });
  cleanups.push(made.cleanup);
  return made;
}

async function expectHttpError(promise: Promise<unknown>, status: number, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpError);
  expect(error).toMatchObject({ status, code });
  if (message) expect((error as Error).message).toMatch(message);
}

async function createThread(server: ReturnType<typeof setup>['server'], context = alice) {
  const events = await collect(
    await server.process({ type: 'threads.create', params: { input: input('Hi') } }, context),
  );
  const created = events[0] as Extract<ThreadStreamEvent, { type: 'thread.created' }>;
  return { threadId: created.thread.id, events };
}

const widget = (threadId: string, id = 'msg_widget'): WidgetItem => ({
  id,
  thread_id: threadId,
  created_at: '2026-05-19T14:03:20.000Z',
  type: 'widget',
  widget: { type: 'Card', children: [{ type: 'Text', id: 'status', value: 'Pending' }] },
});

describe('JSON operations', () => {
  it('threads.get_by_id returns metadata {} and the oldest 20 visible items ascending', async () => {
    const { server, store } = setup();
    const { threadId } = await createThread(server);
    const thread = await store.loadThread(threadId, alice);
    await store.saveThread({ ...thread, metadata: { secret: 'private' } }, alice);
    for (let i = 0; i < 25; i++) {
      await store.addThreadItem(
        threadId,
        { id: `msg_x${i}`, thread_id: threadId, created_at: '2026-05-19T15:00:00Z', type: 'end_of_turn' },
        alice,
      );
    }
    const body = json(
      await server.process({ type: 'threads.get_by_id', params: { thread_id: threadId } }, alice),
    );
    expect(body.metadata).toEqual({});
    expect(body.items.data).toHaveLength(20);
    expect(body.items.data[0].type).toBe('user_message');
    expect(body.items).toMatchObject({ has_more: true });
    expect(JSON.stringify(body)).not.toContain('null');
  });

  it('threads.list pages desc by default with limit 20, and threads.update only changes the title', async () => {
    const { server } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createThread(server)).threadId);
    const page = json(await server.process({ type: 'threads.list', params: { limit: 2 } }, alice));
    expect(page.data.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
    expect(page).toMatchObject({ has_more: true, after: ids[1] });
    expect(page.data[0].items).toEqual({ data: [], has_more: false });
    const rest = json(
      await server.process({ type: 'threads.list', params: { after: page.after, limit: 0 } }, alice),
    );
    expect(rest.data.map((t: { id: string }) => t.id)).toEqual([ids[0]]);
    const updated = json(
      await server.process({ type: 'threads.update', params: { thread_id: ids[0], title: 'Named' } }, alice),
    );
    expect(updated).toMatchObject({
      id: ids[0],
      title: 'Named',
      status: { type: 'active' },
      metadata: {},
      items: { data: [], has_more: false },
    });
    expect(
      json(await server.process({ type: 'threads.delete', params: { thread_id: ids[0] } }, alice)),
    ).toEqual({});
    await expectHttpError(
      server.process({ type: 'threads.get_by_id', params: { thread_id: ids[0] } }, alice),
      404,
      'not_found',
    );
  });

  it('items.list pages desc by default and filters hidden items after paging', async () => {
    const { server, store } = setup();
    const { threadId } = await createThread(server);
    await store.addThreadItem(
      threadId,
      {
        id: 'shcx_1',
        thread_id: threadId,
        created_at: '2026-05-19T16:00:00Z',
        type: 'sdk_hidden_context',
        content: 'x',
      },
      alice,
    );
    const page = json(
      await server.process({ type: 'items.list', params: { thread_id: threadId, limit: 2 } }, alice),
    );
    // The newest two are the hidden note and the reply; the note is removed after paging.
    expect(page.data.map((item: ThreadItem) => item.type)).toEqual(['assistant_message']);
    expect(page.has_more).toBe(true);
  });

  it('items.feedback calls the hook; transcribe defaults to 501 and uses the hook when given', async () => {
    const feedback: unknown[] = [];
    const { server } = setup({
      addFeedback: (threadId, itemIds, kind) => void feedback.push([threadId, itemIds, kind]),
    });
    const { threadId } = await createThread(server);
    expect(
      json(
        await server.process(
          { type: 'items.feedback', params: { thread_id: threadId, item_ids: ['a'], kind: 'positive' } },
          alice,
        ),
      ),
    ).toEqual({});
    expect(feedback).toEqual([[threadId, ['a'], 'positive']]);
    const transcribe = {
      type: 'input.transcribe',
      params: { audio_base64: Buffer.from('abc').toString('base64'), mime_type: 'audio/webm;codecs=opus' },
    };
    await expectHttpError(server.process(transcribe, alice), 501, 'not_implemented');
    const { server: dictating } = setup({
      transcribe: async (audio, mimeType) => ({ text: `${Buffer.from(audio).toString()} ${mimeType}` }),
    });
    expect(json(await dictating.process(transcribe, alice))).toEqual({ text: 'abc audio/webm;codecs=opus' });
    const garbled = { ...transcribe, params: { ...transcribe.params, audio_base64: 'not base64!' } };
    await expectHttpError(dictating.process(garbled, alice), 400, 'invalid_request');
  });

  it('attachments: create with a PUT descriptor, upload raw bytes, embed in a message, delete', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'chatkit-files-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    const made = setup();
    const attachmentStore = new DiskAttachmentStore({
      directory,
      store: made.store,
      uploadUrl: (id) => `https://app.example/chatkit/uploads/${id}`,
      previewUrl: (id) => `https://app.example/chatkit/files/${id}`,
    });
    const { server } = setup({ store: made.store, attachmentStore });
    await expectHttpError(
      made.server.process(
        { type: 'attachments.create', params: { name: 'a', size: 1, mime_type: 'text/plain' } },
        alice,
      ),
      501,
      'not_implemented',
    );
    const created = json(
      await server.process(
        { type: 'attachments.create', params: { name: 'plan.png', size: 8, mime_type: 'image/png' } },
        alice,
      ),
    );
    expect(created).toEqual({
      id: 'atc_00000001',
      type: 'image',
      name: 'plan.png',
      mime_type: 'image/png',
      preview_url: 'https://app.example/chatkit/files/atc_00000001',
      upload_descriptor: {
        url: 'https://app.example/chatkit/uploads/atc_00000001',
        method: 'PUT',
        headers: {},
      },
    });
    await expect(
      attachmentStore.writeUpload(
        created.id,
        (async function* () {
          yield new Uint8Array([...PNG_SIGNATURE, 9]);
        })(),
        alice,
      ),
    ).rejects.toMatchObject({ status: 413 });
    await expect(
      attachmentStore.writeUpload(
        created.id,
        (async function* () {
          yield PNG_SIGNATURE;
        })(),
        bob,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    await attachmentStore.writeUpload(
      created.id,
      (async function* () {
        yield PNG_SIGNATURE;
      })(),
      alice,
    );
    expect([...readFileSync(join(directory, created.id))]).toEqual([...PNG_SIGNATURE]);
    const events = await collect(
      await server.process({ type: 'threads.create', params: { input: input('see', [created.id]) } }, alice),
    );
    const message = events[1] as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    expect(message.item).toMatchObject({
      attachments: [
        { id: created.id, thread_id: events[0].type === 'thread.created' && events[0].thread.id },
      ],
    });
    expect(JSON.stringify(events)).not.toContain('metadata":{"size');
    expect(
      json(
        await server.process({ type: 'attachments.delete', params: { attachment_id: created.id } }, alice),
      ),
    ).toEqual({});
    expect(() => readFileSync(join(directory, created.id))).toThrow();
    await expectHttpError(
      server.process({ type: 'attachments.delete', params: { attachment_id: created.id } }, alice),
      404,
      'not_found',
    );
  });

  it('threads.sync_custom_action persists and returns updated_item; default is 501; non-widget is 400', async () => {
    const { server, store } = setup({
      syncAction: async (_thread, action, sender) => ({
        updated_item: sender && {
          ...sender,
          widget: { type: 'Card', children: [{ type: 'Text', value: String(action.payload) }] },
        },
      }),
    });
    const { threadId } = await createThread(server);
    await store.addThreadItem(threadId, widget(threadId), alice);
    const body = json(
      await server.process(
        {
          type: 'threads.sync_custom_action',
          params: { thread_id: threadId, item_id: 'msg_widget', action: { type: 'x', payload: 'done' } },
        },
        alice,
      ),
    );
    expect(body.updated_item.widget.children[0].value).toBe('done');
    expect(await store.loadItem(threadId, 'msg_widget', alice)).toEqual(body.updated_item);
    const userMessageId = (await store.loadThreadItems(threadId, { limit: 1, order: 'asc' }, alice)).data[0]
      .id;
    await expectHttpError(
      server.process(
        {
          type: 'threads.sync_custom_action',
          params: { thread_id: threadId, item_id: userMessageId, action: { type: 'x' } },
        },
        alice,
      ),
      400,
      'invalid_request',
      /params\.item_id/,
    );
    const { server: plain, store: plainStore } = setup();
    const { threadId: other } = await createThread(plain);
    await plainStore.addThreadItem(other, widget(other), alice);
    await expectHttpError(
      plain.process(
        {
          type: 'threads.sync_custom_action',
          params: { thread_id: other, item_id: 'msg_widget', action: { type: 'x' } },
        },
        alice,
      ),
      501,
      'not_implemented',
    );
  });
});

describe('pre-flight errors are thrown before any event', () => {
  it('invalid bodies are 400 invalid_request naming the field', async () => {
    const { server } = setup();
    await expectHttpError(
      server.process({ type: 'threads.get_by_id', params: { thread_id: 5 } }, alice),
      400,
      'invalid_request',
      /^params\.thread_id: expected string$/,
    );
    await expectHttpError(
      server.process({ type: 'nope', params: {} }, alice),
      400,
      'invalid_request',
      /unknown request type "nope"/,
    );
  });

  it('conflicts and wrong targets are 409/400/404', async () => {
    const { server, store } = setup();
    const { threadId } = await createThread(server);
    const items = (await store.loadThreadItems(threadId, { limit: 5, order: 'asc' }, alice)).data;
    const [question, answer] = items;
    await expectHttpError(
      server.process(
        { type: 'threads.add_client_tool_output', params: { thread_id: threadId, result: 1 } },
        alice,
      ),
      409,
      'conflict',
      /no pending client tool call/,
    );
    await expectHttpError(
      server.process(
        { type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: answer.id } },
        alice,
      ),
      400,
      'invalid_request',
      /not a user_message/,
    );
    await expectHttpError(
      server.process(
        { type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: 'msg_missing' } },
        alice,
      ),
      404,
      'not_found',
    );
    await expectHttpError(
      server.process(
        {
          type: 'threads.add_structured_input',
          params: { thread_id: threadId, item_id: question.id, input: {} },
        },
        alice,
      ),
      400,
      'invalid_request',
    );
    await store.addThreadItem(
      threadId,
      {
        id: 'msg_si',
        thread_id: threadId,
        created_at: '2026-05-19T17:00:00Z',
        type: 'structured_input',
        status: 'answered',
        inputs: [],
      },
      alice,
    );
    await expectHttpError(
      server.process(
        {
          type: 'threads.add_structured_input',
          params: { thread_id: threadId, item_id: 'msg_si', input: {} },
        },
        alice,
      ),
      409,
      'conflict',
      /not pending/,
    );
    await expectHttpError(
      server.process(
        {
          type: 'threads.custom_action',
          params: { thread_id: threadId, item_id: 'msg_missing', action: { type: 'x' } },
        },
        alice,
      ),
      404,
      'not_found',
    );
    await expectHttpError(
      server.process(
        {
          type: 'threads.add_user_message',
          params: { thread_id: threadId, input: input('x', ['atc_missing']) },
        },
        alice,
      ),
      404,
      'not_found',
    );
  });

  it('a custom action on a non-widget item is a single stream.error without stream_options', async () => {
    const { server, store } = setup();
    const { threadId } = await createThread(server);
    const [question] = (await store.loadThreadItems(threadId, { limit: 1, order: 'asc' }, alice)).data;
    const events = await collect(
      await server.process(
        {
          type: 'threads.custom_action',
          params: { thread_id: threadId, item_id: question.id, action: { type: 'x' } },
        },
        alice,
      ),
    );
    expect(events).toEqual([{ type: 'error', code: 'stream.error', allow_retry: false }]);
  });
});

describe('response phase persistence', () => {
  it('threads.create stores the thread and its first message in one SQLite commit, before thread.created', async () => {
    const { server, store } = setup();
    const commitsBefore = store.commits;
    const result = await server.process({ type: 'threads.create', params: { input: input('Hi') } }, alice);
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const iterator = result.events[Symbol.asyncIterator]();
    const created = (await iterator.next()).value as Extract<ThreadStreamEvent, { type: 'thread.created' }>;
    expect(created.type).toBe('thread.created');
    expect(store.commits - commitsBefore).toBe(1);
    // Both are on disk when the client hears of the thread, in the order they were written.
    const items = await store.loadThreadItems(created.thread.id, { limit: 10, order: 'asc' }, alice);
    expect(items.data.map((item) => item.type)).toEqual(['user_message']);
    const next = (await iterator.next()).value as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    expect(next).toMatchObject({ type: 'thread.item.done', item: { id: items.data[0]!.id } });
    await iterator.return?.();
  });

  it('a store that may reorder writes gets the thread before its first message', async () => {
    const order: string[] = [];
    const { server, store } = setup();
    // The same SQLite store, seen as a pool-backed store would be: no ordersWrites, and every write
    // recorded when it is called.
    const unordered = Object.create(store, {
      ordersWrites: { value: undefined },
      saveThread: {
        value: (...args: Parameters<typeof store.saveThread>) => (
          order.push('thread'),
          store.saveThread(...args)
        ),
      },
      addThreadItem: {
        value: async (...args: Parameters<typeof store.addThreadItem>) => {
          order.push('message');
          // The thread's write was acknowledged before this one was asked for.
          expect((await store.loadThread(args[0], alice)).id).toBe(args[0]);
          return store.addThreadItem(...args);
        },
      },
    });
    (server as { store: unknown }).store = unordered;
    const { events } = await createThread(server);
    expect(order).toEqual(['thread', 'message']);
    expect(events.slice(0, 2).map((event) => event.type)).toEqual(['thread.created', 'thread.item.done']);
  });

  it('persists done/replaced/removed, updates stored items, hides hidden done, announces thread changes', async () => {
    const { server, store } = setup({
      action: async function* (thread, _action, sender, ctx) {
        yield ctx.events.updated(sender!.id, {
          type: 'widget.streaming_text.value_delta',
          component_id: 'status',
          delta: ' → shipped',
          done: true,
        });
        yield ctx.events.done({
          id: 'hcx_1',
          thread_id: thread.id,
          created_at: ctx.now(),
          type: 'hidden_context_item',
          content: { order: 1 },
        });
        thread.status = { type: 'locked', reason: 'Order placed' };
        yield ctx.events.clientEffect('refresh');
        const temp = ctx.assistantMessage('temp');
        yield ctx.events.done(temp);
        yield ctx.events.removed(temp.id);
        yield ctx.events.replaced({ ...sender!, widget: { type: 'Card', children: [] } });
        thread.metadata.private = true;
      },
    });
    const { threadId } = await createThread(server);
    await store.addThreadItem(threadId, widget(threadId), alice);
    const events = await collect(
      await server.process(
        {
          type: 'threads.custom_action',
          params: { thread_id: threadId, item_id: 'msg_widget', action: { type: 'ship' } },
        },
        alice,
      ),
    );
    expect(events.map((event) => event.type)).toEqual([
      'stream_options',
      'thread.item.updated',
      'client_effect',
      'thread.updated',
      'thread.item.done',
      'thread.item.removed',
      'thread.item.replaced',
      'thread.updated',
    ]);
    expect(events[3]).toMatchObject({
      thread: { status: { type: 'locked', reason: 'Order placed' }, metadata: {}, items: { data: [] } },
    });
    const stored = await store.loadThreadItems(threadId, { limit: 20, order: 'asc' }, alice);
    expect(stored.data.map((item) => item.id)).toContain('hcx_1');
    expect(stored.data.map((item) => item.id)).not.toContain('msg_00000006');
    expect(await store.loadItem(threadId, 'msg_widget', alice)).toMatchObject({ widget: { children: [] } });
    expect((await store.loadThread(threadId, alice)).metadata).toEqual({ private: true });
  });

  it('a stored widget updated by a delta keeps the update after reload', async () => {
    const { server, store } = setup({
      action: async function* (_thread, _action, sender, ctx) {
        yield ctx.events.updated(sender!.id, {
          type: 'widget.streaming_text.value_delta',
          component_id: 'status',
          delta: '!',
          done: true,
        });
      },
    });
    const { threadId } = await createThread(server);
    await store.addThreadItem(threadId, widget(threadId), alice);
    await collect(
      await server.process(
        {
          type: 'threads.custom_action',
          params: { thread_id: threadId, item_id: 'msg_widget', action: { type: 'x' } },
        },
        alice,
      ),
    );
    expect(await store.loadItem(threadId, 'msg_widget', alice)).toMatchObject({
      widget: { children: [{ value: 'Pending!' }] },
    });
  });
});

describe('failures during the response phase', () => {
  it('a store failure becomes stream.error, is logged, and lets the responder run its finally blocks', async () => {
    let cleanedUp = false;
    const { server, store, logger } = setup({
      respond: async function* (_thread, _input, ctx) {
        try {
          yield ctx.events.done(ctx.assistantMessage('lost'));
          yield ctx.events.progress('never relayed');
        } finally {
          cleanedUp = true;
        }
      },
    });
    const created = await server.process({ type: 'threads.create', params: { input: input('Hi') } }, alice);
    // The stream is lazy: the thread and the user message are written while it is consumed (addThreadItem),
    // the reply goes through saveItem, which now fails.
    store.saveItem = async () => {
      throw new Error('disk full');
    };
    const events = await collect(created);
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'error',
    ]);
    expect(events[3]).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(cleanedUp).toBe(true);
    expect(logger.errors).toHaveLength(1);
  });
});

describe('cross-user isolation on every request type', () => {
  it("bob gets 404 (or an empty list) for every one of alice's records", async () => {
    const { server, store } = setup({ syncAction: async () => ({}) });
    const { threadId } = await createThread(server);
    await store.addThreadItem(threadId, widget(threadId), alice);
    await store.saveAttachment(
      { id: 'atc_alice', type: 'file', name: 'a.txt', mime_type: 'text/plain' },
      alice,
    );
    const [question] = (await store.loadThreadItems(threadId, { limit: 1, order: 'asc' }, alice)).data;
    const thread_id = threadId;
    const requests: [string, unknown][] = [
      ['threads.create', { input: input('x', ['atc_alice']) }],
      ['threads.add_user_message', { thread_id, input: input('x') }],
      ['threads.add_client_tool_output', { thread_id, result: {} }],
      ['threads.add_structured_input', { thread_id, item_id: question.id, input: {} }],
      ['threads.retry_after_item', { thread_id, item_id: question.id }],
      ['threads.custom_action', { thread_id, item_id: 'msg_widget', action: { type: 'x' } }],
      ['threads.sync_custom_action', { thread_id, item_id: 'msg_widget', action: { type: 'x' } }],
      ['threads.get_by_id', { thread_id }],
      ['threads.update', { thread_id, title: 'stolen' }],
      ['threads.delete', { thread_id }],
      ['items.list', { thread_id }],
      ['items.feedback', { thread_id, item_ids: [question.id], kind: 'negative' }],
      ['attachments.delete', { attachment_id: 'atc_alice' }],
    ];
    for (const [type, params] of requests) {
      await expectHttpError(server.process({ type, params }, bob), 404, 'not_found');
    }
    expect(json(await server.process({ type: 'threads.list', params: {} }, bob))).toEqual({
      data: [],
      has_more: false,
    });
    // Requests that touch no stored record: bob's own attachment, and dictation (not configured).
    expect(json(await server.process({ type: 'threads.list', params: {} }, alice)).data).toHaveLength(1);
    await expectHttpError(
      server.process(
        { type: 'attachments.create', params: { name: 'b', size: 1, mime_type: 'text/plain' } },
        bob,
      ),
      501,
      'not_implemented',
    );
    await expectHttpError(
      server.process({ type: 'input.transcribe', params: { audio_base64: '', mime_type: 'audio/ogg' } }, bob),
      501,
      'not_implemented',
    );
    // Alice's data is untouched.
    const loaded = json(await server.process({ type: 'threads.get_by_id', params: { thread_id } }, alice));
    expect(loaded.title).toBeUndefined();
    expect(loaded.items.data.map((item: ThreadItem) => item.id)).toEqual([
      question.id,
      'msg_00000003',
      'msg_widget',
    ]);
    expect(await store.loadAttachment('atc_alice', alice)).toMatchObject({ id: 'atc_alice' });
  });
});
