/** Shared helpers of the element tests: mounting against the real server in the page, shadow DOM queries. */
import { fixture, html, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import '../../src/define.js';
import type { ChatkitChat } from '../../src/element/chatkit-chat/chatkit-chat.component.js';
import type { ChatkitChatOptions } from '../../src/element/chatkit-chat/options.js';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import { echoScript, InPageChatKit, type Script } from '../support/in-page-chatkit.js';
import type { ManualScheduler } from '../support/scheduler.js';
import { until } from '../support/until.js';

export const API_URL = 'https://api.test/chatkit';

let apiCounter = 0;
/**
 * A distinct endpoint URL: remembered state is keyed by API URL, and test files running in parallel share
 * one localStorage, so tests that persist use their own URL instead of clearing storage under each other.
 */
export function uniqueApiUrl(): string {
  return `${API_URL}?run=${Date.now().toString(36)}-${++apiCounter}`;
}

/** Finds an element through a path of selectors, entering each match's shadow root. */
export function deep<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T | null {
  let current: Element | ShadowRoot | null = root;
  for (const selector of selectors) {
    const scope: ParentNode | null | undefined =
      current instanceof ShadowRoot ? current : (current as Element)?.shadowRoot;
    const found: Element | null | undefined = scope?.querySelector(selector);
    if (!found) return null;
    current = found;
  }
  return current as T;
}

/** Like {@link deep} but returns every match of the last selector. */
export function deepAll<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T[] {
  const last = selectors.pop()!;
  const host = selectors.length ? deep(root, ...selectors) : root;
  return [...(host?.shadowRoot?.querySelectorAll<T>(last) ?? [])] as T[];
}

/** Text content including the text inside nested shadow roots (markdown renders in its own). */
export function deepText(node: Node | null): string {
  if (!node) return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  let text = '';
  const root = (node as Element).shadowRoot;
  if (root) for (const child of root.childNodes) text += deepText(child);
  for (const child of node.childNodes) text += deepText(child);
  return text;
}

/**
 * Renders `template` into a container of its own, outside @open-wc's fixtures: @open-wc/testing removes
 * every fixture after each test, so an element mounted once in a `before` hook for a whole describe block
 * would be detached after the block's first test. The caller removes it (`el.parentElement.remove()`).
 */
async function place(template: ReturnType<typeof html>): Promise<ChatkitChat> {
  const container = document.createElement('div');
  document.body.append(container);
  render(template, container);
  const el = container.firstElementChild as ChatkitChat;
  await el.updateComplete;
  return el;
}

/**
 * Mounts `<chatkit-chat>` wired to a fresh in-page ChatKit server. `placement: 'block'` keeps it across
 * the tests of a describe block (see `place`); the default is a fixture removed after the test.
 */
export async function mount(
  options: ChatkitChatOptions = {},
  template = html`<chatkit-chat persist="none" theme="light" locale="en"></chatkit-chat>`,
  server = new InPageChatKit(),
  scheduler?: ManualScheduler,
  placement: 'test' | 'block' = 'test',
): Promise<{ el: ChatkitChat; server: InPageChatKit }> {
  const el = placement === 'test' ? await fixture<ChatkitChat>(template) : await place(template);
  // The session's waits (resume polling) run on the test's scheduler when one is given.
  if (scheduler) (el as any).sessions.scheduler = scheduler.schedule;
  el.setOptions({ ...options, api: { url: API_URL, fetch: server.fetch, ...options.api } });
  await el.updateComplete;
  return { el, server };
}

/** The composer's textarea. */
export function textbox(el: ChatkitChat): HTMLTextAreaElement {
  return deep<HTMLTextAreaElement>(el, 'chatkit-composer', 'textarea')!;
}

/** Sends a message through the UI and waits for the answer to end. */
export async function sendAndWait(el: ChatkitChat, text: string): Promise<void> {
  const ended = oneEvent(el, 'chatkit.response.end');
  await el.sendUserMessage(text);
  await ended;
  await settle(el);
}

/** Waits until Lit updates of the element and its sub-elements are flushed. */
export async function settle(el: ChatkitChat): Promise<void> {
  await el.updateComplete;
  for (const tag of [
    'chatkit-thread',
    'chatkit-composer',
    'chatkit-header',
    'chatkit-history',
    'chatkit-start-screen',
  ]) {
    const child = deep<any>(el, tag);
    if (child?.updateComplete) await child.updateComplete;
  }
}

/** A script that answers with one widget: a Card holding one Button with the given props (label, action…). */
export function cardWithButton(button: Record<string, unknown>): Script {
  return ({ threadId, nextId, now }) =>
    [
      {
        type: 'thread.item.done',
        item: {
          id: nextId('w'),
          thread_id: threadId,
          created_at: now(),
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Button', ...button }] },
        },
      },
    ] as ThreadStreamEvent[];
}

/**
 * The thread's widget and the button inside it, looked up once rendered: the renderer loads lazily, and only
 * a connected element is upgraded.
 */
export async function widgetButton(
  el: ChatkitChat,
): Promise<{ widget: HTMLElement; button: HTMLButtonElement }> {
  await until(
    () => deep(el, 'chatkit-thread', 'chatkit-widget')?.shadowRoot?.querySelector('button'),
    'widget button',
  );
  const widget = deep(el, 'chatkit-thread', 'chatkit-widget')!;
  return { widget, button: widget.shadowRoot!.querySelector('button')! };
}

export { until };

export { echoScript, InPageChatKit };
