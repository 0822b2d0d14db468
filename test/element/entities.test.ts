/**
 * ChatKit's `entities` options beyond the tag search: the composer's "@" button (`showComposerMenu`),
 * `onClick` for tags of sent messages and entity citations, and `onRequestPreview` popovers.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { after, describe, it } from '../support/mocha.js';
import { deep, deepAll, deepText, mount, settle, textbox, until } from './helpers.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import type { Entity } from '../../src/element/chatkit-chat/options.js';
import type { Script } from '../support/in-page-chatkit.js';

const PARIS: Entity = {
  id: 'c1',
  title: 'Paris',
  group: 'Cities',
  interactive: true,
  data: { country: 'FR' },
};

/** An answer citing one interactive entity (inline label "ACME") and one plain entity. */
const citingScript: Script = ({ threadId, nextId, now }) => {
  const item = {
    id: nextId('msg'),
    thread_id: threadId,
    created_at: now(),
    type: 'assistant_message' as const,
    content: [
      {
        type: 'output_text' as const,
        text: 'ACME renewed. Globex did not.',
        annotations: [
          {
            type: 'annotation' as const,
            source: {
              type: 'entity' as const,
              id: 'cust_1',
              title: 'ACME Corp',
              inline_label: 'ACME',
              icon: 'suitcase',
              interactive: true,
              data: { tier: 'gold' },
            },
            index: 13,
          },
          {
            type: 'annotation' as const,
            source: { type: 'entity' as const, id: 'cust_2', title: 'Globex', interactive: false, data: {} },
            index: 28,
          },
        ],
      },
    ],
  };
  return [
    { type: 'thread.item.added', item },
    { type: 'thread.item.done', item },
  ] as ReturnType<Script>;
};

/** A preview widget naming the entity. */
function previewOf(entity: Entity) {
  return {
    preview: {
      type: 'Basic' as const,
      children: [{ type: 'Text' as const, value: `Preview of ${entity.title}` }],
    },
  };
}

function popover(el: ChatkitChat): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>('#entity-preview');
}

function popoverText(el: ChatkitChat): string {
  const widget = popover(el)?.querySelector('chatkit-widget');
  return widget?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function isOpen(el: ChatkitChat): boolean {
  return !!popover(el)?.matches(':popover-open') && popoverText(el).includes('Preview of');
}

async function sendWithTag(el: ChatkitChat, tag: Entity & { interactive?: boolean }) {
  const ended = oneEvent(el, 'chatkit.response.end');
  await el.sendUserMessage({
    content: [
      {
        type: 'input_tag',
        id: tag.id,
        text: tag.title,
        group: tag.group,
        data: tag.data,
        interactive: tag.interactive,
      },
      { type: 'input_text', text: 'weather?' },
    ],
  });
  await ended;
  await settle(el);
}

function messageTag(el: ChatkitChat): HTMLElement | null {
  return deep(el, 'chatkit-thread', '.user .tag');
}

function center(node: Element): [number, number] {
  const r = node.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

describe('entities', () => {
  after(() => resetMouse());

  it('showComposerMenu: an "@" button starts a mention and opens the entity menu', async () => {
    const queries: string[] = [];
    const withoutSearch = await mount({ entities: { showComposerMenu: true } });
    expect(deep(withoutSearch.el, 'chatkit-composer', '[part="entity-menu-button"]')).to.equal(null);
    withoutSearch.el.remove();
    const { el } = await mount({
      entities: {
        showComposerMenu: true,
        onTagSearch: async (query) => {
          queries.push(query);
          return [PARIS, { id: 'c2', title: 'Pamplona', group: 'Cities' }];
        },
      },
    });
    const button = deep<HTMLButtonElement>(el, 'chatkit-composer', '[part="entity-menu-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Mention');
    const input = textbox(el);
    input.focus();
    await sendKeys({ type: 'Trip to' });
    button.click();
    await until(
      () => deepAll(el, 'chatkit-composer', '#tag-list [role="option"]').length === 2,
      'entity menu',
    );
    expect(queries).to.deep.equal(['']);
    expect(input.value).to.equal('Trip to @', 'a space is put before the "@"');
    expect(deep(el, 'chatkit-composer', '#tag-list')!.getAttribute('aria-label')).to.equal('Mentions');
    expect(input.getAttribute('aria-controls')).to.equal('tag-list');
    expect(input.getAttribute('aria-activedescendant')).to.equal('tag-option-0');
    expect(deep(el, 'chatkit-composer', '[role="status"]')!.textContent!.trim()).to.equal('2 results');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Tab' });
    await until(() => deep(el, 'chatkit-composer', '.tag-chip'), 'chip');
    expect(deep(el, 'chatkit-composer', '.tag-chip')!.textContent).to.contain('@Pamplona');
    expect(input.value).to.equal('Trip to ');
    const plain = await mount({ entities: { onTagSearch: async () => [] } });
    expect(deep(plain.el, 'chatkit-composer', '[part="entity-menu-button"]')).to.equal(
      null,
      'off by default',
    );
  });

  it('showComposerMenu: the "@" button is in the first render and works before the tags code is here', async () => {
    // The button is drawn by the composer; what it does comes with the tags chunk (composer-tags.ts), which
    // starts loading in that same render. A click before it has arrived waits for it.
    const { el } = await mount({
      entities: { showComposerMenu: true, onTagSearch: async () => [PARIS] },
    });
    const composer = deep<HTMLElement & { tags?: unknown }>(el, 'chatkit-composer')!;
    const button = deep<HTMLButtonElement>(el, 'chatkit-composer', '[part="entity-menu-button"]')!;
    expect(button, 'drawn in the first render').to.not.equal(null);
    expect(composer.tags, 'the tags code has not arrived yet').to.equal(undefined);
    button.click();
    await until(
      () => deepAll(el, 'chatkit-composer', '#tag-list [role="option"]').length === 1,
      'entity menu',
    );
    expect(textbox(el).value).to.equal('@');
  });

  it('onClick receives the entity of an interactive tag in a sent message; plain tags stay text', async () => {
    const clicked: Entity[] = [];
    const { el } = await mount({ entities: { onClick: (entity) => clicked.push(entity) } });
    await sendWithTag(el, PARIS);
    const tag = messageTag(el)!;
    expect(tag.localName).to.equal('button');
    expect(tag.textContent!.trim()).to.equal('@Paris');
    tag.focus();
    await sendKeys({ press: 'Enter' });
    // The entity handling loads on demand: onClick runs once its code is there.
    await until(() => clicked.length === 1, 'onClick');
    expect(clicked).to.deep.equal([
      { id: 'c1', title: 'Paris', group: 'Cities', interactive: true, data: { country: 'FR' } },
    ]);

    const other = await mount({ entities: { onClick: (entity) => clicked.push(entity) } });
    await sendWithTag(other.el, { id: 'c9', title: 'Lyon', interactive: false });
    expect(messageTag(other.el)!.localName).to.equal('span');
  });

  it('onClick receives the entity of an interactive citation (marker and source list)', async () => {
    const clicked: Entity[] = [];
    const { el, server } = await mount({ entities: { onClick: (entity) => clicked.push(entity) } });
    server.script = citingScript;
    const ended = oneEvent(el, 'chatkit.response.end');
    await el.sendUserMessage('who renewed?');
    await ended;
    await until(() => deep(el, 'chatkit-thread', 'chatkit-markdown', '[data-citation]'), 'markers');
    const markers = deepAll(el, 'chatkit-thread', 'chatkit-markdown', '[data-citation]');
    expect(markers[0].textContent).to.equal('ACME');
    markers[0].click();
    await until(() => clicked.length === 1, 'onClick');
    expect(clicked).to.deep.equal([
      { id: 'cust_1', title: 'ACME Corp', icon: 'suitcase', interactive: true, data: { tier: 'gold' } },
    ]);
    markers[1].click();
    deep<HTMLButtonElement>(el, 'chatkit-thread', 'chatkit-markdown', '.source-entity')!.click();
    await until(() => clicked.length === 2, 'second onClick');
    // Clicks are handled in order: the non-interactive marker in between called nothing.
    expect(clicked[1].id).to.equal('cust_1');
  });

  it('onRequestPreview: hovering a tag shows the preview widget; moving onto it keeps it; leaving hides it', async () => {
    const asked: Entity[] = [];
    const { el } = await mount({
      entities: {
        onRequestPreview: async (entity) => {
          asked.push(entity);
          return previewOf(entity);
        },
      },
    });
    await sendWithTag(el, PARIS);
    const tag = messageTag(el)!;
    await sendMouse({ type: 'move', position: center(tag) });
    await until(() => isOpen(el), 'preview shown');
    expect(asked).to.deep.equal([PARIS]);
    const pop = popover(el)!;
    expect(pop.getAttribute('role')).to.equal('tooltip');
    expect(pop.getAttribute('aria-label')).to.equal('Preview: Paris');
    expect(popoverText(el)).to.equal('Preview of Paris');
    expect(pop.hasAttribute('style')).to.equal(true, 'placed through CSSOM');
    await expect(el).to.be.accessible();
    // Placed against the tag: its top at the tag's bottom (tag in the upper half) or its bottom at the tag's top.
    const tagRect = tag.getBoundingClientRect();
    const popRect = pop.getBoundingClientRect();
    if (pop.dataset.side === 'bottom') expect(popRect.top).to.be.closeTo(tagRect.bottom, 1);
    else expect(popRect.bottom).to.be.closeTo(tagRect.top, 1);
    expect(popRect.left).to.be.closeTo(tagRect.left, 1);

    // Hoverable: moving onto the popover keeps it.
    const card = pop.querySelector('.entity-preview-card')!;
    await sendMouse({ type: 'move', position: center(card) });
    await settle(el);
    expect(isOpen(el)).to.equal(true, 'still open over the popover');
    // Leaving both hides it.
    await sendMouse({ type: 'move', position: [2, 2] });
    await until(() => !popover(el), 'hidden after leaving');

    // A preview whose tag goes away (new chat) goes with it.
    await sendMouse({ type: 'move', position: center(messageTag(el)!) });
    await until(() => isOpen(el), 'shown again');
    deep<HTMLButtonElement>(el, 'chatkit-header', 'button[aria-label="New chat"]')!.click();
    await until(() => !popover(el), 'hidden with its anchor');
  });

  it('focus shows the preview of a tag, Escape dismisses it, a null preview shows nothing', async () => {
    let calls = 0;
    const { el } = await mount({
      entities: {
        onRequestPreview: async (entity) => {
          calls++;
          return entity.id === 'c1' ? previewOf(entity) : { preview: null };
        },
      },
    });
    await sendWithTag(el, PARIS);
    const tag = messageTag(el)!;
    tag.focus();
    await until(() => isOpen(el), 'preview on focus');
    const escaped = new KeyboardEvent('keydown', {
      key: 'Escape',
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    tag.dispatchEvent(escaped);
    await settle(el);
    expect(popover(el)).to.equal(null, 'Escape dismisses');
    expect(escaped.defaultPrevented).to.equal(true);
    tag.blur();
    tag.focus();
    await until(() => isOpen(el), 'shown again on the next focus');
    expect(calls).to.equal(1, 'previews are cached per entity');
    tag.blur();
    await until(() => !popover(el), 'hidden on blur');

    await sendWithTag(el, { id: 'c5', title: 'Nowhere', interactive: true });
    const tags = deepAll(el, 'chatkit-thread', '.user .tag');
    tags[1].focus();
    await until(() => calls === 2, 'asked for the second entity');
    await settle(el);
    expect(popover(el)).to.equal(null, 'a null preview shows no popover');
  });

  it('focus on an entity citation shows its preview; right-to-left layouts align it to the right edge', async () => {
    const { el, server } = await mount({
      locale: 'ar',
      entities: { onRequestPreview: async (entity) => previewOf(entity) },
    });
    server.script = citingScript;
    await until(() => textbox(el).getAttribute('aria-label') !== 'Message', 'Arabic strings');
    const ended = oneEvent(el, 'chatkit.response.end');
    await el.sendUserMessage('who renewed?');
    await ended;
    await until(() => deep(el, 'chatkit-thread', 'chatkit-markdown', '[data-citation]'), 'markers');
    const marker = deepAll(el, 'chatkit-thread', 'chatkit-markdown', '[data-citation]')[0];
    marker.focus();
    await until(() => isOpen(el), 'citation preview');
    expect(popoverText(el)).to.equal('Preview of ACME Corp');
    expect(popover(el)!.getAttribute('aria-label')).to.equal('معاينة: ACME Corp');
    const markerRect = marker.getBoundingClientRect();
    expect(popover(el)!.getBoundingClientRect().right).to.be.closeTo(markerRect.right, 1);
    marker.blur();
    await until(() => !popover(el), 'hidden on blur');
  });
});

/** The element that has focus, looking into shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function shiftTab() {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/** A preview with a client action and a server action. */
function actionPreview(entity: Entity) {
  return {
    preview: {
      type: 'Basic' as const,
      children: [
        { type: 'Text' as const, value: `Preview of ${entity.title}` },
        {
          type: 'Button' as const,
          label: 'Pin',
          onClickAction: { type: 'pin', handler: 'client' as const, payload: { id: entity.id } },
        },
        {
          type: 'Button' as const,
          label: 'Open',
          onClickAction: { type: 'open_city', payload: { id: entity.id } },
        },
      ],
    },
  };
}

describe('entity previews by keyboard and their actions', () => {
  it('Tab enters an interactive preview, walks it, and Tab past the end or Escape returns to the tag', async () => {
    const { el } = await mount({ entities: { onRequestPreview: async (entity) => actionPreview(entity) } });
    await sendWithTag(el, PARIS);
    const tag = messageTag(el)!;
    tag.focus();
    await until(
      () => isOpen(el) && popover(el)!.getAttribute('role') === 'dialog',
      'dialog preview on focus',
    );
    expect(tag.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(tag.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent?.trim()).to.equal('Pin', 'Tab on the tag moves into the preview');
    expect(isOpen(el)).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent?.trim()).to.equal('Open');
    await sendKeys({ press: 'Tab' });
    await until(() => !popover(el), 'Tab past the last control closes the preview');
    expect(focused()).to.equal(tag, 'focus back on the tag');
    await settle(el);
    expect(popover(el)).to.equal(null, 'the returning focus does not reopen it');

    // The next Tab continues in page order (the preview is closed, so it is not entered again).
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.not.equal(tag);
    expect(popover(el)).to.equal(null);

    // Shift+Tab back onto the tag shows it again; Escape inside returns focus to the tag.
    await shiftTab();
    expect(focused()).to.equal(tag);
    await until(() => isOpen(el), 'shown again on focus');
    await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent?.trim()).to.equal('Pin');
    await sendKeys({ press: 'Escape' });
    await until(() => !popover(el), 'Escape closes it');
    expect(focused()).to.equal(tag, 'Escape puts focus back on the tag');
    await shiftTab();
    await sendKeys({ press: 'Tab' });
    await until(() => isOpen(el), 'shown again');
    await sendKeys({ press: 'Tab' });
    await shiftTab();
    await until(() => !popover(el), 'Shift+Tab before the first control closes it');
    expect(focused()).to.equal(tag);
  });

  it('client actions go to widgets.onAction; server actions name no item and close the preview', async () => {
    const actions: { type: string; payload?: Record<string, unknown>; item: string }[] = [];
    const { el, server } = await mount({
      entities: { onRequestPreview: async (entity) => actionPreview(entity) },
      widgets: {
        onAction: async (action, item) => {
          actions.push({ ...action, item: item.id });
        },
      },
    });
    await sendWithTag(el, PARIS);
    const tag = messageTag(el)!;
    tag.focus();
    await until(() => isOpen(el) && popover(el)!.getAttribute('role') === 'dialog', 'dialog preview');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => actions.length === 1, 'client action handled');
    expect(actions[0]).to.deep.equal({ type: 'pin', payload: { id: 'c1' }, item: 'entity-preview-c1' });
    expect(isOpen(el)).to.equal(true, 'a client action keeps the preview');

    const requests = server.requests.length;
    const ended = oneEvent(el, 'chatkit.response.end');
    await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent?.trim()).to.equal('Open');
    await sendKeys({ press: 'Enter' });
    await until(() => !popover(el), 'a server action closes the preview');
    expect(focused()).to.equal(tag, 'focus back on the tag');
    await ended;
    const sent = server.requests.slice(requests).find((r) => r.type === 'threads.custom_action')!;
    expect(sent.params.action).to.deep.equal({ type: 'open_city', payload: { id: 'c1' } });
    expect(sent.params.thread_id).to.equal(server.threadIds.at(-1));
    expect('item_id' in sent.params).to.equal(false, 'no fake item id');
    await until(
      () => deepText(deep(el, 'chatkit-thread', '.content')).includes('You said: open_city'),
      "the server's answer in the thread",
    );
  });
});
