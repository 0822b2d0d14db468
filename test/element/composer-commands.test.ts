/** The "/" command menu (ChatKit's `commands` option): search, listbox keyboard and mouse, selections. */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { describe, it } from '../support/mocha.js';
import { deep, deepAll, mount, settle, textbox, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import type { Command, CommandSelection } from '../../src/element/chatkit-chat/options.js';

const COMMANDS: Command[] = [
  {
    id: 'summarize',
    label: 'Summarize',
    description: 'Summarize the thread',
    icon: 'notebook',
    group: 'Writing',
  },
  { id: 'translate', label: 'Translate', group: 'Writing' },
  { id: 'ticket', label: 'Open a ticket', icon: 'bug', group: 'Support' },
];

function listbox(el: ChatkitChat): HTMLElement | null {
  return deep(el, 'chatkit-composer', '#command-list');
}

function options(el: ChatkitChat): HTMLElement[] {
  return deepAll(el, 'chatkit-composer', '#command-list [role="option"]');
}

function labels(el: ChatkitChat): string[] {
  return options(el).map((o) => o.querySelector('.suggest-label')!.textContent!.trim());
}

function status(el: ChatkitChat): string {
  return deep(el, 'chatkit-composer', '[role="status"]')?.textContent?.trim() ?? '';
}

/** A search the test answers by hand, to order results against typing. */
function deferredSearch() {
  const calls: { query: string; resolve: (commands: Command[]) => void }[] = [];
  const onSearch = (query: string) => new Promise<Command[]>((resolve) => calls.push({ query, resolve }));
  return { calls, onSearch };
}

describe('composer commands ("/" menu)', () => {
  it('"/" opens a listbox fed by onSearch; arrows, Home/End and Enter select; onSelect gets the command', async () => {
    const queries: string[] = [];
    const selected: Command[] = [];
    const { el, server } = await mount({
      commands: {
        enabled: true,
        onSearch: async (query) => {
          queries.push(query);
          return COMMANDS.filter((c) => c.label.toLowerCase().includes(query.toLowerCase()));
        },
        onSelect: async (command) => {
          selected.push(command);
        },
      },
    });
    const input = textbox(el);
    expect(input.getAttribute('aria-autocomplete')).to.equal('list');
    expect(input.hasAttribute('aria-controls')).to.equal(false);
    input.focus();
    await sendKeys({ type: '/' });
    await until(() => options(el).length === 3, 'three commands');
    expect(queries).to.deep.equal(['']);
    const list = listbox(el)!;
    expect(list.getAttribute('role')).to.equal('listbox');
    expect(list.getAttribute('aria-label')).to.equal('Commands');
    // The list's styles come with its on-demand code: the popup floats above the composer.
    expect(getComputedStyle(list.closest('.suggest')!).position).to.equal('absolute');
    expect(input.getAttribute('aria-controls')).to.equal('command-list');
    expect(input.getAttribute('aria-activedescendant')).to.equal('command-option-0');
    expect(status(el)).to.equal('3 results');
    // Groups are labelled groups of the listbox.
    const groups = [...list.querySelectorAll('[role="group"]')];
    expect(
      groups.map((g) =>
        deep(el, 'chatkit-composer', `#${g.getAttribute('aria-labelledby')}`)!.textContent!.trim(),
      ),
    ).to.deep.equal(['Writing', 'Support']);
    expect(options(el)[0].querySelector('.suggest-description')!.textContent).to.equal(
      'Summarize the thread',
    );
    expect(options(el)[0].querySelector('svg[data-icon="notebook"]')).to.not.equal(null);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(input.getAttribute('aria-activedescendant')).to.equal('command-option-1');
    expect(options(el).map((o) => o.getAttribute('aria-selected'))).to.deep.equal(['false', 'true', 'false']);
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(input.getAttribute('aria-activedescendant')).to.equal('command-option-2');
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(input.getAttribute('aria-activedescendant')).to.equal('command-option-0', 'wraps');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(input.getAttribute('aria-activedescendant')).to.equal('command-option-0');

    // Typing narrows the search; the newest query's results are shown.
    await sendKeys({ type: 'tra' });
    await until(() => labels(el).join() === 'Translate', 'filtered');
    expect(queries.at(-1)).to.equal('tra');
    await sendKeys({ press: 'Enter' });
    await until(() => selected.length === 1, 'onSelect called');
    expect(selected[0]).to.deep.equal(COMMANDS[1]);
    await settle(el);
    expect(listbox(el)).to.equal(null);
    expect(input.value).to.equal('', 'the typed "/tra" is removed');
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    expect(server.requests.length).to.equal(0, 'Enter picked, it did not send');
  });

  it('opens only at the start or after a space; Escape closes and Enter then sends', async () => {
    let searches = 0;
    const { el, server } = await mount({
      commands: {
        enabled: true,
        onSearch: async () => {
          searches++;
          return COMMANDS;
        },
      },
    });
    const input = textbox(el);
    input.focus();
    await sendKeys({ type: 'and/or' });
    await settle(el);
    expect(listbox(el)).to.equal(null);
    expect(searches).to.equal(0);
    await sendKeys({ type: ' /' });
    await until(() => options(el).length === 3, 'menu after a space');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(listbox(el)).to.equal(null);
    expect(input.value).to.equal('and/or /', 'Escape keeps the text');
    const ended = oneEvent(el, 'chatkit.response.end');
    await sendKeys({ press: 'Enter' });
    await ended;
    expect(server.requests[0].params.input.content).to.deep.equal([{ type: 'input_text', text: 'and/or /' }]);
  });

  it('one search at a time, the newest query wins (no timers): stale results are never shown', async () => {
    const search = deferredSearch();
    const { el } = await mount({ commands: { enabled: true, onSearch: search.onSearch } });
    textbox(el).focus();
    await sendKeys({ type: '/' });
    await until(() => search.calls.length === 1, 'first search');
    await sendKeys({ type: 'ti' });
    await settle(el);
    expect(search.calls.map((c) => c.query)).to.deep.equal([''], 'typing waits for the pending search');
    search.calls[0].resolve([COMMANDS[0]]);
    await until(() => search.calls.length === 2, 'newest query searched');
    expect(search.calls[1].query).to.equal('ti', 'the intermediate "t" is skipped');
    expect(listbox(el)).to.equal(null, 'results of the stale query are dropped');
    search.calls[1].resolve([COMMANDS[2]]);
    await until(() => labels(el).join() === 'Open a ticket', 'newest results');
  });

  it('an entity selection becomes a tag chip sent as input_tag', async () => {
    const { el, server } = await mount({
      commands: {
        enabled: true,
        onSearch: async () => COMMANDS,
        onSelect: async (): Promise<CommandSelection> => ({
          type: 'entity',
          entity: { id: 'doc-7', title: 'Q2 plan', group: 'Documents', interactive: true, data: { k: 'v' } },
        }),
      },
    });
    const input = textbox(el);
    input.focus();
    await sendKeys({ type: 'Read /sum' });
    await until(() => labels(el).length > 0, 'menu');
    await sendKeys({ press: 'Tab' });
    await until(() => deep(el, 'chatkit-composer', '.tag-chip'), 'tag chip');
    expect(deep(el, 'chatkit-composer', '.tag-chip')!.textContent).to.contain('@Q2 plan');
    expect(input.value).to.equal('Read ');
    const ended = oneEvent(el, 'chatkit.response.end');
    await sendKeys({ press: 'Enter' });
    await ended;
    expect(server.requests[0].params.input.content).to.deep.equal([
      {
        type: 'input_tag',
        id: 'doc-7',
        text: 'Q2 plan',
        data: { k: 'v' },
        group: 'Documents',
        interactive: true,
      },
      { type: 'input_text', text: 'Read' },
    ]);
  });

  it('a menu selection opens a sub-menu under the command; Escape goes back; typing filters it', async () => {
    const selected: string[] = [];
    const { el } = await mount({
      commands: {
        enabled: true,
        onSearch: async () => COMMANDS,
        onSelect: async (command): Promise<CommandSelection | void> => {
          selected.push(command.id);
          if (command.id === 'translate') {
            return {
              type: 'menu',
              commands: [
                { id: 'to-fr', label: 'French' },
                { id: 'to-de', label: 'German' },
              ],
            };
          }
        },
      },
    });
    const input = textbox(el);
    input.focus();
    await sendKeys({ type: '/' });
    await until(() => options(el).length === 3, 'menu');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => labels(el).join() === 'French,German', 'sub-menu');
    expect(deep(el, 'chatkit-composer', '.suggest-heading')!.textContent!.trim()).to.equal('Translate');
    expect(input.getAttribute('aria-activedescendant')).to.equal('command-option-0');
    expect(input.value).to.equal('/', 'the trigger stays while a sub-menu is open');
    await sendKeys({ press: 'Escape' });
    await until(() => options(el).length === 3, 'back to the parent');
    expect(deep(el, 'chatkit-composer', '.suggest-heading')).to.equal(null);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => labels(el).join() === 'French,German', 'sub-menu again');
    await sendKeys({ type: 'ger' });
    await until(() => labels(el).join() === 'German', 'filtered sub-menu');
    await sendKeys({ press: 'Enter' });
    await until(() => selected.at(-1) === 'to-de', 'sub-command selected');
    await settle(el);
    expect(listbox(el)).to.equal(null);
    expect(input.value).to.equal('');
    expect(selected).to.deep.equal(['translate', 'translate', 'to-de']);
  });

  it('mouse: moving highlights, a click selects and focus stays in the textbox', async () => {
    const selected: string[] = [];
    const { el } = await mount({
      commands: {
        enabled: true,
        onSearch: async () => COMMANDS,
        onSelect: async (c) => void selected.push(c.id),
      },
    });
    const input = textbox(el);
    input.focus();
    await sendKeys({ type: '/' });
    await until(() => options(el).length === 3, 'menu');
    options(el)[2].dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    await settle(el);
    expect(input.getAttribute('aria-activedescendant')).to.equal('command-option-2');
    const mousedown = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    options(el)[2].dispatchEvent(mousedown);
    expect(mousedown.defaultPrevented).to.equal(true, 'pressing does not blur the textbox');
    options(el)[2].click();
    await until(() => selected.length === 1, 'selected');
    expect(selected).to.deep.equal(['ticket']);
    const composer = deep(el, 'chatkit-composer')!;
    expect(composer.shadowRoot!.activeElement).to.equal(input);
  });

  it("lists the composer's tools as built-in commands; choosing one selects the tool", async () => {
    const { el } = await mount({
      composer: {
        tools: [{ id: 'search', label: 'Search the web', icon: 'globe' }],
        attachments: { enabled: true },
      },
      commands: { enabled: true },
    });
    textbox(el).focus();
    await sendKeys({ type: '/' });
    await until(() => options(el).length === 2, 'built-ins');
    expect(labels(el)).to.deep.equal(['Search the web', 'Attach files']);
    const group = listbox(el)!.querySelector('[role="group"]')!;
    expect(
      deep(el, 'chatkit-composer', `#${group.getAttribute('aria-labelledby')}`)!.textContent!.trim(),
    ).to.equal('Composer');
    await sendKeys({ type: 'sea' });
    await until(() => labels(el).join() === 'Search the web', 'filtered built-ins');
    const changed = oneEvent(el, 'chatkit.tool.change');
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail).to.deep.equal({ toolId: 'search' });
    await settle(el);
    expect(textbox(el).value).to.equal('');
    // The tool chips render with the menus' code, loaded on demand.
    await until(() => deep(el, 'chatkit-composer', '[data-tool="search"]'), 'tool chip');
    expect(deep(el, 'chatkit-composer', '[data-tool="search"]')!.getAttribute('aria-pressed')).to.equal(
      'true',
    );
  });

  it('a failing onSearch is logged and the menu says nothing matched; Enter still sends', async () => {
    const { el, server } = await mount({
      commands: {
        enabled: true,
        onSearch: async () => {
          throw new Error('backend down');
        },
      },
    });
    const logs: string[] = [];
    el.addEventListener('chatkit.log', (e) => logs.push(e.detail.name));
    textbox(el).focus();
    await sendKeys({ type: '/x' });
    await until(() => deep(el, 'chatkit-composer', '.suggest-empty'), 'empty state');
    expect(deep(el, 'chatkit-composer', '.suggest-empty')!.textContent).to.equal('No matching commands');
    expect(status(el)).to.equal('No matching commands');
    expect(logs).to.include('commands.onSearch.error');
    expect(textbox(el).hasAttribute('aria-activedescendant')).to.equal(false);
    const ended = oneEvent(el, 'chatkit.response.end');
    await sendKeys({ press: 'Enter' });
    await ended;
    expect(server.requests[0].params.input.content[0].text).to.equal('/x');
  });

  it('without commands.enabled "/" is plain text', async () => {
    let searches = 0;
    const { el } = await mount({
      commands: { enabled: false, onSearch: async () => (searches++, COMMANDS) },
    });
    textbox(el).focus();
    await sendKeys({ type: '/' });
    await settle(el);
    expect(listbox(el)).to.equal(null);
    expect(searches).to.equal(0);
    expect(textbox(el).hasAttribute('aria-autocomplete')).to.equal(false);
  });

  it('speaks the locale (German) and lays out right to left in Arabic', async () => {
    const { el } = await mount({ locale: 'de', commands: { enabled: true, onSearch: async () => [] } });
    await until(() => textbox(el).getAttribute('aria-label') === 'Nachricht', 'German strings');
    textbox(el).focus();
    await sendKeys({ type: '/' });
    await until(() => listbox(el), 'menu');
    expect(listbox(el)!.getAttribute('aria-label')).to.equal('Befehle');
    expect(deep(el, 'chatkit-composer', '.suggest-empty')!.textContent).to.equal('Keine passenden Befehle');

    const ar = (await mount({ locale: 'ar', commands: { enabled: true, onSearch: async () => COMMANDS } }))
      .el;
    await until(() => textbox(ar).getAttribute('aria-label') !== 'Message', 'Arabic strings');
    textbox(ar).focus();
    await sendKeys({ type: '/' });
    await until(
      () => options(ar).length === 3 && listbox(ar)!.getAttribute('aria-label') === 'الأوامر',
      'Arabic menu',
    );
    const option = options(ar)[0];
    expect(getComputedStyle(option).direction).to.equal('rtl');
    const composerBox = deep(ar, 'chatkit-composer', 'form')!.getBoundingClientRect();
    const icon = option.querySelector('svg')!.getBoundingClientRect();
    const text = option.querySelector('.suggest-text')!.getBoundingClientRect();
    expect(icon.left).to.be.greaterThan(text.left, 'the icon leads on the right');
    // Anchored to the composer box on both sides (logical insets): inside its border in either direction.
    const popup = listbox(ar)!.closest('.suggest')!.getBoundingClientRect();
    expect(popup.right).to.be.closeTo(composerBox.right, 2);
    expect(popup.left).to.be.closeTo(composerBox.left, 2);
  });
});
