import { expect, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import {
  deep,
  deepAll,
  deepText,
  echoScript,
  InPageChatKit,
  mount,
  sendAndWait,
  settle,
  uniqueApiUrl,
  until,
  cardWithButton,
  widgetButton,
} from './helpers.js';
import type { ThreadItem, ThreadStreamEvent } from '../../src/protocol/types.js';
import { ManualScheduler } from '../support/scheduler.js';

const T = '2026-01-01T00:00:00';

function longThread(server: InPageChatKit, id: string, count: number): void {
  const items: ThreadItem[] = [];
  for (let i = 0; i < count; i++) {
    items.push(
      i % 2 === 0
        ? {
            id: `i${i}`,
            thread_id: id,
            created_at: T,
            type: 'user_message',
            content: [{ type: 'input_text', text: `question ${i}` }],
            attachments: [],
            inference_options: {},
          }
        : {
            id: `i${i}`,
            thread_id: id,
            created_at: T,
            type: 'assistant_message',
            content: [
              { type: 'output_text', text: `answer ${i}\n\nwith a second paragraph`, annotations: [] },
            ],
          },
    );
  }
  server.addThread(id, 'Long', items);
}

describe('thread view', () => {
  it('opens a long thread at its newest items and loads older ones on scroll-up, keeping the reading position', async () => {
    const { el, server } = await mount();
    longThread(server, 'thr_long', 50);
    await el.setThreadId('thr_long');
    await settle(el);
    const scroller = deep(el, 'chatkit-thread', '.scroller')!;
    await until(() => scroller.scrollHeight > scroller.clientHeight, 'overflowing');
    await until(
      () => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2,
      'at bottom',
    );
    expect(deep(el, 'chatkit-thread', '[data-item-id="i49"]')).to.not.equal(null);
    expect(deep(el, 'chatkit-thread', '[data-item-id="i0"]')).to.equal(null);
    const anchor = deep(el, 'chatkit-thread', '[data-item-id="i31"]')!;
    scroller.scrollTop = 0;
    // Scroll events are dispatched with rendering frames, which a background tab (parallel test files) skips.
    scroller.dispatchEvent(new Event('scroll'));
    await until(() => server.lastRequest('items.list')?.params.after, 'older page requested');
    await until(() => deep(el, 'chatkit-thread', '[data-item-id="i29"]'), 'older items shown');
    // The item that was at the top stays in view rather than jumping away.
    const top = anchor.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    expect(top).to.be.within(-80, scroller.clientHeight);
  });

  it('follows the answer only while the reader is at the bottom', async () => {
    const { el, server } = await mount();
    longThread(server, 'thr_follow', 20);
    await el.setThreadId('thr_follow');
    await settle(el);
    const scroller = deep(el, 'chatkit-thread', '.scroller')!;
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    await sendAndWait(el, 'new question');
    expect(scroller.scrollTop).to.be.lessThan(200);
    expect(deep(el, 'chatkit-thread', 'button[aria-label="Jump to latest"]')).to.not.equal(null);
    deep(el, 'chatkit-thread', 'button[aria-label="Jump to latest"]')!.click();
    await settle(el);
    await sendAndWait(el, 'another');
    await until(
      () => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2,
      'pinned to the bottom',
    );
  });

  it('a reader who scrolls into an answer that grew after the last pin has left the bottom', async () => {
    // Without autoScroll the growth is not followed; with it, the same happens when the reader scrolls before
    // the ResizeObserver notification of the growth (a busy machine): the view was pinned above the new end.
    const { el, server } = await mount({ thread: { autoScroll: false } });
    const text = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} of a long answer.`).join('\n\n');
    server.script = ({ threadId, nextId }) =>
      [
        {
          type: 'thread.item.done',
          item: {
            id: nextId('msg'),
            thread_id: threadId,
            created_at: T,
            type: 'assistant_message',
            content: [{ type: 'output_text', text, annotations: [] }],
          },
        },
      ] as ThreadStreamEvent[];
    // Held mid-stream, so the thread sees the answer streaming (then its growth is not followed).
    server.hold(3);
    const ended = oneEvent(el, 'chatkit.response.end');
    void el.sendUserMessage({ text: 'a long one please' });
    await until(() => deep(el, 'chatkit-composer', '[part~="stop-button"]:not([disabled])'), 'streaming');
    await settle(el);
    server.release();
    await ended;
    const scroller = deep(el, 'chatkit-thread', '.scroller')!;
    // The answer's markdown renders after the thread pinned the view; without autoScroll it is not followed.
    await until(
      () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight > 400,
      'answer below',
    );
    await settle(el);
    // The reader scrolls down into the answer, not to its end.
    scroller.scrollTop += 150;
    scroller.dispatchEvent(new Event('scroll'));
    await settle(el);
    await until(() => deep(el, 'chatkit-thread', 'button[aria-label="Jump to latest"]'), 'jump button');
  });

  it('a reloaded thread whose answer is still being generated refreshes until the answer is stored', async () => {
    const server = new InPageChatKit();
    server.addThread('thr_pending', 'Pending', [
      {
        id: 'q',
        thread_id: 'thr_pending',
        created_at: T,
        type: 'user_message',
        content: [{ type: 'input_text', text: 'still thinking?' }],
        attachments: [],
        inference_options: {},
      },
    ]);
    const url = uniqueApiUrl();
    const scheduler = new ManualScheduler();
    localStorage.setItem(`chatkit-chat:thread:${url}`, 'thr_pending');
    try {
      const { el } = await mount({ persist: 'local', api: { url } }, undefined, server, scheduler);
      await until(() => deep(el, 'chatkit-thread', '[data-item-id="q"]'), 'stored question shown');
      // The first poll (after 1 s) finds nothing new: the next wait is set only once that poll is over.
      expect(await scheduler.fireNext()).to.equal(1000);
      await scheduler.whenPending();
      // The answer is stored before the second poll (after 2 s more), which shows it.
      await server.addItem('thr_pending', {
        id: 'late',
        thread_id: 'thr_pending',
        created_at: T,
        type: 'assistant_message',
        content: [{ type: 'output_text', text: 'finished elsewhere', annotations: [] }],
      });
      expect(await scheduler.fireNext()).to.equal(2000);
      await until(() => deep(el, 'chatkit-thread', '[data-item-id="late"]'), 'answer appears after polling');
    } finally {
      localStorage.removeItem(`chatkit-chat:thread:${url}`);
    }
  });

  it('renders user tags, quoted text and attachments; workflows collapse; images and tool calls show', async () => {
    const server = new InPageChatKit();
    server.addThread('thr_rich', 'Rich', [
      {
        id: 'u',
        thread_id: 'thr_rich',
        created_at: T,
        type: 'user_message',
        quoted_text: 'the quote',
        content: [
          { type: 'input_tag', id: 't', text: 'Order 42', data: {} },
          { type: 'input_text', text: ' where?' },
        ],
        attachments: [
          { type: 'file', id: 'f', name: 'invoice.pdf', mime_type: 'application/pdf' },
          {
            type: 'image',
            id: 'p',
            name: 'photo.png',
            mime_type: 'image/png',
            preview_url: 'data:image/png;base64,iVBORw0KGgo=',
          },
          {
            type: 'image',
            id: 'bad',
            name: 'evil',
            mime_type: 'image/png',
            preview_url: 'javascript:alert(1)',
          },
        ],
        inference_options: {},
      },
      {
        id: 'w',
        thread_id: 'thr_rich',
        created_at: T,
        type: 'workflow',
        workflow: {
          type: 'reasoning',
          expanded: false,
          summary: { duration: 12 },
          tasks: [
            { type: 'thought', content: 'pondering', status_indicator: 'complete' },
            {
              type: 'web_search',
              queries: ['acme'],
              sources: [{ type: 'url', title: 'Acme', url: 'https://acme.test/' }],
              status_indicator: 'complete',
            },
          ],
        },
      },
      {
        id: 'g',
        thread_id: 'thr_rich',
        created_at: T,
        type: 'generated_image',
        image: { id: 'img', url: 'data:image/png;base64,iVBORw0KGgo=' },
      },
      {
        id: 'c',
        thread_id: 'thr_rich',
        created_at: T,
        type: 'client_tool_call',
        status: 'completed',
        call_id: 'c',
        name: 'get_time',
        arguments: {},
        output: {},
      },
      {
        id: 'h',
        thread_id: 'thr_rich',
        created_at: T,
        type: 'hidden_context_item',
        content: 'SECRET',
      } as ThreadItem,
    ]);
    const { el } = await mount({}, undefined, server);
    await el.setThreadId('thr_rich');
    await settle(el);
    expect(deep(el, 'chatkit-thread', '.tag')!.textContent).to.equal('@Order 42');
    expect(deep(el, 'chatkit-thread', '.quote')!.textContent).to.equal('the quote');
    const attachments = deepAll(el, 'chatkit-thread', '.attachment');
    expect(attachments.length).to.equal(3);
    expect(attachments[0].textContent).to.contain('invoice.pdf');
    expect(attachments[1].querySelector('img')!.getAttribute('src')).to.match(/^data:image\/png/);
    expect(attachments[2].querySelector('img')).to.equal(null);
    // Workflows, images and tool calls render with code loaded on demand.
    await until(() => deep(el, 'chatkit-thread', '.workflow-summary'), 'workflow rendered');
    const summary = deep(el, 'chatkit-thread', '.workflow-summary')!;
    expect(summary.textContent).to.contain('Worked for 12s');
    expect(summary.getAttribute('aria-expanded')).to.equal('false');
    summary.click();
    await settle(el);
    expect(summary.getAttribute('aria-expanded')).to.equal('true');
    const link = deep<HTMLAnchorElement>(el, 'chatkit-thread', '.task-sources a')!;
    expect(link.rel).to.equal('noopener noreferrer');
    expect(deep(el, 'chatkit-thread', '.generated-image img')).to.not.equal(null);
    expect(deep(el, 'chatkit-thread', '.tool-call')!.textContent).to.contain('Ran get_time');
    expect(deepText(deep(el, 'chatkit-thread', '.content'))).to.not.contain('SECRET');
  });

  it('widget actions go to threads.custom_action with the widget item id', async () => {
    const server = new InPageChatKit();
    server.script = cardWithButton({
      label: 'Approve',
      onClickAction: { type: 'approve', payload: { id: 7 } },
    });
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'need approval');
    const { widget, button } = await widgetButton(el);
    server.script = echoScript;
    button.click();
    await until(() => server.lastRequest('threads.custom_action'), 'action sent');
    const request = server.lastRequest('threads.custom_action')!;
    expect(request.params.action).to.deep.equal({ type: 'approve', payload: { id: 7 } });
    expect(request.params.item_id).to.equal(widget.closest('[data-item-id]')!.getAttribute('data-item-id'));
  });

  it('announces a finished answer in a polite live region', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'announce this');
    const region = deep(el, '[aria-live="polite"]')!;
    await until(() => region.textContent!.includes('You said: announce this'), 'announced');
    expect(region.textContent).to.contain('Assistant:');
  });
});
