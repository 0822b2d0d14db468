/**
 * Internal elements that are loaded on demand, keeping the drop-in file small: the markdown renderer
 * (marked + DOMPurify; prefetched right after the element first renders, since every answer needs it), the
 * widget renderer (loaded when the first widget item shows up), the history panel and the structured-input
 * form (loaded when first opened/needed). Lit keeps properties set on an element before it is upgraded, so
 * templates may render these tags before their code has arrived.
 *
 * @internal
 * @module
 */

type Loader = () => Promise<CustomElementConstructor>;

const LOADERS: Record<string, Loader> = {
  'chatkit-markdown': () => import('../markdown/markdown.component.js').then((m) => m.ChatkitMarkdown),
  'chatkit-widget': () => import('../widgets/widget.component.js').then((m) => m.ChatkitWidget),
  'chatkit-history': () => import('./history/history.component.js').then((m) => m.ChatkitHistory),
  'chatkit-structured-input': () =>
    import('./structured-input/structured-input.component.js').then((m) => m.ChatkitStructuredInput),
};

/** The tags {@link ensureElement} knows. */
export type LazyTag = keyof typeof LOADERS;

const loading = new Map<string, Promise<void>>();

/** Loads and defines a lazy internal element once; resolves when it is defined. */
export function ensureElement(tag: LazyTag): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = LOADERS[tag]().then((ctor) => {
      if (!customElements.get(tag)) customElements.define(tag, ctor);
    });
    // A failed chunk load (offline, CSP) may be retried on the next render.
    pending.catch(() => loading.delete(tag));
    loading.set(tag, pending);
  }
  return pending;
}
