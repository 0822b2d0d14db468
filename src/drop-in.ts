/**
 * The entry of the drop-in bundle (dist/chatkit-chat.js): everything `src/define.ts` registers and exports,
 * with the markdown renderer in the same file.
 *
 * Why in the same file: every page fetches the markdown renderer before `chatkit.ready` (it is prefetched
 * after the first render, and every answer needs it), so a separate chunk only added a request and compressed
 * worse (gzip of the two files together is 0.6 KB smaller than of each alone). It stays an on-demand
 * `import()` in the tag table, which the npm build (`chatkit-chat/define`) keeps: a site's bundler splits it
 * there, and this static import makes the bundler resolve that `import()` to the module already in this file.
 * The renderer's own rare parts (lexer extras, citations, entity names) still load on first use.
 *
 * @module
 */
export * from './define.js';
import './markdown/markdown.component.js';
