/**
 * The first send's one-time work, done at idle after `chatkit.ready` instead of inside the send.
 *
 * Why: the thread's first render after a send prepared every template it met for the first time (Lit parses
 * each template's HTML once, then clones it), built its style sheets, and ran the thread, message and markdown
 * code for the first time (V8 compiles a function at its first call). Profiles of the render bench had that
 * at 18–24 ms of CPU in one task, on top of the start screen's removal and the first layout: one task of over
 * 50 ms on a busy two-core machine, right when the reader looks for their message. All of it is done once per
 * page, so a hidden rehearsal does it while nobody waits: a `<chatkit-thread>` in a `hidden` box (no layout,
 * no paint) renders a sample exchange, streaming and then finished, under a context of its own, and is
 * removed. Nothing leaves the box: no request, no event, no state of the real chat is touched.
 *
 * @internal
 * @module
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveElement } from 'lit';
import { chatContext, type ChatContextValue } from '../../context/chat-context.js';
import type { ThreadItem } from '../../protocol/types.js';

/** A sample item; the fields the renderers read, of both message types at once. */
const item = (id: string, type: string, content: unknown) =>
  ({
    id,
    thread_id: 'w',
    created_at: '2025-01-01',
    type,
    content,
    attachments: [],
    inference_options: {},
  }) as unknown as ThreadItem;

/** Markdown on the renderer's common paths: emphasis, code, link, list, table, fence. */
const ANSWER = '**a** *b* `c` [d](https://e.f)\n\n- g\n\n| h |\n|---|\n| i |\n\n```\nj\n```';
const question = item('w1', 'user_message', [{ type: 'input_text', text: 'Hello' }]);
const answer = (text: string) =>
  item('w2', 'assistant_message', [{ type: 'output_text', text, annotations: [] }]);

/** Waits until `root`'s Lit elements, and theirs, have rendered. */
async function settled(root: ParentNode): Promise<void> {
  for (const el of root.querySelectorAll('*')) {
    const lit = el as Partial<ReactiveElement>;
    if (lit.updateComplete) {
      await lit.updateComplete;
      if (lit.renderRoot && lit.renderRoot !== lit) await settled(lit.renderRoot);
    }
  }
}

/**
 * Renders a sample exchange in a hidden `<chatkit-thread>` appended to `root` under a copy of `ctx`, then
 * removes it. Resolves when done; skipped (resolves at once) when the chat already shows a conversation, an
 * answer is on its way or the chat is no longer in the page.
 */
export async function warmUp(root: ShadowRoot, ctx: ChatContextValue): Promise<void> {
  // A chat taken off the page meanwhile has nothing to warm (and a thread out of the page never renders).
  if (!root.host.isConnected || ctx.view.items.length || ctx.view.status !== 'idle') return;
  const view = (text: string, streaming: boolean): ChatContextValue => ({
    ...ctx,
    view: {
      ...ctx.view,
      items: [question, answer(text)],
      threadId: 'w',
      status: streaming ? 'streaming' : 'idle',
      pending: new Set(streaming ? ['w2'] : []),
    },
  });
  const box = document.createElement('div');
  box.hidden = true;
  const provider = new ContextProvider(box, {
    context: chatContext,
    initialValue: view(ANSWER.slice(0, 12), true),
  });
  box.append(document.createElement('chatkit-thread'));
  root.append(box);
  try {
    await settled(box);
    provider.setValue(view(ANSWER, false));
    await settled(box);
  } finally {
    box.remove();
  }
}
