/**
 * The classic-script build (`dist/chatkit-chat.iife.js`): a few hundred bytes that load the ES module build
 * sitting next to it and define `<chatkit-chat>`.
 *
 * Why a loader and not a second full copy: the ES build keeps rarely used parts (locales, charts, the full
 * lucide icon set, the widget renderer) in lazy chunks; an IIFE cannot split code, so a self-contained one
 * would ship everything up front (over 120 KB gzip). Dynamic `import()` works in classic scripts in every
 * browser that supports custom elements, so pages without `type="module"` get the same small, lazily growing
 * element. The bundle files are served with `Access-Control-Allow-Origin: *`, so this also works from a CDN.
 *
 * `window.ChatkitChat.ready` resolves with the module's exports once the element is defined.
 *
 * @module
 */

const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src || document.baseURI;
const moduleUrl = new URL('chatkit-chat.js', base).href;
const ready: Promise<unknown> = import(/* @vite-ignore */ moduleUrl);
ready.catch((error: unknown) => console.error('[chatkit-chat] could not load', moduleUrl, error));
(window as unknown as { ChatkitChat: { ready: Promise<unknown> } }).ChatkitChat = { ready };
