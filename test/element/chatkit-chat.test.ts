import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import {
  API_URL,
  uniqueApiUrl,
  deep,
  deepText,
  deepAll,
  InPageChatKit,
  mount,
  sendAndWait,
  settle,
  textbox,
  until,
} from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';

describe('<chatkit-chat> attributes', () => {
  it('renders the start screen with the greeting attribute and the placeholder attribute', async () => {
    const { el } = await mount(
      {},
      html`<chatkit-chat
        persist="none"
        locale="en"
        greeting="Hello there"
        placeholder="Type here"
      ></chatkit-chat>`,
    );
    await settle(el);
    expect(deep(el, 'chatkit-start-screen', 'h2')!.textContent).to.equal('Hello there');
    expect(textbox(el).placeholder).to.equal('Type here');
  });

  it('theme sets data-color-scheme and auto follows prefers-color-scheme', async () => {
    const { el } = await mount({}, html`<chatkit-chat persist="none" theme="dark"></chatkit-chat>`);
    expect(el.getAttribute('data-color-scheme')).to.equal('dark');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('data-color-scheme')).to.equal('light');
    el.theme = 'auto';
    await el.updateComplete;
    const expected = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    expect(el.getAttribute('data-color-scheme')).to.equal(expected);
  });

  it('mode="launcher" renders a named launcher that opens a panel', async () => {
    const { el } = await mount({}, html`<chatkit-chat persist="none" mode="launcher"></chatkit-chat>`);
    const launcher = deep<HTMLButtonElement>(el, '[part="launcher"]')!;
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
    expect(deep(el, '[part="panel"]')!.hidden).to.equal(true);
    launcher.click();
    await el.updateComplete;
    expect(deep(el, '[part="panel"]')!.hidden).to.equal(false);
    expect(launcher.getAttribute('aria-label')).to.equal('Close chat');
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
  });

  it('mode="fullscreen" fills the viewport', async () => {
    const { el } = await mount({}, html`<chatkit-chat persist="none" mode="fullscreen"></chatkit-chat>`);
    const rect = el.getBoundingClientRect();
    expect(getComputedStyle(el).position).to.equal('fixed');
    expect(Math.round(rect.width)).to.equal(innerWidth);
  });

  it('locale loads translated strings on demand and sets lang/dir', async () => {
    const { el } = await mount({}, html`<chatkit-chat persist="none" locale="de-AT"></chatkit-chat>`);
    await until(() => textbox(el)?.getAttribute('aria-label') === 'Nachricht', 'German strings load');
    expect(el.getAttribute('lang')).to.equal('de-AT');
    expect(el.getAttribute('dir')).to.equal('ltr');
    el.locale = 'ar';
    await until(() => textbox(el).getAttribute('aria-label') === 'رسالة', 'Arabic strings load');
    expect(el.getAttribute('dir')).to.equal('rtl');
  });

  it('branding-url applies name, primary color, greeting and prompts', async () => {
    const server = new InPageChatKit();
    const el = await fixture<ChatkitChat>(html`<chatkit-chat persist="none" locale="en"></chatkit-chat>`);
    el.setOptions({
      api: { url: API_URL, fetch: server.fetch },
      brandingUrl: 'https://api.test/api/branding',
    });
    await until(
      () => deep(el, 'chatkit-start-screen', 'h2')?.textContent === 'Welcome to Acme',
      'branding greeting',
    );
    expect(deep(el, 'chatkit-header', '[part="title"]')!.textContent).to.equal('Acme Help');
    expect(deep(el, 'chatkit-start-screen', '[part="starter-prompt"]')!.textContent!.trim()).to.equal(
      'Track order',
    );
    const send = deep(el, 'chatkit-composer', '[part="send-button"]')!;
    // The token's computed value (var() resolved), independent of the button's color transition.
    expect(getComputedStyle(send).getPropertyValue('--chatkit-accent').trim()).to.equal('#ff0066');
  });

  it('the branding-url attribute works too', async () => {
    const { el } = await mount(
      {},
      html`<chatkit-chat
        persist="none"
        locale="en"
        branding-url="https://api.test/api/branding"
      ></chatkit-chat>`,
    );
    await until(
      () => deep(el, 'chatkit-header', '[part="title"]')?.textContent === 'Acme Help',
      'branded title',
    );
  });

  it('persist="local" remembers the thread per api-url and restores it with its items', async () => {
    const server = new InPageChatKit();
    const url = uniqueApiUrl();
    const tpl = html`<chatkit-chat persist="local" locale="en"></chatkit-chat>`;
    const first = await mount({ api: { url } }, tpl, server);
    await sendAndWait(first.el, 'remember me');
    const threadId = server.threadIds[0]!;
    expect(localStorage.getItem(`chatkit-chat:thread:${url}`)).to.equal(threadId);
    first.el.remove();
    const second = await mount({ api: { url } }, tpl, server);
    await until(
      () => deepAll(second.el, 'chatkit-thread', '[part~="user-message"]').length === 1,
      'restored',
    );
    await until(
      () =>
        deepText(deep(second.el, 'chatkit-thread', '[part~="assistant-message"]')).includes('remember me'),
      'restored answer rendered',
    );
    localStorage.removeItem(`chatkit-chat:thread:${url}`);
  });

  it('persist="none" keeps nothing; initial-thread opens a given thread', async () => {
    const server = new InPageChatKit();
    server.addThread('thr_given', 'Given', [
      {
        id: 'u1',
        thread_id: 'thr_given',
        created_at: '2026-01-01T00:00:00',
        type: 'user_message',
        content: [{ type: 'input_text', text: 'old question' }],
        attachments: [],
        inference_options: {},
      },
    ]);
    const { el } = await mount(
      {},
      html`<chatkit-chat persist="none" locale="en" initial-thread="thr_given"></chatkit-chat>`,
      server,
    );
    await until(() => deep(el, 'chatkit-thread', '[part~="user-message"]'), 'initial thread loaded');
    expect(deep(el, 'chatkit-header', '[part="title"]')!.textContent).to.equal('Given');
    expect(localStorage.getItem(`chatkit-chat:thread:${API_URL}`)).to.equal(null);
  });

  it('api-url with the page fetch sends a stable anonymous x-chatkit-user id', async () => {
    const server = new InPageChatKit();
    const original = window.fetch;
    window.fetch = server.fetch as typeof fetch;
    try {
      const el = await fixture<ChatkitChat>(
        html`<chatkit-chat api-url=${API_URL} persist="none" locale="en"></chatkit-chat>`,
      );
      await sendAndWait(el, 'who am I');
      const id = localStorage.getItem('chatkit-chat:user');
      expect(id).to.match(/^[0-9a-f-]{36}$/);
      expect(server.requests[0].headers['x-chatkit-user']).to.equal(id);
    } finally {
      window.fetch = original;
    }
  });

  it('sends no x-chatkit-user when the host overrides fetch', async () => {
    const server = new InPageChatKit();
    const { el } = await mount({}, undefined, server);
    await sendAndWait(el, 'hi');
    // api.fetch is the host's: identity is the host's business.
    expect(server.requests[0].headers['x-chatkit-user']).to.equal(undefined);
    expect(server.requests[0].headers['accept-language']).to.equal('en');
  });
});

describe('<chatkit-chat> methods', () => {
  it('sendUserMessage streams an answer into role=log', async () => {
    const { el, server } = await mount();
    await sendAndWait(el, 'hello world');
    const log = deep(el, 'chatkit-thread', '[role="log"]')!;
    expect(log.getAttribute('aria-label')).to.equal('Conversation');
    expect(deepText(deep(el, 'chatkit-thread', '[part~="user-message"]'))).to.contain('hello world');
    expect(deepText(deep(el, 'chatkit-thread', '[part~="assistant-message"]'))).to.contain(
      'You said: hello world',
    );
    expect(server.requests.map((r) => r.type)).to.deep.equal(['threads.create']);
  });

  it('sendUserMessage with reply quotes the text; newThread starts a new thread', async () => {
    const { el, server } = await mount();
    await sendAndWait(el, 'first');
    const ended = oneEvent(el, 'chatkit.response.end');
    await el.sendUserMessage({ text: 'about this', reply: 'quoted bit', newThread: true });
    await ended;
    await settle(el);
    expect(server.requests.filter((r) => r.type === 'threads.create').length).to.equal(2);
    expect(server.lastRequest('threads.create')!.params.input.quoted_text).to.equal('quoted bit');
  });

  it('moving the element in the DOM keeps the conversation', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'do not lose me');
    const parent = el.parentElement!;
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    // The session would be disposed in the next task if the element had stayed detached: let that task run.
    await new Promise((resolve) => setTimeout(resolve));
    await settle(el);
    expect(deepText(deep(el, 'chatkit-thread', '[part~="user-message"]'))).to.contain('do not lose me');
    parent.append(el);
    other.remove();
  });

  it('setComposerValue and focusComposer', async () => {
    const { el } = await mount();
    await el.setComposerValue({ text: 'draft text' });
    await settle(el);
    expect(textbox(el).value).to.equal('draft text');
    el.focusComposer();
    await until(() => deep(el, 'chatkit-composer')!.shadowRoot!.activeElement === textbox(el), 'focused');
  });

  it('setComposerValue: calls made together apply in call order (the draft code loads on demand)', async () => {
    const { el } = await mount({
      composer: { tools: [{ id: 'search', label: 'Search', icon: 'globe' }] },
    });
    const toolChanges: unknown[] = [];
    el.addEventListener('chatkit.tool.change', (event) => toolChanges.push(event.detail.toolId));
    const first = el.setComposerValue({ text: 'first', reply: 'a quote', selectedToolId: 'search' });
    // The selected tool changes at once; the draft waits for its code.
    expect(toolChanges).to.deep.equal(['search']);
    const second = el.setComposerValue('second');
    const third = el.setComposerValue({ reply: '', selectedToolId: undefined });
    expect(toolChanges).to.deep.equal(['search', null]);
    await Promise.all([first, second, third]);
    await settle(el);
    expect(textbox(el).value).to.equal('second');
    expect(deep(el, 'chatkit-composer', '.reply'), 'the last call removed the quote').to.equal(null);
    await el.setComposerValue({ reply: 'kept' });
    await settle(el);
    expect(textbox(el).value, 'fields left out stay').to.equal('second');
    expect(deepText(deep(el, 'chatkit-composer', '.reply'))).to.contain('kept');
  });

  it('setThreadId opens a thread and setThreadId(null) starts a new chat', async () => {
    const { el, server } = await mount();
    server.addThread('thr_a', 'Thread A', [
      {
        id: 'a1',
        thread_id: 'thr_a',
        created_at: '2026-01-01T00:00:00',
        type: 'user_message',
        content: [{ type: 'input_text', text: 'in A' }],
        attachments: [],
        inference_options: {},
      },
    ]);
    await el.setThreadId('thr_a');
    await settle(el);
    expect(deepText(deep(el, 'chatkit-thread', '[part~="user-message"]'))).to.contain('in A');
    await el.setThreadId(null);
    await settle(el);
    expect(deep(el, 'chatkit-start-screen')).to.not.equal(null);
  });

  it('sendCustomAction sends threads.custom_action and relays its client effect', async () => {
    const { el, server } = await mount();
    await sendAndWait(el, 'start');
    const effect = oneEvent(el, 'chatkit.effect');
    await el.sendCustomAction({ type: 'do.thing', payload: { a: 1 } });
    const event = await effect;
    expect(server.lastRequest('threads.custom_action')!.params.action).to.deep.equal({
      type: 'do.thing',
      payload: { a: 1 },
    });
    expect(event.detail.name).to.equal('custom');
  });

  it('showHistory / hideHistory toggle the history panel listing threads', async () => {
    const { el, server } = await mount();
    server.addThread('thr_1', 'First thread');
    server.addThread('thr_2', 'Second thread');
    el.showHistory();
    await until(() => deepAll(el, 'chatkit-history', '.row').length === 2, 'history rows');
    expect(deep(el, 'chatkit-history', '[part="history"]')).to.not.equal(null);
    expect(deep(el, 'chatkit-history', '.row .title')!.textContent).to.equal('Second thread');
    el.hideHistory();
    await el.updateComplete;
    expect(deep(el, 'chatkit-history')).to.equal(null);
  });

  it('fetchUpdates re-reads the current thread', async () => {
    const { el, server } = await mount();
    await sendAndWait(el, 'one');
    const threadId = server.threadIds[0]!;
    await server.addItem(threadId, {
      id: 'late',
      thread_id: threadId,
      created_at: '2026-05-19T14:03:11',
      type: 'assistant_message',
      content: [{ type: 'output_text', text: 'arrived later', annotations: [] }],
    });
    await el.fetchUpdates();
    await settle(el);
    expect(deepText(deep(el, 'chatkit-thread', '[data-item-id="late"]'))).to.contain('arrived later');
  });

  it('setOptions switches locale, header and item actions without remounting', async () => {
    const { el } = await mount();
    await sendAndWait(el, 'keep me');
    const thread = deep(el, 'chatkit-thread');
    el.setOptions({
      api: { url: API_URL, fetch: (el as any).options.api.fetch },
      locale: 'fr',
      threadItemActions: { feedback: false, retry: false, copy: true },
      header: { title: { text: 'Support' } },
    });
    await until(
      () =>
        textbox(el).getAttribute('aria-label') === 'Message' &&
        deep(el, 'chatkit-header', 'button[aria-label="Nouvelle discussion"]'),
      'French',
    );
    await settle(el);
    expect(deep(el, 'chatkit-thread')).to.equal(thread);
    expect(deep(el, 'chatkit-header', '[part="title"]')!.textContent).to.equal('Support');
    const actions = deepAll(el, 'chatkit-thread', '[part="item-actions"] button');
    expect(actions.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Copier']);
    expect(deepText(deep(el, 'chatkit-thread', '[part~="user-message"]'))).to.contain('keep me');
  });
});
