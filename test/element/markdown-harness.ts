/**
 * Shared helpers of the markdown element tests: the mocha handles, mounting `<chatkit-markdown>`, and
 * reading its shadow DOM.
 */
import { loadElement } from '../../src/define.js';
import { patchMarkdown, type MarkdownDomOptions } from '../../src/markdown/dom.js';
import type { MarkdownBlock } from '../../src/markdown/incremental.js';
import type { ChatkitMarkdown } from '../../src/markdown/markdown.component.js';

import { afterEach, describe, it } from '../support/mocha.js';

await loadElement('chatkit-markdown');

export { afterEach, describe, it };

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

/** A document with no browsing context, so images built in it do not load. */
const inert = document.implementation.createHTMLDocument('');

/**
 * The HTML of blocks of IncrementalMarkdown, each built by dom.ts from its tokens (what the element shows,
 * code blocks without their toolbar), joined: comparable with renderMarkdownHTML of the whole text.
 */
export function blocksHTML(blocks: readonly MarkdownBlock[], options: MarkdownDomOptions = {}): string {
  return blocks
    .map((block) => {
      const holder = inert.createElement('div');
      patchMarkdown(holder, block.tokens, { base: document.baseURI, ...options });
      return holder.innerHTML;
    })
    .join('');
}
