/**
 * Shared helpers of the markdown element tests: typed mocha globals, mounting `<chatkit-markdown>`, and
 * reading its shadow DOM.
 */
import { loadElement } from '../../src/define.js';
import type { ChatkitMarkdown } from '../../src/markdown/markdown.component.js';

await loadElement('chatkit-markdown');

type Body = (this: unknown) => void | Promise<void>;
const g = globalThis as any;

/** mocha `describe`. */
export const describe: (title: string, fn: () => void) => void = g.describe;
/** mocha `it`. */
export const it: (title: string, fn: Body) => void = g.it;
/** mocha `afterEach`. */
export const afterEach: (fn: Body) => void = g.afterEach;

const mounted: HTMLElement[] = [];

/** Mounts a `<chatkit-markdown>` with the given properties and waits for its first render. */
export async function mountMarkdown(props: Partial<ChatkitMarkdown> = {}): Promise<ChatkitMarkdown> {
  const el = document.createElement('chatkit-markdown');
  Object.assign(el, props);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

/** Sets properties and waits for the re-render. */
export async function setProps(el: ChatkitMarkdown, props: Partial<ChatkitMarkdown>): Promise<void> {
  Object.assign(el, props);
  await el.updateComplete;
}

/** The element's rendered markdown container (`part="markdown"`). */
export function body(el: ChatkitMarkdown): HTMLElement {
  return el.shadowRoot!.querySelector('[part~="markdown"]')!;
}

/** Removes every element mounted by {@link mountMarkdown}. */
export function unmountAll(): void {
  for (const el of mounted.splice(0)) el.remove();
}
