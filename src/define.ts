/**
 * Registers `<chatkit-chat>` and its always-needed internal elements (`chatkit-*`); the markdown and widget
 * renderers, the history panel and the structured-input form are defined on demand (element/lazy-elements.ts). This is the entry of the drop-in bundle (dist/chatkit-chat.js); importing the classes from
 * `index.ts` defines nothing.
 *
 * @module
 */
import { ChatkitChat } from './element/chatkit-chat/chatkit-chat.component.js';
import { ChatkitComposer } from './element/composer/composer.component.js';
import { ChatkitHeader } from './element/header/header.component.js';
import { ChatkitStartScreen } from './element/start-screen/start-screen.component.js';
import { ChatkitThread } from './element/thread/thread.component.js';

/** Defines a tag once (a second copy of the bundle on the page must not throw). */
function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}

define('chatkit-header', ChatkitHeader);
define('chatkit-composer', ChatkitComposer);
define('chatkit-thread', ChatkitThread);
define('chatkit-start-screen', ChatkitStartScreen);
define('chatkit-chat', ChatkitChat);

export { ChatkitChat };

/**
 * Loads one of the on-demand internal elements (`chatkit-widget`, `chatkit-markdown`, …) and resolves once it
 * is defined: for pages that render `<chatkit-widget>` on their own, like the widget gallery.
 */
export { ensureElement as loadElement } from './element/lazy-elements.js';
