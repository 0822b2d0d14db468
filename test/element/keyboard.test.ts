import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { describe, it } from '../support/mocha.js';
import { uniqueApiUrl, deep, InPageChatKit, mount, sendAndWait, settle, textbox, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';

/** The element that has focus, looking through shadow roots. */
function activeElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const label = (node: Element | null) => node?.getAttribute('aria-label') ?? node?.tagName.toLowerCase() ?? '';

describe('keyboard', () => {
  it('Enter sends, Shift+Enter adds a line, IME composition never sends', async () => {
    const { el, server } = await mount();
    textbox(el).focus();
    await sendKeys({ type: 'first line' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    expect(textbox(el).value).to.equal('first line\nsecond line');
    expect(server.requests.length).to.equal(0);
    // An Enter that confirms an IME candidate arrives with isComposing (keyCode 229 in Chromium).
    textbox(el).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, composed: true }),
    );
    await settle(el);
    expect(server.requests.length).to.equal(0);
    const ended = oneEvent(el, 'chatkit.response.end');
    await sendKeys({ press: 'Enter' });
    await ended;
    expect(server.requests[0].params.input.content).to.deep.equal([
      { type: 'input_text', text: 'first line\nsecond line' },
    ]);
    await settle(el);
    expect(textbox(el).value).to.equal('');
  });

  it('@-mentions: entities.onTagSearch results are picked by keyboard and sent as input_tag', async () => {
    const queries: string[] = [];
    const { el, server } = await mount({
      entities: {
        onTagSearch: async (query: string) => {
          queries.push(query);
          return [
            { id: 'c1', title: 'Paris', group: 'Cities' },
            { id: 'c2', title: 'Pamplona', group: 'Cities' },
          ];
        },
      },
    });
    textbox(el).focus();
    await sendKeys({ type: 'Trip to @Pa' });
    await until(() => deep(el, 'chatkit-composer', '[role="listbox"]'), 'suggestions');
    expect(queries.at(-1)).to.equal('Pa');
    expect(textbox(el).getAttribute('aria-activedescendant')).to.equal('tag-option-0');
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(textbox(el).getAttribute('aria-activedescendant')).to.equal('tag-option-1');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(server.requests.length).to.equal(0);
    expect(deep(el, 'chatkit-composer', '[role="listbox"]')).to.equal(null);
    expect(deep(el, 'chatkit-composer', '.tag-chip')!.textContent).to.contain('@Pamplona');
    expect(textbox(el).value).to.equal('Trip to ');
    const ended = oneEvent(el, 'chatkit.response.end');
    await sendKeys({ press: 'Enter' });
    await ended;
    expect(server.requests[0].params.input.content).to.deep.equal([
      { type: 'input_tag', id: 'c2', text: 'Pamplona', data: {}, group: 'Cities', interactive: false },
      { type: 'input_text', text: 'Trip to' },
    ]);
  });

  it('every control is reachable with Tab and has a name; a whole conversation works by keyboard', async () => {
    const { el } = await mount({ threadItemActions: { feedback: true, retry: true } });
    await sendAndWait(el, 'hello');
    deep<HTMLButtonElement>(el, 'chatkit-header', 'button[aria-label="History"]')!.focus();
    const names: string[] = ['History'];
    for (let i = 0; i < 12 && activeElement() !== textbox(el); i++) {
      await sendKeys({ press: 'Tab' });
      names.push(label(activeElement()));
    }
    expect(names).to.deep.equal([
      'History',
      'New chat',
      'Conversation',
      'Copy',
      'Good response',
      'Bad response',
      'Retry',
      'Message',
    ]);
    // New chat by keyboard, then a message by keyboard.
    deep<HTMLButtonElement>(el, 'chatkit-header', 'button[aria-label="New chat"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deep(el, 'chatkit-start-screen'), 'start screen');
    textbox(el).focus();
    await sendKeys({ type: 'by keyboard' });
    const ended = oneEvent(el, 'chatkit.response.end');
    await sendKeys({ press: 'Enter' });
    await ended;
  });

  it('History opens with the keyboard, moves focus into the panel, and Escape closes it', async () => {
    const { el, server } = await mount();
    server.addThread('thr_k', 'Keyboard thread');
    deep<HTMLButtonElement>(el, 'chatkit-header', 'button[aria-label="History"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(
      () => label(activeElement()) === 'button' || activeElement()?.classList.contains('new'),
      'focus in history',
    );
    await until(() => deep(el, 'chatkit-history', '.row .open'), 'rows');
    const closed = oneEvent(el, 'chatkit.history.close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await until(() => activeElement() === textbox(el), 'focus back in the composer');
  });
});

describe('launcher', () => {
  it('opens into the composer, Escape closes and returns focus to the launcher', async () => {
    const { el } = await mount(
      {},
      html`<chatkit-chat persist="none" mode="launcher" locale="en"></chatkit-chat>`,
    );
    const launcher = deep<HTMLButtonElement>(el, '[part="launcher"]')!;
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => activeElement() === textbox(el), 'composer focused');
    await sendKeys({ press: 'Escape' });
    await until(() => activeElement() === launcher, 'launcher focused');
    expect(deep(el, '[part="panel"]')!.hidden).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
  });

  it('shows an unread badge when an answer arrives while closed', async () => {
    const { el } = await mount(
      {},
      html`<chatkit-chat persist="none" mode="launcher" locale="en"></chatkit-chat>`,
    );
    await sendAndWait(el, 'answer while closed');
    await settle(el);
    const badge = deep(el, '[part="launcher"] .badge')!;
    expect(badge.textContent).to.equal('1');
    expect(badge.getAttribute('aria-label')).to.equal('1 new message');
    deep<HTMLButtonElement>(el, '[part="launcher"]')!.click();
    await el.updateComplete;
    expect(deep(el, '[part="launcher"] .badge')).to.equal(null);
  });

  it('remembers the open state (persist="local")', async () => {
    const server = new InPageChatKit();
    const url = uniqueApiUrl();
    const tpl = html`<chatkit-chat persist="local" mode="launcher" locale="en"></chatkit-chat>`;
    const first = await mount({ api: { url } }, tpl, server);
    deep<HTMLButtonElement>(first.el, '[part="launcher"]')!.click();
    await first.el.updateComplete;
    first.el.remove();
    const second = await fixture<ChatkitChat>(tpl);
    second.setOptions({ api: { url, fetch: server.fetch } });
    await second.updateComplete;
    expect(deep(second, '[part="panel"]')!.hidden).to.equal(false);
    localStorage.removeItem(`chatkit-chat:open:${url}`);
  });
});

describe('right to left', () => {
  it('Arabic lays out right to left through logical properties', async () => {
    const { el } = await mount({}, html`<chatkit-chat persist="none" locale="ar"></chatkit-chat>`);
    await until(() => textbox(el).getAttribute('aria-label') === 'رسالة', 'Arabic strings');
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(textbox(el)).direction).to.equal('rtl');
    await sendAndWait(el, 'مرحبا');
    const history = deep(el, 'chatkit-header', 'button[aria-label="السجل"]')!.getBoundingClientRect();
    const newChat = deep(el, 'chatkit-header', 'button[aria-label="محادثة جديدة"]')!.getBoundingClientRect();
    expect(history.left).to.be.greaterThan(newChat.left);
    // The user's bubble sits at the inline end, which is the left in RTL.
    const bubble = deep(el, 'chatkit-thread', '.user .bubble')!.getBoundingClientRect();
    const log = deep(el, 'chatkit-thread', '.content')!.getBoundingClientRect();
    expect(bubble.left - log.left).to.be.lessThan(log.right - bubble.right);
  });
});
