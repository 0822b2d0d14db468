/**
 * Registers every element of the tag table (src/element/tags.ts): `<chatkit-chat>` and the internal elements
 * its first render needs are defined at once; the markdown and widget renderers, the chart, the history panel
 * and the structured-input form are defined on demand (src/element/lazy-elements.ts). This is the entry of
 * the drop-in bundle (dist/chatkit-chat.js) and the only module that registers; importing the classes from
 * `index.ts` or a `*.component.ts` defines nothing.
 *
 * @module
 */
import { ChatkitChat } from './element/chatkit-chat/chatkit-chat.component.js';
import { provideLoader } from './element/lazy-elements.js';
import { ELEMENTS, type LazyTag, type TagEntry } from './element/tags.js';

// Loaders first: defining the root upgrades any <chatkit-chat> already in the page, and its first render asks
// for lazy elements.
for (const [tag, entry] of Object.entries<TagEntry>(ELEMENTS)) {
  if ('load' in entry) provideLoader(tag as LazyTag, entry.load);
}
for (const [tag, entry] of Object.entries<TagEntry>(ELEMENTS)) {
  // A second copy of the bundle on the page must not throw.
  if ('define' in entry && !customElements.get(tag)) customElements.define(tag, entry.define);
}

export { ChatkitChat };
export type { TagName } from './element/tags.js';

/**
 * Loads one of the on-demand internal elements (`chatkit-widget`, `chatkit-markdown`, …) and resolves once it
 * is defined: for pages that render `<chatkit-widget>` on their own, like the widget gallery.
 */
export { ensureElement as loadElement } from './element/lazy-elements.js';
