/**
 * After a widget action the reader sees its result: new items below pin the view to the bottom even when the
 * card was clicked above the fold, and the live region announces only an answer the action produced (never
 * the previous answer again).
 */
import { expect, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, echoScript, InPageChatKit, mount, sendAndWait, settle, until } from './helpers.js';
import type { ThreadStreamEvent, WidgetItem } from '../../src/protocol/types.js';

const T = '2026-01-01T00:00:00';

function widgetItem(id: string, threadId: string, title: string, rows: number, button?: string): WidgetItem {
  const children: unknown[] = [{ type: 'Title', value: title }];
  if (button)
    children.push({ type: 'Button', label: button, onClickAction: { type: 'confirm', payload: {} } });
  for (let i = 0; i < rows; i++) children.push({ type: 'Text', value: `${title} line ${i}` });
  return {
    id,
    thread_id: threadId,
    created_at: T,
    type: 'widget',
    widget: { type: 'Card', children },
  } as WidgetItem;
}

/** Whether an element's box overlaps the scroller's visible area. */
function inView(scroller: HTMLElement, el: Element): boolean {
  const box = el.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  return box.bottom > view.top + 4 && box.top < view.bottom - 4;
}

/**
 * The reader scrolls up from the bottom until `target` is at `block` of the view. (Starting at the bottom: a
 * streamed answer does not move the view without `thread.autoScroll`, so the view may never have been there.)
 */
async function scrollBackTo(
  el: Parameters<typeof settle>[0],
  scroller: HTMLElement,
  target: Element,
  block: ScrollLogicalPosition,
) {
  scroller.scrollTop = scroller.scrollHeight;
  scroller.dispatchEvent(new Event('scroll'));
  await settle(el);
  target.scrollIntoView({ block });
  scroller.dispatchEvent(new Event('scroll'));
  await settle(el);
}

/**
 * A card taller than the view (its button at the top) as the answer, and the reader scrolled back up to its
 * button: the view no longer follows new content ("Jump to latest" shown).
 */
async function scrolledBackToCard() {
  const server = new InPageChatKit();
  server.script = ({ threadId, nextId }) => [
    { type: 'thread.item.done', item: widgetItem(nextId('w'), threadId, 'Choose items', 30, 'Confirm') },
  ];
  const { el } = await mount({}, undefined, server);
  await sendAndWait(el, 'start a return');
  const scroller = deep(el, 'chatkit-thread', '.scroller')!;
  await until(() => scroller.scrollHeight > scroller.clientHeight * 1.5, 'card overflows the view');
  const widget = deep(el, 'chatkit-thread', 'chatkit-widget')!;
  await until(() => widget.shadowRoot?.querySelector('button'), 'widget button');
  const button = widget.shadowRoot!.querySelector('button')!;
  await scrollBackTo(el, scroller, button, 'center');
  await until(() => deep(el, 'chatkit-thread', 'button[aria-label="Jump to latest"]'), 'scrolled away');
  return { server, el, scroller, button };
}

describe('widget action results', () => {
  it('scroll the new widget into view when the card was clicked above the fold', async () => {
    // The reader scrolls up to the card's button (the view no longer follows new content)...
    const { server, el, scroller, button } = await scrolledBackToCard();
    // ...and clicks it: the action answers with a new confirmation card below.
    server.script = ({ threadId, nextId }) =>
      [
        { type: 'thread.item.done', item: widgetItem(nextId('c'), threadId, 'Return confirmed', 6) },
      ] as ThreadStreamEvent[];
    const ended = oneEvent(el, 'chatkit.response.end');
    button.click();
    await ended;
    await settle(el);
    const confirmation = () =>
      [
        ...el.shadowRoot!.querySelector('chatkit-thread')!.shadowRoot!.querySelectorAll('[data-item-id]'),
      ].find((node) => node.getAttribute('data-item-id')?.startsWith('c_'));
    await until(() => confirmation(), 'confirmation rendered');
    await until(() => inView(scroller, confirmation()!), 'confirmation scrolled into view');
    await until(
      () => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2,
      'pinned to the bottom',
    );
    expect(deep(el, 'chatkit-thread', 'button[aria-label="Jump to latest"]')).to.equal(null);
  });

  it('announce only an answer the action produced, never the previous answer again', async () => {
    const server = new InPageChatKit();
    let widgetId = '';
    server.script = ({ threadId, nextId }) => {
      widgetId = nextId('w');
      const answer = nextId('msg');
      return [
        { type: 'thread.item.done', item: widgetItem(widgetId, threadId, 'Pick', 1, 'Confirm') },
        {
          type: 'thread.item.done',
          item: {
            id: answer,
            thread_id: threadId,
            created_at: T,
            type: 'assistant_message',
            content: [{ type: 'output_text', text: 'Pick an option above', annotations: [] }],
          },
        },
      ] as ThreadStreamEvent[];
    };
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'show options');
    const region = deep(el, '[aria-live="polite"]')!;
    await until(() => region.textContent!.includes('Pick an option above'), 'first answer announced');

    // The action only replaces the card in place: nothing new to announce. Every announcement request is
    // recorded (the region's text alone cannot show the same words being queued again).
    const announced: string[] = [];
    const original = el.answerFinished.bind(el);
    el.answerFinished = (item) => {
      if (item?.type === 'assistant_message') announced.push(item.content.map((part) => part.text).join(''));
      original(item);
    };
    server.script = ({ threadId }) =>
      [
        { type: 'thread.item.replaced', item: widgetItem(widgetId, threadId, 'Confirmed', 1) },
      ] as ThreadStreamEvent[];
    const widget = deep(el, 'chatkit-thread', 'chatkit-widget')!;
    await until(() => widget.shadowRoot?.querySelector('button'), 'widget button');
    let ended = oneEvent(el, 'chatkit.response.end');
    widget.shadowRoot!.querySelector('button')!.click();
    await ended;
    await until(
      () => deep(el, 'chatkit-thread', 'chatkit-widget')?.shadowRoot?.textContent?.includes('Confirmed'),
      'card replaced',
    );

    // A later answer is announced (so the region still works), and the previous answer was never re-read.
    server.script = echoScript;
    ended = oneEvent(el, 'chatkit.response.end');
    await el.sendUserMessage('thanks');
    await ended;
    await until(() => region.textContent!.includes('You said: thanks'), 'new answer announced');
    expect(announced).to.deep.equal(['You said: thanks']);
  });

  it('scroll a widget replaced in place into view when it grew below the fold', async () => {
    const server = new InPageChatKit();
    let widgetId = '';
    server.script = ({ threadId, nextId }) => {
      widgetId = nextId('w');
      return [{ type: 'thread.item.done', item: widgetItem(widgetId, threadId, 'Pick', 1, 'Confirm') }];
    };
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'show options');
    server.script = echoScript;
    for (let i = 0; i < 4; i++) await sendAndWait(el, `filler message ${i} `.repeat(12));
    const scroller = deep(el, 'chatkit-thread', '.scroller')!;
    await until(() => scroller.scrollHeight > scroller.clientHeight * 1.5, 'the card is above the fold');
    const widget = deep(el, 'chatkit-thread', 'chatkit-widget')!;
    const button = widget.shadowRoot!.querySelector('button')!;
    // The reader scrolls back so the card's button sits at the bottom edge of the view, and clicks it.
    await scrollBackTo(el, scroller, button, 'end');
    await until(() => deep(el, 'chatkit-thread', 'button[aria-label="Jump to latest"]'), 'scrolled away');
    server.script = ({ threadId }) => [
      { type: 'thread.item.replaced', item: widgetItem(widgetId, threadId, 'Confirmed', 10) },
    ];
    const ended = oneEvent(el, 'chatkit.response.end');
    button.click();
    await ended;
    const lastLine = () =>
      [...(deep(el, 'chatkit-thread', 'chatkit-widget')?.shadowRoot?.querySelectorAll('*') ?? [])].find(
        (node) => node.childElementCount === 0 && node.textContent?.trim() === 'Confirmed line 9',
      );
    await until(() => lastLine(), 'replacement rendered');
    await until(() => inView(scroller, lastLine()!), 'the grown card scrolled into view');
  });

  it('leave the view alone when the reader scrolls by hand while the action runs', async () => {
    const { server, el, scroller, button } = await scrolledBackToCard();
    server.script = ({ threadId, nextId }) => [
      { type: 'thread.item.done', item: widgetItem(nextId('c'), threadId, 'Return confirmed', 6) },
    ];
    server.hold(1);
    const started = oneEvent(el, 'chatkit.response.start');
    const ended = oneEvent(el, 'chatkit.response.end');
    button.click();
    await started;
    // The reader moves on by hand (wheel) before the result arrives: that choice wins.
    scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -40, bubbles: true }));
    scroller.scrollTop -= 40;
    scroller.dispatchEvent(new Event('scroll'));
    const top = scroller.scrollTop;
    server.release();
    await ended;
    await until(() => deep(el, 'chatkit-thread', '[data-item-id^="c_"]'), 'confirmation rendered below');
    await settle(el);
    expect(scroller.scrollTop).to.equal(top, 'the view did not move');
    expect(deep(el, 'chatkit-thread', 'button[aria-label="Jump to latest"]')).to.not.equal(null);
  });

  it('announce a streamed answer once, when finished, never its deltas or the widget beside it', async () => {
    const server = new InPageChatKit();
    server.script = (ctx) => [
      { type: 'thread.item.done', item: widgetItem(ctx.nextId('w'), ctx.threadId, 'Order card', 3) },
      ...echoScript(ctx),
    ];
    const { el } = await mount({}, undefined, server);
    const region = deep(el, '[aria-live="polite"]')!;
    const written: string[] = [];
    const observer = new MutationObserver(() => written.push(region.textContent!.trim()));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    await sendAndWait(el, 'hello there');
    await until(() => written.includes('Assistant: You said: hello there'), 'the answer announced');
    expect(deep(el, 'chatkit-thread', '[role="log"]')!.getAttribute('aria-live')).to.equal(
      'off',
      'the log itself reads nothing while it streams',
    );
    await sendAndWait(el, 'and again');
    await until(() => written.includes('Assistant: You said: and again'), 'the next answer announced');
    observer.disconnect();
    expect(written.filter((text) => text)).to.deep.equal([
      'Assistant: You said: hello there',
      'Assistant: You said: and again',
    ]);
  });
});
