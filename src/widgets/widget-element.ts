/**
 * Registers `<chatkit-widget>`. Importing `widget.component.ts` defines nothing; importing this does.
 *
 * @module
 */
import { ChatkitWidget } from './widget.component.js';

if (!customElements.get('chatkit-widget')) customElements.define('chatkit-widget', ChatkitWidget);

export { ChatkitWidget };
