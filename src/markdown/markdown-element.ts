/**
 * Registers `<chatkit-markdown>`. Import this module for its side effect; import the class from
 * markdown.component.ts to use it without registering.
 *
 * @module
 */
import { ChatkitMarkdown, type SourceClickDetail } from './markdown.component.js';

if (!customElements.get('chatkit-markdown')) customElements.define('chatkit-markdown', ChatkitMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'chatkit-markdown': ChatkitMarkdown;
  }
  interface HTMLElementEventMap {
    'chatkit-source-click': CustomEvent<SourceClickDetail>;
  }
}

export { ChatkitMarkdown };
