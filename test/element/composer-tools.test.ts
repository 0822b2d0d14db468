/** Composer tools (icons, pinned chips, the Tools menu, persistent, placeholderOverride), models, prompts. */
import { expect, oneEvent } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, deepAll, mount, settle, textbox, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';

/** Types `text` into the composer and sends it with Enter, as a user does; waits for the answer to end. */
async function typeAndSend(el: ChatkitChat, text: string): Promise<void> {
  const input = textbox(el);
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle(el);
  const ended = oneEvent(el, 'chatkit.response.end');
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  await ended;
  await settle(el);
}

function composerRoot(el: ChatkitChat): ShadowRoot {
  return deep(el, 'chatkit-composer')!.shadowRoot!;
}

/** The Tools or model menu button, once the menus' on-demand code has arrived. */
async function menuButton(
  root: ShadowRoot,
  part: 'tools-button' | 'model-button',
): Promise<HTMLButtonElement> {
  const find = () => root.querySelector<HTMLButtonElement>(`[part~="${part}"]`);
  await until(find, `the ${part} rendered`);
  return find()!;
}

const TOOLS = [
  { id: 'search', label: 'Search the web', shortLabel: 'Search', icon: 'globe', pinned: true },
  { id: 'draw', label: 'Create an image', icon: 'square-image', placeholderOverride: 'Describe an image' },
  { id: 'code', label: 'Write code', icon: 'lucide:code', persistent: true },
];

describe('composer tools', () => {
  it('pinned tools are chips with their icon; the others are in a keyboard-operable Tools menu', async () => {
    const { el } = await mount({ composer: { tools: TOOLS } });
    await settle(el);
    const root = composerRoot(el);
    // Tool chips and menus render with code loaded on demand.
    await until(() => root.querySelector('[part~="tool-chip"]'), 'tool chips rendered');
    const chips = [...root.querySelectorAll<HTMLButtonElement>('[part~="tool-chip"]')];
    expect(chips.map((c) => c.dataset.tool)).to.deep.equal(['search']);
    expect(chips[0].textContent!.trim()).to.equal('Search');
    expect(chips[0].title).to.equal('Search the web');
    // `globe` is a ChatKit icon name outside the element's own set: it draws once its small chunk is in.
    await until(
      () => chips[0].querySelector('svg[data-icon="globe"] path, svg[data-icon="globe"] circle'),
      'the globe icon drawn',
    );

    const trigger = await menuButton(root, 'tools-button');
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');
    trigger.click();
    await settle(el);
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    const menu = root.querySelector('[role="menu"]')!;
    expect(menu.getAttribute('aria-label')).to.equal('Tools');
    // The menu's styles come with its on-demand code: it floats above the composer.
    expect(getComputedStyle(menu).position).to.equal('absolute');
    const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    expect(items.map((i) => i.dataset.id)).to.deep.equal(['draw', 'code']);
    expect(items[0].querySelector('svg[data-icon="square-image"]')).to.not.equal(null);
    // The lucide icon arrives from its lazily loaded chunk.
    await until(() => items[1].querySelector('svg[data-icon="lucide:code"] path'), 'lucide icon loaded');
    expect(root.activeElement).to.equal(items[0]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(root.activeElement).to.equal(items[1]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(root.activeElement).to.equal(items[0]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle(el);
    expect(root.querySelector('[role="menu"]')).to.equal(null);
    expect(root.activeElement).to.equal(trigger);
  });

  it('a menu tool shows as a pressed chip, overrides the placeholder and clears after sending', async () => {
    const { el, server } = await mount({ composer: { tools: TOOLS } });
    await settle(el);
    const root = composerRoot(el);
    (await menuButton(root, 'tools-button')).click();
    await settle(el);
    const change = oneEvent(el, 'chatkit.tool.change');
    root.querySelector<HTMLElement>('[role="menuitemradio"][data-id="draw"]')!.click();
    expect((await change).detail).to.deep.equal({ toolId: 'draw' });
    await settle(el);
    expect(root.querySelector('[role="menu"]')).to.equal(null);
    const chip = root.querySelector<HTMLElement>('[part~="tool-chip"][data-tool="draw"]')!;
    expect(chip.getAttribute('aria-pressed')).to.equal('true');
    expect(textbox(el).placeholder).to.equal('Describe an image');

    await typeAndSend(el, 'a cat');
    expect(server.lastRequest('threads.create')!.params.input.inference_options).to.deep.equal({
      tool_choice: { id: 'draw' },
    });
    // Not persistent: the next message goes without it.
    expect(root.querySelector('[part~="tool-chip"][data-tool="draw"]')).to.equal(null);
    expect(textbox(el).placeholder).to.not.equal('Describe an image');
    await typeAndSend(el, 'and then');
    expect(server.lastRequest('threads.add_user_message')!.params.input.inference_options).to.deep.equal({});
  });

  it('a persistent tool stays selected across messages', async () => {
    const { el, server } = await mount({ composer: { tools: TOOLS } });
    await settle(el);
    const root = composerRoot(el);
    (await menuButton(root, 'tools-button')).click();
    await settle(el);
    root.querySelector<HTMLElement>('[role="menuitemradio"][data-id="code"]')!.click();
    await settle(el);
    await typeAndSend(el, 'one');
    await typeAndSend(el, 'two');
    expect(server.lastRequest('threads.add_user_message')!.params.input.inference_options).to.deep.equal({
      tool_choice: { id: 'code' },
    });
    expect(
      root.querySelector('[part~="tool-chip"][data-tool="code"]')!.getAttribute('aria-pressed'),
    ).to.equal('true');
    // A pressed chip turns the tool off.
    root.querySelector<HTMLElement>('[part~="tool-chip"][data-tool="code"]')!.click();
    await settle(el);
    expect(root.querySelector('[part~="tool-chip"][data-tool="code"]')).to.equal(null);
  });
});

describe('composer models', () => {
  it('the model menu shows each model with its description and sends the chosen one', async () => {
    const { el, server } = await mount({
      composer: {
        models: [
          { id: 'fast', label: 'Fast', description: 'Quick answers', default: true },
          { id: 'smart', label: 'Smart', description: 'Thinks longer' },
          { id: 'old', label: 'Legacy', disabled: true },
        ],
      },
    });
    await settle(el);
    const root = composerRoot(el);
    const trigger = await menuButton(root, 'model-button');
    expect(trigger.getAttribute('aria-label')).to.equal('Model: Fast');
    trigger.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await settle(el);
    const items = [...root.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]')];
    expect(items.map((i) => i.querySelector('.menu-label')!.textContent)).to.deep.equal([
      'Fast',
      'Smart',
      'Legacy',
    ]);
    expect(items.map((i) => i.querySelector('.menu-description')?.textContent ?? null)).to.deep.equal([
      'Quick answers',
      'Thinks longer',
      null,
    ]);
    expect(items.map((i) => i.getAttribute('aria-checked'))).to.deep.equal(['true', 'false', 'false']);
    expect(items[2].disabled).to.equal(true);
    expect(root.activeElement).to.equal(items[0]);
    items[1].click();
    await settle(el);
    expect(trigger.getAttribute('aria-label')).to.equal('Model: Smart');
    expect(root.activeElement).to.equal(trigger);
    await typeAndSend(el, 'hello');
    expect(server.lastRequest('threads.create')!.params.input.inference_options).to.deep.equal({
      model: 'smart',
    });
  });

  it('a click outside closes an open menu', async () => {
    const { el } = await mount({ composer: { models: [{ id: 'a', label: 'A', description: 'first' }] } });
    await settle(el);
    const root = composerRoot(el);
    (await menuButton(root, 'model-button')).click();
    await settle(el);
    expect(root.querySelector('[role="menu"]')).to.not.equal(null);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await settle(el);
    expect(root.querySelector('[role="menu"]')).to.equal(null);
  });
});

describe('starter prompts', () => {
  it('render their icon before the label', async () => {
    const { el } = await mount({
      startScreen: {
        prompts: [
          { label: 'Plan a trip', prompt: 'Plan a trip', icon: 'map-pin' },
          { label: 'No icon', prompt: 'x' },
        ],
      },
    });
    await settle(el);
    const buttons = deepAll<HTMLButtonElement>(el, 'chatkit-start-screen', '[part="starter-prompt"]');
    await until(() => buttons[0].querySelector('svg[data-icon="map-pin"] path'), 'the map-pin icon drawn');
    expect(buttons[0].textContent!.trim()).to.equal('Plan a trip');
    expect(buttons[1].querySelector('svg')).to.equal(null);
  });
});

describe('composer layout at 360 px', () => {
  it('keeps the placeholder on one line and the model picker at the inline end when the row wraps', async () => {
    const { el } = await mount({
      composer: {
        placeholder: 'Ask anything at all, in many words…',
        attachments: { enabled: true },
        tools: [
          { id: 'search', label: 'Search the web', shortLabel: 'Search', icon: 'globe', pinned: true },
          { id: 'image', label: 'Create image', shortLabel: 'Image', icon: 'images', pinned: true },
          { id: 'think', label: 'Think longer', icon: 'lightbulb' },
        ],
        models: [{ id: 'fast', label: 'Fast', default: true }],
      },
      entities: { showComposerMenu: true, onTagSearch: async () => [] },
    });
    el.style.setProperty('inline-size', '360px');
    el.style.setProperty('block-size', '640px');
    await settle(el);
    const box = textbox(el);
    const placeholder = getComputedStyle(box, '::placeholder');
    expect(placeholder.whiteSpace).to.equal('nowrap', 'a long placeholder does not wrap out of sight');
    await until(() => deep(el, 'chatkit-composer', '.pickers'), 'pickers rendered');
    const pickers = deep(el, 'chatkit-composer', '.pickers')!;
    const chipsNow = () => [...pickers.querySelectorAll<HTMLElement>('.chip')];
    // The Tools and model menus load on demand; their chips render once that code has arrived.
    await until(() => chipsNow().at(-1)?.textContent?.includes('Fast'), 'model chip rendered');
    const chips = chipsNow();
    const model = chips.at(-1)!;
    expect(model.textContent).to.contain('Fast');
    // The row wrapped at this width: the model chip sits below the tool chips, still at the end.
    expect(model.getBoundingClientRect().top).to.be.greaterThan(chips[0].getBoundingClientRect().bottom - 1);
    expect(model.getBoundingClientRect().right).to.be.closeTo(pickers.getBoundingClientRect().right, 1);
  });
});
