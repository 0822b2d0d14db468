/**
 * The on-demand loader for the lazy elements of the tag table (tags.ts). `src/define.ts` hands it the
 * loaders; components ask for a tag the moment they first render it. Why handed over rather than imported:
 * the table imports the eager component classes, and those components call this loader, so importing the
 * table here would make an import cycle.
 *
 * @internal
 * @module
 */
import type { LazyTag } from './tags.js';

type Loader = () => Promise<CustomElementConstructor>;

const loaders = new Map<string, Loader>();
const loading = new Map<string, Promise<void>>();

/** Registers how to load a lazy tag; called by `src/define.ts` for every lazy entry of the tag table. */
export function provideLoader(tag: LazyTag, load: Loader): void {
  loaders.set(tag, load);
}

/**
 * Loads and defines a lazy internal element once; resolves when it is defined. Rejects when no loader was
 * provided for the tag (the elements were not registered through `chatkit-chat/define`).
 */
export function ensureElement(tag: LazyTag): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    const load = loaders.get(tag);
    if (!load) return Promise.reject(new Error(`<${tag}> has no loader: import chatkit-chat/define`));
    pending = load().then((ctor) => {
      if (!customElements.get(tag)) customElements.define(tag, ctor);
    });
    // A failed chunk load (offline, CSP) may be retried on the next render.
    pending.catch(() => loading.delete(tag));
    loading.set(tag, pending);
  }
  return pending;
}
