/**
 * A responder for end-to-end tests, on top of the scripted one: a few trigger words make the real server
 * exercise flows the element must handle (client tool call, client effect, a long answer to stop, a workflow).
 * Everything else goes to the scripted responder, as `npm start` does without a model.
 *
 * @module
 */
import type { ServerHooks } from '../../../server/main.js';
import { createScriptedResponder } from '../../support/scripted-responder.js';
import type { ActionHook, RespondHook, SyncActionHook } from '../../../server/chatkit/types.js';
import type { RequestContext } from '../../../server/stores/store.js';
import type {
  ClientToolCallItem,
  UserMessageItem,
  WidgetItem,
  WidgetRoot,
} from '../../../src/protocol/types.js';

/** Sentences in the answer to "long answer": at 60 ms each, ten minutes. */
export const LONG_ANSWER_SENTENCES = 10_000;

/** Feedback the server received, for assertions. */
export const feedbackLog: { threadId: string; itemIds: string[]; kind: string }[] = [];

function textOf(input: UserMessageItem | null): string {
  return (input?.content ?? []).map((part) => part.text).join(' ');
}

function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
let secondStep = gate();
/** Lets the answer to a message containing "in two steps" finish (each such answer waits for one call). */
export function releaseSecondStep(): void {
  secondStep.resolve();
  secondStep = gate();
}

/** Sleeps unless the signal aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

const respond: RespondHook<RequestContext> = async function* (thread, input, ctx) {
  const text = textOf(input).toLowerCase();
  if (input === null) {
    // Resumed after a client tool call: answer with what the browser returned.
    const history = await ctx.loadHistory(5);
    const call = [...history]
      .reverse()
      .find((item): item is ClientToolCallItem => item.type === 'client_tool_call');
    const message = ctx.assistantMessage(`The browser said: ${JSON.stringify(call?.output ?? null)}`);
    yield ctx.events.done(message);
    return;
  }
  if (text.includes('use the tool')) {
    const call: ClientToolCallItem = {
      type: 'client_tool_call',
      id: ctx.generateId('tool_call'),
      thread_id: thread.id,
      created_at: ctx.now(),
      status: 'pending',
      call_id: ctx.generateId('tool_call'),
      name: 'get_page_title',
      arguments: { uppercase: true },
    };
    yield ctx.events.done(call);
    return;
  }
  if (text.includes('show a widget')) {
    const item: WidgetItem = {
      type: 'widget',
      id: ctx.generateId('message'),
      thread_id: thread.id,
      created_at: ctx.now(),
      widget: counterCard(0, 'start'),
      copy_text: 'Counter: 0',
    };
    yield ctx.events.done(item);
    return;
  }
  if (text.includes('celebrate')) {
    yield ctx.events.clientEffect('confetti', { count: 3 });
    yield ctx.events.done(ctx.assistantMessage('Celebration sent to the page.'));
    return;
  }
  if (text.includes('in two steps')) {
    // The first part is streamed, then the answer waits for the test (`releaseSecondStep`): the page is
    // checked while the answer is provably half-way, whatever the machine's load.
    const first = 'The first part of the answer arrives, ';
    const second = 'and the second part completes it once the test lets it.';
    const message = ctx.assistantMessage();
    yield ctx.events.added(message);
    yield ctx.events.textDelta(message.id, first);
    await Promise.race([
      secondStep.promise,
      new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true })),
    ]);
    yield ctx.events.textDelta(message.id, second);
    yield ctx.events.done({
      ...message,
      content: [{ type: 'output_text', text: first + second, annotations: [] }],
    });
    return;
  }
  if (text.includes('long answer')) {
    const message = ctx.assistantMessage();
    yield ctx.events.added(message);
    // Paced, and long enough that only Stop ends it, however slowly a loaded machine runs the test.
    for (let i = 1; i <= LONG_ANSWER_SENTENCES && !ctx.signal.aborted; i++) {
      yield ctx.events.textDelta(message.id, `Sentence number ${i} of a very long answer. `);
      await pause(60, ctx.signal);
    }
    return;
  }
  yield* scripted(thread, input, ctx);
};

const scripted = createScriptedResponder();

/** A counter card: a streaming server action, a sync action, a client action and a form. */
export function counterCard(count: number, by: string): WidgetRoot {
  return {
    type: 'Card',
    children: [
      { type: 'Title', id: 'counter', value: `Counter: ${count}` },
      { type: 'Caption', value: `Last change: ${by}` },
      {
        type: 'Row',
        children: [
          {
            type: 'Button',
            label: 'Increment',
            onClickAction: { type: 'counter.increment', payload: { count } },
          },
          {
            type: 'Button',
            label: 'Sync increment',
            onClickAction: { type: 'counter.sync', payload: { count }, streaming: false },
          },
          {
            type: 'Button',
            label: 'Client action',
            onClickAction: { type: 'counter.client', handler: 'client' },
          },
        ],
      },
      {
        type: 'Form',
        onSubmitAction: { type: 'note.save', payload: { count } },
        children: [
          { type: 'Input', name: 'note.text', placeholder: 'A note', required: true },
          { type: 'Checkbox', name: 'note.urgent', label: 'Urgent' },
          { type: 'Button', label: 'Save note', submit: true },
        ],
      },
    ],
  };
}

const action: ActionHook<RequestContext> = async function* (_thread, action, sender, ctx) {
  const count = Number(action.payload?.count ?? 0);
  if (action.type === 'counter.increment' && sender) {
    yield ctx.events.updated(sender.id, {
      type: 'widget.root.updated',
      widget: counterCard(count + 1, 'server action'),
    });
    yield ctx.events.done(ctx.assistantMessage(`Incremented to ${count + 1}.`));
  } else if (action.type === 'note.save') {
    yield ctx.events.done(ctx.assistantMessage(`Saved note: ${JSON.stringify(action.payload)}`));
  }
};

const syncAction: SyncActionHook<RequestContext> = async (_thread, action, sender) => {
  if (action.type !== 'counter.sync' || !sender) return {};
  const count = Number(action.payload?.count ?? 0);
  return { updated_item: { ...sender, widget: counterCard(count + 1, 'sync action') } };
};

/** Hooks for `startE2E({ hooks })`. */
export const e2eHooks: ServerHooks = {
  respond,
  action,
  syncAction,
  addFeedback: (threadId, itemIds, kind) => void feedbackLog.push({ threadId, itemIds, kind }),
};
