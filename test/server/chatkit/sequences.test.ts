/**
 * Reproduces every streaming sequence of the protocol examples by driving `ChatKitServer.process` with a
 * responder that emits the same responder events; the whole event list must match once ids and timestamps
 * are normalised.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CustomStreamError } from '../../../server/chatkit/errors.js';
import type { ResponseContext } from '../../../server/chatkit/types.js';
import type {
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  WidgetItem,
  WidgetNode,
  WidgetRoot,
} from '../../../src/protocol/types.js';
import { parseTimestamp } from '../../../src/protocol/time.js';
import { collect, example, makeServer, normalize, steppingClock } from './helpers.js';

type Sequence = { request: any; events: ThreadStreamEvent[] };

const user = { userId: 'u1' };
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The responder's part of a recorded stream: everything after `stream_options`. */
function responderEvents(sequence: Sequence): ThreadStreamEvent[] {
  const start = sequence.events.findIndex((event) => event.type === 'stream_options');
  return sequence.events.slice(start + 1);
}

function thread(id: string): ThreadMetadata {
  return { id, created_at: '2026-05-19T14:03:07.650054', status: { type: 'active' }, metadata: {} };
}

const streamedWidget = example<Sequence>('sequences/threads.add_user_message.streamed_widget.json');
const widgetDone = streamedWidget.events.at(-1) as { item: WidgetItem };

async function run(
  file: string,
  respond: (thread: ThreadMetadata, ctx: ResponseContext) => AsyncIterable<ThreadStreamEvent>,
  setup: (store: ReturnType<typeof makeServer>['store']) => Promise<void> = async () => {},
  expectedEvents?: ThreadStreamEvent[],
) {
  const sequence = example<Sequence>(`sequences/${file}`);
  const made = makeServer({
    respond: (t, _input, ctx) => respond(t, ctx),
    action: (t, _action, _sender, ctx) => respond(t, ctx),
  });
  cleanup = made.cleanup;
  const threadId = sequence.request.params.thread_id;
  if (threadId) await made.store.saveThread(thread(threadId), user);
  await setup(made.store);
  const events = await collect(await made.server.process(sequence.request, user));
  expect(normalize(events)).toEqual(normalize(expectedEvents ?? sequence.events));
  return { ...made, events, sequence };
}

async function* replay(events: ThreadStreamEvent[]) {
  for (const event of events) yield structuredClone(event);
}

describe('protocol sequences', () => {
  it('threads.create: thread.created, user message with the attachment, stream_options, reply, thread.updated', async () => {
    const sequence = example<Sequence>('sequences/threads.create.json');
    const events = responderEvents(sequence).filter((event) => event.type !== 'thread.updated');
    const { store } = await run(
      'threads.create.json',
      async function* (t) {
        // The thread is new, so the recorded items are re-addressed to its generated id.
        for (const event of events) {
          yield 'item' in event
            ? ({ ...event, item: { ...event.item, thread_id: t.id } } as ThreadStreamEvent)
            : event;
        }
        t.title = 'Remote work policy';
      },
      async (store) => {
        await store.saveAttachment(
          {
            id: 'atc_5c1e9a07',
            type: 'image',
            name: 'floorplan.png',
            mime_type: 'image/png',
            preview_url: 'https://files.example.com/chatkit/atc_5c1e9a07/preview',
            metadata: { secret: 'never sent' },
          },
          user,
        );
      },
    );
    // The attachment record now carries the thread id (§8.2 step 3).
    expect(await store.loadAttachment('atc_5c1e9a07', user)).toMatchObject({ thread_id: 'thr_00000001' });
    const stored = await store.loadThread('thr_00000001', user);
    expect(stored.title).toBe('Remote work policy');
  });

  it('threads.add_user_message with a client tool call', async () => {
    const sequence = example<Sequence>('sequences/threads.add_user_message.client_tool_call.json');
    const { store } = await run('threads.add_user_message.client_tool_call.json', () =>
      replay(responderEvents(sequence)),
    );
    const newest = await store.loadThreadItems('thr_0e93ac5d', { limit: 1, order: 'desc' }, user);
    expect(newest.data[0]).toMatchObject({ type: 'client_tool_call', status: 'pending' });
  });

  it('threads.add_client_tool_output completes the call and resumes', async () => {
    const pendingCall = example<Sequence>(
      'sequences/threads.add_user_message.client_tool_call.json',
    ).events.at(-1) as {
      item: ThreadItem;
    };
    const sequence = example<Sequence>('sequences/threads.add_client_tool_output.json');
    const { store } = await run(
      'threads.add_client_tool_output.json',
      () => replay(responderEvents(sequence)),
      async (store) => store.addThreadItem('thr_0e93ac5d', pendingCall.item, user),
    );
    expect(await store.loadItem('thr_0e93ac5d', pendingCall.item.id, user)).toMatchObject({
      status: 'completed',
      output: sequence.request.params.result,
    });
  });

  it('threads.add_user_message with a structured input, then threads.add_structured_input', async () => {
    const asking = example<Sequence>('sequences/threads.add_user_message.structured_input.json');
    await run('threads.add_user_message.structured_input.json', () => replay(responderEvents(asking)));
    await cleanup?.();
    const pending = asking.events.find(
      (event) => event.type === 'thread.item.done' && event.item.type === 'structured_input',
    ) as {
      item: ThreadItem;
    };
    const answering = example<Sequence>('sequences/threads.add_structured_input.json');
    // The server makes the `thread.item.replaced` itself; the responder only adds the reply.
    const reply = responderEvents(answering).filter((event) => event.type !== 'thread.item.replaced');
    const { store } = await run(
      'threads.add_structured_input.json',
      () => replay(reply),
      async (store) => store.addThreadItem('thr_0e93ac5d', { ...pending.item, id: 'msg_4e2a9c71' }, user),
    );
    expect(await store.loadItem('thr_0e93ac5d', 'msg_4e2a9c71', user)).toMatchObject({ status: 'answered' });
  });

  it('threads.add_user_message streaming a widget through ctx.streamWidget', async () => {
    const added = streamedWidget.events.find((event) => event.type === 'thread.item.added') as {
      item: WidgetItem;
    };
    const first = added.item.widget;
    const textOf = (value: string, streaming: boolean): WidgetRoot => ({
      ...first,
      children: (first as WidgetNode).children.map((child: any) =>
        child.id === 'summary' ? { ...child, value, streaming } : child,
      ),
    });
    const { store } = await run('threads.add_user_message.streamed_widget.json', (_t, ctx) =>
      ctx.streamWidget(
        (async function* () {
          yield first;
          yield textOf('Your last order ', true);
          yield textOf('Your last order was 3 reams ', true);
          yield widgetDone.item.widget;
        })(),
        { copyText: widgetDone.item.copy_text },
      ),
    );
    const stored = await store.loadThreadItems('thr_0e93ac5d', { limit: 1, order: 'desc' }, user);
    expect(stored.data[0]).toMatchObject({ type: 'widget', widget: widgetDone.item.widget });
  });

  it('threads.add_user_message with a workflow and a generated image', async () => {
    const sequence = example<Sequence>('sequences/threads.add_user_message.workflow_and_image.json');
    await run('threads.add_user_message.workflow_and_image.json', () => replay(responderEvents(sequence)));
  });

  it('threads.custom_action updates the sender widget, persists the update, and relays effects', async () => {
    const sequence = example<Sequence>('sequences/threads.custom_action.json');
    const { store } = await run(
      'threads.custom_action.json',
      () => replay(responderEvents(sequence)),
      async (store) => store.addThreadItem('thr_0e93ac5d', widgetDone.item, user),
    );
    const rootUpdate = responderEvents(sequence)[0] as { update: { widget: WidgetRoot } };
    // Deliberate difference from the reference: the update to the stored widget is persisted.
    expect(await store.loadItem('thr_0e93ac5d', 'msg_19b8e4a3', user)).toMatchObject({
      widget: rootUpdate.update.widget,
    });
  });

  it('threads.retry_after_item deletes newer items silently and regenerates', async () => {
    const sequence = example<Sequence>('sequences/threads.retry_after_item.json');
    const cancel = example('sequences/cancellation.json');
    const [question] = cancel['items.list_after_cancel_(asc)'].data;
    const { store } = await run(
      'threads.retry_after_item.json',
      () => replay(responderEvents(sequence)),
      async (store) => {
        await store.addThreadItem('thr_91e5a7c4', question, user);
        await store.addThreadItem(
          'thr_91e5a7c4',
          { ...question, id: 'msg_old', type: 'assistant_message', content: [] } as ThreadItem,
          user,
        );
        await store.addThreadItem(
          'thr_91e5a7c4',
          {
            id: 'shcx_old',
            thread_id: 'thr_91e5a7c4',
            created_at: question.created_at,
            type: 'sdk_hidden_context',
            content: 'x',
          },
          user,
        );
      },
    );
    const items = await store.loadThreadItems('thr_91e5a7c4', { limit: 10, order: 'asc' }, user);
    expect(items.data.map((item) => item.id)).toEqual(['msg_4bd8f013', 'msg_a9e2c4f60d18']);
  });

  it('a CustomStreamError becomes one custom error event', async () => {
    const sequence = example<Sequence>('sequences/threads.add_user_message.custom_error.json');
    const [progress, error] = responderEvents(sequence) as [
      ThreadStreamEvent,
      { message: string; allow_retry: boolean },
    ];
    await run('threads.add_user_message.custom_error.json', async function* () {
      yield progress;
      throw new CustomStreamError(error.message, error.allow_retry);
    });
  });

  it('an unhandled exception becomes stream.error with allow_retry and is logged', async () => {
    const { logger } = await run('threads.add_user_message.unhandled_exception.json', async function* () {
      yield* [];
      throw new Error('model exploded');
    });
    expect(logger.errors).toHaveLength(1);
  });
});

describe('cancellation sequence', () => {
  it('reproduces cancellation.json: events before the disconnect, the items afterwards, the hidden note', async () => {
    const recorded = example('sequences/cancellation.json');
    const before = recorded.events_received_before_disconnect as ThreadStreamEvent[];
    const expectedItems = recorded['items.list_after_cancel_(asc)'];
    const made = makeServer({
      // The recorded user message's instant (naive local time), so the stored order matches the recording.
      clock: steppingClock(parseTimestamp('2026-05-19T14:03:11.080329')),
      respond: async function* (_thread, _input, ctx) {
        yield* replay(responderEvents({ request: recorded.request, events: before }));
        // The model keeps "thinking" until the client goes away.
        await new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      },
    });
    cleanup = made.cleanup;
    await made.store.saveThread(thread('thr_91e5a7c4'), user);
    for (const item of expectedItems.data.slice(0, 2))
      await made.store.addThreadItem('thr_91e5a7c4', item, user);
    const result = await made.server.process(recorded.request, user);
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const received: ThreadStreamEvent[] = [];
    for await (const event of result.events) {
      received.push(event);
      if (received.length === before.length) break; // the client disconnects
    }
    expect(normalize(received)).toEqual(normalize(before));
    const listed = await made.server.process(
      { type: 'items.list', params: { thread_id: 'thr_91e5a7c4', order: 'asc' } },
      user,
    );
    expect(normalize(listed.kind === 'json' && listed.body)).toEqual(normalize(expectedItems));
    const stored = await made.store.loadThreadItems('thr_91e5a7c4', { limit: 10, order: 'desc' }, user);
    const notes = stored.data.filter((item) => item.type === 'sdk_hidden_context');
    expect(notes.map(normalize)).toEqual(recorded.persisted_but_never_sent.map(normalize));
  });
});
