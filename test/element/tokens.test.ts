import { expect } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { after, before, describe, it } from '../support/mocha.js';
import { deep, InPageChatKit, mount, sendAndWait, settle, until } from './helpers.js';
import { TOKENS, tokenStyles, type TokenName } from '../../src/theme/tokens.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';

const T = '2026-01-01T00:00:00';
/** A distinct probe color per token, so a transition still fading out the previous token cannot pass for it. */
let colorIndex = 10;
const nextColor = () => `rgb(1, 2, ${colorIndex++})`;

/** Where each token shows, and which computed property proves it. */
type Probe = {
  find: (el: ChatkitChat) => Element | null;
  prop: string;
  value: string;
  expect?: (v: string) => boolean;
  pseudo?: string;
};

const inThread = (selector: string) => (el: ChatkitChat) => deep(el, 'chatkit-thread', selector);
const color = (find: Probe['find'], prop = 'color'): Probe => ({ find, prop, value: nextColor() });

/** Every element below `root`, through shadow roots. */
function* walk(root: Element): Generator<Element> {
  yield root;
  if (root.shadowRoot) for (const child of root.shadowRoot.querySelectorAll('*')) yield* walk(child);
  for (const child of root.children) yield* walk(child);
}

/** The first element inside the widget whose computed `prop` equals the probe color (found after setting it). */
const inWidget = (prop: string): Probe => {
  const value = nextColor();
  return {
    find: (el) => {
      const widget = deep(el, 'chatkit-thread', 'chatkit-widget');
      if (!widget) return null;
      for (const node of walk(widget)) if ((getComputedStyle(node) as any)[prop] === value) return node;
      return widget;
    },
    prop,
    value,
  };
};

const PROBES: Record<TokenName, Probe> = {
  '--chatkit-accent': color((el) => deep(el, 'chatkit-composer', '.send'), 'backgroundColor'),
  '--chatkit-accent-hover': color((el) => deep(el, 'chatkit-composer', '.send'), 'backgroundColor'),
  '--chatkit-accent-contrast': color((el) => deep(el, 'chatkit-composer', '.send')),
  '--chatkit-surface': color((el) => deep(el, '.panel'), 'backgroundColor'),
  '--chatkit-surface-secondary': color(inThread('.workflow'), 'backgroundColor'),
  '--chatkit-surface-tertiary': color(inThread('.tag'), 'backgroundColor'),
  '--chatkit-surface-elevated': color((el) => deep(el, 'chatkit-composer', '.composer'), 'backgroundColor'),
  '--chatkit-text': color((el) => deep(el, '.panel')),
  '--chatkit-text-secondary': color(inThread('.workflow-summary')),
  '--chatkit-text-tertiary': {
    ...color((el) => deep(el, 'chatkit-composer', 'textarea')),
    pseudo: '::placeholder',
  },
  '--chatkit-border': color((el) => deep(el, '.panel'), 'borderTopColor'),
  '--chatkit-border-subtle': color((el) => deep(el, 'chatkit-header', 'header'), 'borderBottomColor'),
  '--chatkit-border-strong': color(inThread('.quote'), 'borderLeftColor'),
  '--chatkit-radius': { find: inThread('.workflow'), prop: 'borderTopLeftRadius', value: '7px' },
  '--chatkit-radius-sm': { find: inThread('.notice'), prop: 'borderTopLeftRadius', value: '3px' },
  '--chatkit-radius-lg': { find: (el) => deep(el, '.panel'), prop: 'borderTopLeftRadius', value: '29px' },
  '--chatkit-font-family': {
    find: (el) => el,
    prop: 'fontFamily',
    value: 'Georgia',
    expect: (v) => v === 'Georgia',
  },
  '--chatkit-font-family-mono': {
    find: (el) => deep(el, 'chatkit-thread', 'chatkit-markdown', 'code'),
    prop: 'fontFamily',
    value: 'Courier',
    expect: (v) => v === 'Courier',
  },
  '--chatkit-font-size': { find: (el) => el, prop: 'fontSize', value: '21px' },
  '--chatkit-line-height': {
    find: (el) => el,
    prop: 'lineHeight',
    value: '2',
    expect: (v) =>
      v === `${2 * parseFloat(getComputedStyle(document.querySelector('chatkit-chat')!).fontSize)}px`,
  },
  '--chatkit-spacing': {
    find: (el) => deep(el, 'chatkit-header', 'header'),
    prop: 'paddingTop',
    value: '9px',
    expect: (v) => v === '18px',
  },
  '--chatkit-user-bubble-background': color(inThread('.user .bubble'), 'backgroundColor'),
  '--chatkit-user-bubble-text': color(inThread('.user .bubble')),
  '--chatkit-assistant-bubble-background': color(inThread('.assistant .markdown'), 'backgroundColor'),
  '--chatkit-assistant-bubble-text': color(inThread('.assistant .markdown')),
  '--chatkit-widget-surface': inWidget('backgroundColor'),
  '--chatkit-widget-border': inWidget('borderTopColor'),
  '--chatkit-focus-ring': {
    find: (el) => deep(el, 'chatkit-composer', '.send'),
    prop: 'boxShadow',
    value: '0 0 0 3px rgb(9, 8, 7)',
    expect: (v) => v.includes('rgb(9, 8, 7)'),
  },
  '--chatkit-shadow': {
    find: (el) => deep(el, 'chatkit-composer', '.composer'),
    prop: 'boxShadow',
    value: '0 0 0 5px rgb(7, 8, 9)',
    expect: (v) => v.includes('rgb(7, 8, 9)'),
  },
  '--chatkit-success': color(inThread('.indicator.complete')),
  '--chatkit-warning': color(inThread('.notice[data-level="warning"]'), 'borderLeftColor'),
  '--chatkit-danger': color(inThread('.error'), 'borderLeftColor'),
  '--chatkit-info': color(inThread('.notice[data-level="info"]'), 'borderLeftColor'),
  '--chatkit-discovery': inWidget('color'),
};

async function conversation(): Promise<ChatkitChat> {
  const server = new InPageChatKit();
  server.addThread('thr_t', 'Tokens', [
    {
      id: 'u0',
      thread_id: 'thr_t',
      created_at: T,
      type: 'user_message',
      quoted_text: 'quoted words',
      content: [
        { type: 'input_tag', id: 'tag1', text: 'Order 42', data: {} },
        { type: 'input_text', text: ' status?' },
      ],
      attachments: [],
      inference_options: {},
    },
  ]);
  server.script = ({ threadId, nextId }) =>
    [
      {
        type: 'thread.item.done',
        item: {
          id: nextId('wf'),
          thread_id: threadId,
          created_at: T,
          type: 'workflow',
          workflow: {
            type: 'custom',
            expanded: true,
            summary: { duration: 3 },
            tasks: [{ type: 'custom', title: 'Looked up', status_indicator: 'complete' }],
          },
        },
      },
      {
        type: 'thread.item.done',
        item: {
          id: nextId('w'),
          thread_id: threadId,
          created_at: T,
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Text', value: 'Discovery text', color: 'discovery' }] },
        },
      },
      {
        type: 'thread.item.done',
        item: {
          id: nextId('a'),
          thread_id: threadId,
          created_at: T,
          type: 'assistant_message',
          content: [{ type: 'output_text', text: 'Here `code` is.', annotations: [] }],
        },
      },
      { type: 'notice', level: 'info', message: 'Info notice' },
      { type: 'notice', level: 'warning', message: 'Warning notice' },
      { type: 'error', code: 'custom', message: 'A danger error', allow_retry: false },
    ] as ThreadStreamEvent[];
  const { el } = await mount({}, undefined, server, undefined, 'block');
  await el.setThreadId('thr_t');
  await sendAndWait(el, 'show everything');
  await until(() => deep(el, 'chatkit-thread', 'chatkit-markdown', 'code'), 'markdown rendered');
  await until(
    () => deep(el, 'chatkit-thread', 'chatkit-widget')?.shadowRoot?.childElementCount,
    'widget rendered',
  );
  await el.setComposerValue('typed');
  await settle(el);
  return el;
}

function read(probe: Probe, el: ChatkitChat): string {
  const node = probe.find(el);
  if (!node) return '<missing>';
  return (getComputedStyle(node, probe.pseudo ?? null) as any)[probe.prop];
}

describe('design tokens', () => {
  it('covers every token', () => {
    expect(Object.keys(PROBES).sort()).to.deep.equal([...TOKENS].sort());
  });

  // The `--chatkit-*` names of the palette are written out from its `--_ck-*` names (tokens.ts `exposed`).
  it('declares every token once, each palette value under its token name', () => {
    const text = tokenStyles.cssText;
    const declared = [...text.matchAll(/(--chatkit-[\w-]+)\s*:\s*([^;}]*)/g)];
    expect(declared.map(([, name]) => name).sort()).to.deep.equal([...TOKENS].sort());
    const palette = new Set([...text.matchAll(/--_ck-([\w-]+)\s*:/g)].map(([, name]) => name));
    expect(palette.size).to.equal(25);
    for (const name of palette)
      expect(declared.find(([, token]) => token === `--chatkit-${name}`)?.[2].trim()).to.equal(
        `var(--_ck-${name})`,
      );
  });

  // One test per token (a table): each gets its own time limit and its own failure. The conversation is
  // mounted once, under reduced motion, which turns our color transitions off so a computed color is final
  // at once (transitions do not advance in a background tab when test files run in parallel).
  let el: ChatkitChat;
  before(async function () {
    (this as any).timeout?.(60_000);
    await emulateMedia({ reducedMotion: 'reduce' });
    el = await conversation();
  });
  // Cleared afterwards: the emulation would otherwise stay on this page for the next test file.
  after(async () => {
    el?.parentElement?.remove();
    await emulateMedia({});
  });

  for (const token of TOKENS) {
    it(`${token} changes what it names`, async () => {
      const probe = PROBES[token];
      if (token === '--chatkit-accent-hover') {
        const box = deep(el, 'chatkit-composer', '.send')!.getBoundingClientRect();
        await sendMouse({
          type: 'move',
          position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
        });
      }
      if (token === '--chatkit-focus-ring') {
        deep<HTMLTextAreaElement>(el, 'chatkit-composer', 'textarea')!.focus();
        await sendKeys({ press: 'Tab' });
      }
      const before = read(probe, el);
      el.style.setProperty(token, probe.value);
      const ok = (v: string) => (probe.expect ? probe.expect(v) : v === probe.value);
      try {
        await until(
          () => ok(read(probe, el)),
          `${token}: ${probe.prop} became ${read(probe, el)} (was ${before})`,
        );
      } finally {
        el.style.removeProperty(token);
        if (token === '--chatkit-accent-hover') await resetMouse();
      }
      expect(ok(before), `${token} was already ${before}`).to.equal(false);
    });
  }
});
