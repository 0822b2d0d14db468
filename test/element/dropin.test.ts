/**
 * ChatKit JS's API as a migrating site uses it: every method's parameters, the events fired for
 * programmatic changes, `setOptions` semantics (conversation kept across new closures), hosted mode,
 * ChatKit's defaults, and bad host input (warnings, never an exception).
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import type { ChatkitChatOptions } from '../../src/element/chatkit-chat/options.js';
import {
  API_URL,
  InPageChatKit,
  deep,
  deepAll,
  mount,
  sendAndWait,
  settle,
  textbox,
  until,
} from './helpers.js';
import { streamedAnswer } from '../support/in-page-chatkit.js';
import { describe, it } from '../support/mocha.js';

function collect<K extends string>(el: HTMLElement, name: K): CustomEvent[] {
  const seen: CustomEvent[] = [];
  el.addEventListener(name, (event) => seen.push(event as CustomEvent));
  return seen;
}

async function sendWith(el: ChatkitChat, params: Parameters<ChatkitChat['sendUserMessage']>[0]) {
  const ended = oneEvent(el, 'chatkit.response.end');
  await el.sendUserMessage(params);
  await ended;
  await settle(el);
}

const TAG = { type: 'input_tag', id: 'claim_1', text: 'Claim A-1', group: 'Claims', data: { a: 1 } } as const;

describe('ChatKit drop-in: sendUserMessage', () => {
  it('sends structured content (tags and text) instead of an empty text part', async () => {
    const { el, server } = await mount();
    await sendWith(el, { content: [TAG, { type: 'input_text', text: 'what is its status?' }] });
    const input = server.lastRequest('threads.create')!.params.input;
    expect(input.content).to.deep.equal([
      {
        type: 'input_tag',
        id: 'claim_1',
        text: 'Claim A-1',
        group: 'Claims',
        data: { a: 1 },
        interactive: false,
      },
      { type: 'input_text', text: 'what is its status?' },
    ]);
  });

  it('sends text after tag-only content when both are given', async () => {
    const { el, server } = await mount();
    await sendWith(el, { text: 'status?', content: [TAG] });
    const content = server.lastRequest('threads.create')!.params.input.content;
    expect(content.map((part: { type: string }) => part.type)).to.deep.equal(['input_tag', 'input_text']);
    expect(content[1].text).to.equal('status?');
  });

  it('maps reply, attachments, toolChoice and model to the request', async () => {
    const { el, server } = await mount({
      composer: { models: [{ id: 'small', label: 'Small', default: true }] },
    });
    await sendWith(el, {
      text: 'see file',
      reply: 'the quoted part',
      attachments: [{ type: 'file', id: 'att_9', name: 'a.pdf', mime_type: 'application/pdf' }],
      toolChoice: { id: 'search' },
      model: 'large',
    });
    const input = server.lastRequest('threads.create')!.params.input;
    expect(input.quoted_text).to.equal('the quoted part');
    expect(input.attachments).to.deep.equal(['att_9']);
    expect(input.inference_options).to.deep.equal({ tool_choice: { id: 'search' }, model: 'large' });
  });

  it('newThread starts a new thread even when one is open', async () => {
    const { el, server } = await mount();
    const threadChanges = collect(el, 'chatkit.thread.change');
    await sendAndWait(el, 'first');
    const firstThread = threadChanges.at(-1)!.detail.threadId;
    await sendWith(el, { text: 'second', newThread: true });
    expect(server.requests.filter((r) => r.type === 'threads.create')).to.have.length(2);
    const secondThread = threadChanges.at(-1)!.detail.threadId;
    expect(firstThread).to.be.a('string');
    expect(secondThread).to.be.a('string');
    expect(secondThread).not.to.equal(firstThread);
  });

  it('an empty call is a chatkit.log warning, not a request or an exception', async () => {
    const { el, server } = await mount();
    const logs = collect(el, 'chatkit.log');
    await el.sendUserMessage({});
    await el.sendUserMessage(undefined as never);
    expect(server.requests).to.have.length(0);
    expect(logs.map((e) => e.detail.name)).to.deep.equal(['sendUserMessage.empty', 'sendUserMessage.empty']);
  });
});

describe('ChatKit drop-in: setComposerValue', () => {
  it('sets text and tags from content, and sends them as typed', async () => {
    const { el, server } = await mount();
    await el.setComposerValue({ content: [TAG, { type: 'input_text', text: 'details please' }] });
    await settle(el);
    expect(textbox(el).value).to.equal('details please');
    const chips = deepAll(el, 'chatkit-composer', '.tag-chip');
    expect(chips.map((chip) => chip.textContent!.trim())).to.deep.equal(['@Claim A-1']);
    const ended = oneEvent(el, 'chatkit.response.end');
    deep<HTMLButtonElement>(el, 'chatkit-composer', 'button.send')!.click();
    await ended;
    const content = server.lastRequest('threads.create')!.params.input.content;
    expect(content[0]).to.include({ type: 'input_tag', id: 'claim_1' });
    expect(content[1]).to.deep.equal({ type: 'input_text', text: 'details please' });
  });

  it('{selectedToolId: null} clears the tool but keeps the typed draft', async () => {
    const { el } = await mount({ composer: { tools: [{ id: 'search', label: 'Search' }] } });
    const toolChanges = collect(el, 'chatkit.tool.change');
    await el.setComposerValue({ text: 'my draft', selectedToolId: 'search' });
    await settle(el);
    // Tool chips render with code loaded on demand.
    await until(() => deep(el, 'chatkit-composer', '.chip[aria-pressed="true"]'), 'pressed tool chip');
    await el.setComposerValue({ selectedToolId: null });
    await settle(el);
    expect(textbox(el).value).to.equal('my draft');
    expect(deep(el, 'chatkit-composer', '.chip[aria-pressed="true"]')).to.equal(null);
    expect(toolChanges.map((e) => e.detail.toolId)).to.deep.equal(['search', null]);
  });

  it('selectedToolId and selectedModelId apply to the next typed message', async () => {
    const { el, server } = await mount({
      composer: {
        tools: [{ id: 'search', label: 'Search' }],
        models: [
          { id: 'small', label: 'Small', default: true },
          { id: 'large', label: 'Large' },
        ],
      },
    });
    await el.setComposerValue({ text: 'hi', selectedToolId: 'search', selectedModelId: 'large' });
    await settle(el);
    const ended = oneEvent(el, 'chatkit.response.end');
    deep<HTMLButtonElement>(el, 'chatkit-composer', 'button.send')!.click();
    await ended;
    expect(server.lastRequest('threads.create')!.params.input.inference_options).to.deep.equal({
      tool_choice: { id: 'search' },
      model: 'large',
    });
  });

  it('reply shows a removable quote and is sent as quoted_text', async () => {
    const { el, server } = await mount();
    await el.setComposerValue({ text: 'why?', reply: 'The sky is blue.' });
    await settle(el);
    expect(deep(el, 'chatkit-composer', '.reply .quote')!.textContent!.trim()).to.equal('The sky is blue.');
    const ended = oneEvent(el, 'chatkit.response.end');
    deep<HTMLButtonElement>(el, 'chatkit-composer', 'button.send')!.click();
    await ended;
    await settle(el);
    expect(server.lastRequest('threads.create')!.params.input.quoted_text).to.equal('The sky is blue.');
    expect(deep(el, 'chatkit-composer', '.reply')).to.equal(null);
  });

  it('attachments fill the tray; files are uploaded and attached', async () => {
    const { el, server } = await mount({ composer: { attachments: { enabled: true } } });
    await el.setComposerValue({
      text: 'two files',
      attachments: [{ type: 'file', id: 'att_ready', name: 'ready.pdf', mime_type: 'application/pdf' }],
      files: [new File(['hello'], 'new.txt', { type: 'text/plain' })],
    });
    await settle(el);
    await until(
      () => deepAll(el, 'chatkit-composer', '.tray .chip[data-status="done"]').length === 2,
      'both attachments ready',
    );
    expect(server.lastRequest('attachments.create')!.params).to.include({
      name: 'new.txt',
      mime_type: 'text/plain',
    });
    expect(server.uploads).to.have.length(1);
    const ended = oneEvent(el, 'chatkit.response.end');
    deep<HTMLButtonElement>(el, 'chatkit-composer', 'button.send')!.click();
    await ended;
    const sent = server.lastRequest('threads.create')!.params.input.attachments;
    expect(sent).to.have.length(2);
    expect(sent[0]).to.equal('att_ready');
  });
});

describe('ChatKit drop-in: focus and history methods', () => {
  it('focusComposer, showHistory and hideHistory return promises; history events fire for them', async () => {
    const { el } = await mount();
    const opened = collect(el, 'chatkit.history.open');
    const closed = collect(el, 'chatkit.history.close');
    const focus = el.focusComposer();
    expect(focus).to.be.instanceOf(Promise);
    await focus;
    expect(el.shadowRoot!.activeElement?.tagName.toLowerCase()).to.equal('chatkit-composer');
    const show = el.showHistory();
    expect(show).to.be.instanceOf(Promise);
    await show;
    await settle(el);
    expect(deep(el, 'chatkit-history')).not.to.equal(null);
    const hide = el.hideHistory();
    expect(hide).to.be.instanceOf(Promise);
    await hide;
    expect(deep(el, 'chatkit-history')).to.equal(null);
    expect([opened.length, closed.length]).to.deep.equal([1, 1]);
  });

  it('setThreadId fires chatkit.thread.change', async () => {
    const server = new InPageChatKit();
    server.addThread('thr_old', 'Old chat', []);
    const { el } = await mount({}, undefined, server);
    const changes = collect(el, 'chatkit.thread.change');
    await el.setThreadId('thr_old');
    await el.setThreadId(null);
    expect(changes.map((e) => e.detail.threadId)).to.deep.equal(['thr_old', null]);
  });
});

describe('ChatKit drop-in: setOptions', () => {
  it('an equal object with a new fetch closure keeps the conversation and uses the new closure', async () => {
    const server = new InPageChatKit();
    let calls = 0;
    const optionsWith = (): ChatkitChatOptions => ({
      api: {
        url: API_URL,
        fetch: (input, init) => {
          calls += 1;
          return server.fetch(input, init);
        },
      },
      header: { title: { text: 'Support' } },
    });
    const { el } = await mount(optionsWith(), undefined, server);
    await sendAndWait(el, 'one');
    await sendAndWait(el, 'two');
    expect(deepAll(el, 'chatkit-thread', '[part~="message"]')).to.have.length(4);
    const changes = collect(el, 'chatkit.thread.change');
    const before = calls;
    let newClosureCalls = 0;
    el.setOptions({
      ...optionsWith(),
      api: {
        url: API_URL,
        fetch: (input, init) => {
          newClosureCalls += 1;
          return server.fetch(input, init);
        },
      },
    });
    await settle(el);
    expect(deepAll(el, 'chatkit-thread', '[part~="message"]')).to.have.length(4);
    await sendAndWait(el, 'three');
    expect(deepAll(el, 'chatkit-thread', '[part~="message"]')).to.have.length(6);
    expect(newClosureCalls).to.be.greaterThan(0);
    expect(calls).to.equal(before);
    expect(changes).to.have.length(0);
  });

  it('a different api.url starts over', async () => {
    const { el, server } = await mount();
    await sendAndWait(el, 'one');
    el.setOptions({ api: { url: `${API_URL}/other`, fetch: server.fetch } });
    await settle(el);
    expect(deep(el, 'chatkit-start-screen')).not.to.equal(null);
  });
});

describe('ChatKit drop-in: options', () => {
  it('startScreen prompts given as content are sent as content', async () => {
    const { el, server } = await mount({
      startScreen: {
        prompts: [{ label: 'Claim status', prompt: [TAG, { type: 'input_text', text: 'status?' }] }],
      },
    });
    const ended = oneEvent(el, 'chatkit.response.end');
    deep<HTMLButtonElement>(el, 'chatkit-start-screen', '[part="starter-prompt"]')!.click();
    await ended;
    const request = server.lastRequest('threads.create')!;
    expect(request.params.input.content.map((part: { type: string }) => part.type)).to.deep.equal([
      'input_tag',
      'input_text',
    ]);
    expect(request.params.input.content[1].text).to.equal('status?');
  });

  it('frameTitle is the accessible name of the chat region', async () => {
    const { el } = await mount({ frameTitle: 'Order support' });
    const panel = deep(el, '[part="panel"]')!;
    expect(panel.getAttribute('role')).to.equal('group');
    expect(panel.getAttribute('aria-label')).to.equal('Order support');
  });

  it('feedback and retry are off by default (as in ChatKit), on when enabled; copy stays', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'hello');
    const labels = () =>
      deepAll(el, 'chatkit-thread', '[part="item-actions"] button').map((b) => b.getAttribute('aria-label'));
    expect(labels()).to.deep.equal(['Copy']);
  });

  it('feedback and retry buttons appear when enabled', async () => {
    const { el } = await mount({ threadItemActions: { feedback: true, retry: true } });
    await sendAndWait(el, 'hello');
    const buttons = deepAll(el, 'chatkit-thread', '[part="item-actions"] button');
    expect(buttons).to.have.length(4);
  });

  it('a chatkit-link:// link fires chatkit.deeplink with its name and query', async () => {
    const server = new InPageChatKit();
    server.script = ({ threadId, nextId, now }) => {
      const id = nextId('msg');
      const text = 'Open [order 42](chatkit-link://orders/open?id=42&tab=items).';
      const item = {
        id,
        thread_id: threadId,
        created_at: now(),
        type: 'assistant_message' as const,
        content: [{ type: 'output_text' as const, text, annotations: [] }],
      };
      return [
        { type: 'thread.item.added', item: { ...item, content: [] } },
        { type: 'thread.item.done', item },
      ];
    };
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'where is my order');
    let link: HTMLAnchorElement | null = null;
    await until(() => {
      const markdown = deep(el, 'chatkit-thread', 'chatkit-markdown');
      link = markdown?.shadowRoot?.querySelector('a') ?? null;
      return link;
    }, 'the link rendered');
    const event = oneEvent(el, 'chatkit.deeplink');
    link!.click();
    const { detail } = await event;
    expect(detail).to.deep.equal({ name: 'orders/open', data: { id: '42', tab: 'items' } });
  });

  it('hosted mode (getClientSecret) is a chatkit.error and a visible explanation, not a dead widget', async () => {
    const el = document.createElement('chatkit-chat') as ChatkitChat;
    el.setAttribute('persist', 'none');
    document.body.append(el);
    try {
      const errors = collect(el, 'chatkit.error');
      el.setOptions({ api: { getClientSecret: async () => 'secret' } } as ChatkitChatOptions);
      await settle(el);
      expect(errors).to.have.length(1);
      expect(errors[0].detail.error.message).to.contain('api.url');
      const notice = deep(el, '[part="config-error"]')!;
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(notice.textContent).to.contain('hosted mode');
      expect(notice.textContent).to.contain('api:');
    } finally {
      el.remove();
    }
  });

  it('unknown options and wrong types are chatkit.log warnings; the rest still applies', async () => {
    const { el } = await mount();
    const logs = collect(el, 'chatkit.log');
    expect(() =>
      el.setOptions({
        api: { url: API_URL, fetch: new InPageChatKit().fetch },
        startScreen: { greeting: 'Welcome!' },
        header: { enabled: 'yes' },
        bogus: 1,
        composer: { placeholder: 42 },
      } as never),
    ).not.to.throw();
    await settle(el);
    const seen = logs.map((e) => [e.detail.name, e.detail.data.option]);
    expect(seen).to.deep.include.members([
      ['options.invalid', 'header.enabled'],
      ['options.unknown', 'bogus'],
      ['options.invalid', 'composer.placeholder'],
    ]);
    expect(deep(el, 'chatkit-start-screen')!.shadowRoot!.textContent).to.contain('Welcome!');
    expect(deep(el, 'chatkit-header')).not.to.equal(null);
    expect(() => el.setOptions(null as never)).not.to.throw();
    expect(() => el.setOptions('nope' as never)).not.to.throw();
  });
});

describe('ChatKit drop-in: thread.autoScroll', () => {
  /** A long answer whose deltas arrive after `hold` releases; returns how far from the bottom the view ends. */
  async function gapAfterLongAnswer(autoScroll: boolean): Promise<number> {
    const server = new InPageChatKit();
    server.script = (ctx) =>
      streamedAnswer(
        ctx,
        Array.from({ length: 30 }, (_, i) => `Paragraph ${i} of a long answer.\n\n`),
      );
    const { el } = await mount({ thread: { autoScroll } }, undefined, server);
    el.style.display = 'block';
    el.style.height = '360px';
    server.hold(3);
    const started = oneEvent(el, 'chatkit.response.start');
    const ended = oneEvent(el, 'chatkit.response.end');
    void el.sendUserMessage('tell me a lot');
    await started;
    // The question must be on screen before the answer streams (the case under test). Session notifications
    // are coalesced per frame while streaming, so on a busy machine the whole exchange could otherwise reach
    // the thread in its first render, which opens at the newest message like any thread does.
    await until(
      () => deepAll(el, 'chatkit-thread', '[part~="user-message"]').length === 1,
      'question shown before the answer streams',
    );
    await settle(el);
    server.release();
    await ended;
    await settle(el);
    await until(
      () => deepAll(el, 'chatkit-thread', '[part~="assistant-message"]').length === 1,
      'answer shown',
    );
    const scroller = deep(el, 'chatkit-thread', '.scroller')!;
    await until(() => scroller.scrollHeight > scroller.clientHeight * 2, 'long answer rendered');
    // The thread follows rendered growth from its ResizeObserver, which runs at the next rendering step; an
    // observer created now is notified after it (observers are notified in creation order).
    await new Promise<void>((resolve) =>
      new ResizeObserver((_, observer) => {
        observer.disconnect();
        resolve();
      }).observe(scroller),
    );
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  }

  it('on (our default): the view follows the streaming answer to its end', async () => {
    expect(await gapAfterLongAnswer(true)).to.be.lessThan(40);
  });

  it('off (ChatKit default): the view stays where the question was; the answer grows below', async () => {
    expect(await gapAfterLongAnswer(false)).to.be.greaterThan(200);
  });
});
