/**
 * One-shot markdown rendering for reuse outside `<chatkit-markdown>` (notices, disclaimers, tests): the same
 * lexer and DOM builder, without incremental streaming, code-block toolbars or citations.
 *
 * @module
 */
import { patchMarkdown } from './dom.js';
import { boundMarkdown } from './limits.js';
import { lexMarkdown } from './parse.js';
import { installEntityNames } from './entities.js';
import { names } from './entity-names.js';
import { installLexerExtras } from './lexer.js';
import * as lexerExtras from './lexer-extras.js';
import { normaliseMarkdown } from './sentinels.js';
import type { SanitizeOptions } from './sanitize.js';

export { normaliseMarkdown };

// These renderers are synchronous, so they resolve every named reference entities.ts knows and every construct
// of lexer-extras.ts from the first call.
installEntityNames(names());
installLexerExtras(lexerExtras);

/** Options of {@link renderMarkdownHTML} and {@link renderMarkdownToFragment}. */
export type MarkdownRenderOptions = SanitizeOptions;

/** {@link normaliseMarkdown} plus the nesting limits of src/markdown/limits.ts, for one-shot renders. */
function prepare(text: string): string {
  return boundMarkdown(normaliseMarkdown(text)).text;
}

/** A document with no browsing context: images built in it do not load. */
let inert: Document | undefined;

/**
 * Renders markdown to an HTML string: the serialisation of the DOM {@link renderMarkdownToFragment} builds
 * (in an inert document, so nothing loads), safe to assign to `innerHTML` or pass to `unsafeHTML`.
 *
 * @param text - untrusted markdown (GFM).
 * @param opts - allowed image domains and the base for relative URLs.
 */
export function renderMarkdownHTML(text: string, opts: MarkdownRenderOptions = {}): string {
  inert ??= document.implementation.createHTMLDocument('');
  const holder = inert.createElement('div');
  patchMarkdown(holder, lexMarkdown(prepare(text)), { base: document.baseURI, ...opts });
  // Reading serialises the built DOM; nothing is parsed.
  // eslint-disable-next-line no-restricted-properties
  return holder.innerHTML;
}

/**
 * Renders markdown to a fragment of the current document, ready to append.
 *
 * @param text - untrusted markdown (GFM).
 * @param opts - allowed image domains and the base for relative URLs.
 */
export function renderMarkdownToFragment(text: string, opts: MarkdownRenderOptions = {}): DocumentFragment {
  const fragment = document.createDocumentFragment();
  patchMarkdown(fragment, lexMarkdown(prepare(text)), opts);
  return fragment;
}
