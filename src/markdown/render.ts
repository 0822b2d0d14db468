/**
 * One-shot markdown rendering for reuse outside `<chatkit-markdown>` (notices, disclaimers, tests): the same
 * marked setup and sanitizer, without incremental streaming, code-block toolbars or citations.
 *
 * @module
 */
import { neutraliseSentinels } from './citations.js';
import { boundMarkdown } from './limits.js';
import { lexMarkdown, renderTokens } from './parse.js';
import { sanitizeHtml, sanitizeHtmlToFragment, type SanitizeOptions } from './sanitize.js';

/** Options of {@link renderMarkdownHTML} and {@link renderMarkdownToFragment}. */
export type MarkdownRenderOptions = SanitizeOptions;

/**
 * Normalises untrusted markdown before lexing: line endings to `\n` (marked does the same, and block offsets
 * must agree with it) and private-use citation sentinels neutralised.
 *
 * @param text - untrusted markdown.
 */
export function normaliseMarkdown(text: string): string {
  return neutraliseSentinels(typeof text === 'string' ? text : '').replace(/\r\n?/g, '\n');
}

/** {@link normaliseMarkdown} plus the nesting limits of src/markdown/limits.ts, for one-shot renders. */
function prepare(text: string): string {
  return boundMarkdown(normaliseMarkdown(text)).text;
}

/**
 * Renders markdown to a sanitized HTML string, safe to assign to `innerHTML` or pass to `unsafeHTML`.
 *
 * @param text - untrusted markdown (GFM).
 * @param opts - allowed image domains and the base for relative URLs.
 */
export function renderMarkdownHTML(text: string, opts: MarkdownRenderOptions = {}): string {
  return sanitizeHtml(renderTokens(lexMarkdown(prepare(text)), opts), opts);
}

/**
 * Renders markdown to a sanitized fragment of the current document, ready to append.
 *
 * @param text - untrusted markdown (GFM).
 * @param opts - allowed image domains and the base for relative URLs.
 */
export function renderMarkdownToFragment(text: string, opts: MarkdownRenderOptions = {}): DocumentFragment {
  return sanitizeHtmlToFragment(renderTokens(lexMarkdown(prepare(text)), opts), opts);
}
