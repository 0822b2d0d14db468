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

describe('widget action results', () => {
  it('scroll the new widget into view when the card was clicked above the fold', async () => {
    const server = new InPageChatKit();
    server.script = ({ threadId, nextId }) =>
      [
        { type: 'thread.item.done', item: widgetItem(nextId('w'), threadId, 'Choose items', 30, 'Confirm') },
      ] as ThreadStreamEvent[];
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'start a return');
    const scroller = deep(el, 'chatkit-thread', '.scroller')!;
    await until(() => scroller.scrollHeight > scroller.clientHeight * 1.5, 'card overflows the view');
    const widget = deep(el, 'chatkit-thread', 'chatkit-widget')!;
    await until(() => widget.shadowRoot?.querySelector('button'), 'widget button');
    const button = widget.shadowRoot!.querySelector('button')!;
    // The reader scrolls up to the card's button (the view no longer follows new content)...
    button.scrollIntoView({ block: 'center' });
    scroller.dispatchEvent(new Event('scroll'));
    await settle(el);
    await until(() => deep(el, 'chatkit-thread', 'button[aria-label="Jump to latest"]'), 'scrolled away');
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
});
