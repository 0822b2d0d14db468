/**
 * The tag table: every custom element of the package, by tag name, in one place. `src/define.ts` defines the
 * eager ones at once and hands the lazy ones to the on-demand loader (`lazy-elements.ts`);
 * `custom-elements-manifest.config.mjs` reads this file to name the tags and find the classes for
 * custom-elements.json; `TagElements` types the same tags for `HTMLElementTagNameMap`. Importing a
 * `*.component.ts` module defines nothing.
 *
 * Keep the entries in the two shapes below (`{ define: Class }` with the class imported above, or
 * `{ load: () => import('…').then((m) => m.Class) }`): the manifest config parses them.
 *
 * @internal
 * @module
 */
import { ChatkitChat } from './chatkit-chat/chatkit-chat.component.js';
import { ChatkitComposer } from './composer/composer.component.js';
import { ChatkitHeader } from './header/header.component.js';
import { ChatkitStartScreen } from './start-screen/start-screen.component.js';
import { ChatkitThread } from './thread/thread.component.js';
import type { ChatkitHistory } from './history/history.component.js';
import type { ChatkitStructuredInput } from './structured-input/structured-input.component.js';
import type { ChatkitMarkdown } from '../markdown/markdown.component.js';
import type { ChatkitWidgetChart } from '../widgets/chart.component.js';
import type { ChatkitWidget } from '../widgets/widget.component.js';
import type { ChatkitWidgetDatePicker } from '../widgets/date-picker.component.js';
import type { ChatkitWidgetSelect } from '../widgets/select.component.js';

/**
 * Tag → element type: the typed half of the table (what `document.createElement` and `querySelector` return).
 * ELEMENTS must list exactly these tags (the `satisfies` clause below makes a mismatch a compile error).
 * Why not derived from ELEMENTS: the lazy entries' `import()` types refer back to `HTMLElementTagNameMap`,
 * which TypeScript reports as a circular type.
 */
export interface TagElements {
  'chatkit-chat': ChatkitChat;
  'chatkit-header': ChatkitHeader;
  'chatkit-composer': ChatkitComposer;
  'chatkit-thread': ChatkitThread;
  'chatkit-start-screen': ChatkitStartScreen;
  'chatkit-markdown': ChatkitMarkdown;
  'chatkit-widget': ChatkitWidget;
  'chatkit-widget-chart': ChatkitWidgetChart;
  'chatkit-widget-select': ChatkitWidgetSelect;
  'chatkit-widget-date-picker': ChatkitWidgetDatePicker;
  'chatkit-history': ChatkitHistory;
  'chatkit-structured-input': ChatkitStructuredInput;
}

/** An element defined with the bundle, or one whose code is fetched the first time it is needed. */
export type TagEntry =
  { readonly define: CustomElementConstructor } | { readonly load: () => Promise<CustomElementConstructor> };

/**
 * Tag → class. The sub-elements come before the root, so `<chatkit-chat>` upgrades with its parts defined.
 * Lazy elements keep the drop-in file small: the markdown renderer (marked lexer → DOM; prefetched after the
 * first render, since every answer needs it), the widget renderer (first widget item), the chart (first
 * chart in a widget), the history panel and the structured-input form (first opened or asked). Lit keeps
 * properties set on an element before it is upgraded, so templates may render these tags before their code
 * has arrived.
 */
export const ELEMENTS = {
  'chatkit-header': { define: ChatkitHeader },
  'chatkit-composer': { define: ChatkitComposer },
  'chatkit-thread': { define: ChatkitThread },
  'chatkit-start-screen': { define: ChatkitStartScreen },
  'chatkit-chat': { define: ChatkitChat },
  'chatkit-markdown': {
    load: () => import('../markdown/markdown.component.js').then((m) => m.ChatkitMarkdown),
  },
  'chatkit-widget': { load: () => import('../widgets/widget.component.js').then((m) => m.ChatkitWidget) },
  'chatkit-widget-chart': {
    load: () => import('../widgets/chart.component.js').then((m) => m.ChatkitWidgetChart),
  },
  'chatkit-widget-select': {
    load: () => import('../widgets/select.component.js').then((m) => m.ChatkitWidgetSelect),
  },
  'chatkit-widget-date-picker': {
    load: () => import('../widgets/date-picker.component.js').then((m) => m.ChatkitWidgetDatePicker),
  },
  'chatkit-history': { load: () => import('./history/history.component.js').then((m) => m.ChatkitHistory) },
  'chatkit-structured-input': {
    load: () =>
      import('./structured-input/structured-input.component.js').then((m) => m.ChatkitStructuredInput),
  },
} as const satisfies { [T in keyof TagElements]: TagEntry };

/** Every tag of the package. */
export type TagName = keyof TagElements;

/** The tags whose code loads on demand (see `ensureElement` in lazy-elements.ts). */
export type LazyTag = {
  [T in TagName]: (typeof ELEMENTS)[T] extends { load: unknown } ? T : never;
}[TagName];

declare global {
  // Why an empty extension: `TagElements` above is the typed half of the table, checked against ELEMENTS.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementTagNameMap extends TagElements {}
}
