import { expect } from '@open-wc/testing';
import { afterEach, describe, it } from '../support/mocha.js';
import { API_URL, InPageChatKit, deep, deepAll, deepText, sendAndWait, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import { warmUp } from '../../src/element/chatkit-chat/warm-up.js';

const EVENTS = [
  'chatkit.thread.change',
  'chatkit.thread.load.start',
  'chatkit.thread.load.end',
  'chatkit.response.start',
  'chatkit.response.end',
  'chatkit.log',
  'chatkit.error',
  'chatkit.effect',
];

let mounted: ChatkitChat | undefined;
afterEach(() => mounted?.remove());

/** Creates the element by hand so that an observer sees its shadow root from the first render on. */
function create(server: InPageChatKit) {
  const el = document.createElement('chatkit-chat') as ChatkitChat;
  el.setAttribute('persist', 'none');
  el.setAttribute('locale', 'en');
  document.body.append(el);
  mounted = el;
  const boxes: { added: Element; removed: boolean }[] = [];
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes)
        if (node instanceof HTMLElement && node.hidden && node.querySelector('chatkit-thread'))
          boxes.push({ added: node, removed: false });
      for (const node of record.removedNodes)
        for (const box of boxes) if (box.added === node) box.removed = true;
    }
  }).observe(el.shadowRoot!, { childList: true });
  const events: string[] = [];
  for (const type of EVENTS) el.addEventListener(type, () => events.push(type));
  el.setOptions({ api: { url: API_URL, fetch: server.fetch } });
  return { el, boxes, events };
}

describe('warm-up after chatkit.ready', () => {
  it('renders a hidden sample thread once and removes it, with no request and no event', async () => {
    const server = new InPageChatKit();
    const { el, boxes, events } = create(server);
    await until(() => boxes.some((box) => box.removed), 'the warm-up box comes and goes');
    expect(boxes).to.have.length(1);
    // It rendered the sample exchange, markdown included, out of sight.
    const thread = boxes[0].added.querySelector('chatkit-thread')!;
    expect(deepText(thread)).to.contain('Hello');
    expect(deep(thread, 'chatkit-markdown', 'table')).to.not.equal(null);
    expect(server.requests).to.deep.equal([]);
    expect(events).to.deep.equal([]);
    // The real chat still shows its start screen and nothing of the sample.
    expect(deep(el, 'chatkit-start-screen')).to.not.equal(null);
    expect(deepAll(el, 'chatkit-thread')).to.have.length(0);
    expect(el.shadowRoot!.querySelector('div[hidden]')).to.equal(null);
  });

  it('leaves the first exchange as it would be without it', async () => {
    const server = new InPageChatKit();
    const { el, boxes } = create(server);
    await until(() => boxes.some((box) => box.removed), 'the warm-up box comes and goes');
    await sendAndWait(el, 'Ping');
    const thread = deep(el, 'chatkit-thread')!;
    expect(deepAll(el, 'chatkit-thread')).to.have.length(1);
    expect(deepText(thread)).to.contain('Ping');
    expect(deepText(thread)).to.not.contain('Hello');
    expect(deep(thread, 'chatkit-markdown', 'table')).to.equal(null);
    expect(server.requests.map((request) => request.type)).to.deep.equal(['threads.create']);
  });

  it('does nothing for a chat taken off the page before the page was idle', async () => {
    const server = new InPageChatKit();
    const { el, boxes } = create(server);
    await new Promise((resolve) => el.addEventListener('chatkit.ready', resolve, { once: true }));
    el.remove();
    const root = el.shadowRoot!;
    const ctx = (el as unknown as { ctx: Parameters<typeof warmUp>[1] }).ctx;
    // Called as the element would call it, and resolving (a thread out of the page would never render).
    await warmUp(root, ctx);
    expect(boxes).to.deep.equal([]);
    expect(root.querySelector('chatkit-thread')).to.equal(null);
  });

  it('does nothing when the chat already shows a conversation or an answer is on its way', async () => {
    const server = new InPageChatKit();
    const { el, boxes } = create(server);
    await until(() => boxes.some((box) => box.removed), 'the first warm-up ends');
    await sendAndWait(el, 'Ping');
    const ctx = (el as unknown as { ctx: Parameters<typeof warmUp>[1] }).ctx;
    expect(ctx.view.items.length).to.be.greaterThan(0);
    await warmUp(el.shadowRoot!, ctx);
    await warmUp(el.shadowRoot!, { ...ctx, view: { ...ctx.view, items: [], status: 'streaming' } });
    expect(boxes).to.have.length(1);
  });
});
