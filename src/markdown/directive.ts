/**
 * `markdownDom(tokens, options)`: an element directive that keeps an element's children equal to the DOM of
 * markdown tokens (dom.ts), patching in place.
 *
 * Why patch instead of rebuilding: while an answer streams, its last block is lexed again on every frame.
 * Replacing all its nodes each time costs removal and insertion, lays out and repaints the whole block, and
 * restarts the streaming caret's blink animation (a pseudo-element of the last paragraph), which then needs a
 * style pass on every frame of its own. Usually only the last text node grew; dom.ts updates that node alone
 * and keeps the rest of the block, and the caret, as they are.
 *
 * @internal
 * @module
 */
import type { Token } from './lexer.js';
import { noChange, nothing, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';
import { patchMarkdown, type MarkdownDomOptions } from './dom.js';

class MarkdownDomDirective extends Directive {
  private tokens: readonly Token[] | undefined;
  private options: MarkdownDomOptions | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('markdownDom() must be used on an element');
  }

  render(_tokens: readonly Token[], _options: MarkdownDomOptions): typeof nothing {
    return nothing;
  }

  override update(
    part: ElementPart,
    [tokens, options]: [readonly Token[], MarkdownDomOptions],
  ): typeof noChange {
    // Blocks are immutable: the same token array and options render the same DOM, which is already there.
    if (tokens === this.tokens && options === this.options) return noChange;
    this.tokens = tokens;
    this.options = options;
    patchMarkdown(part.element, tokens, options);
    return noChange;
  }
}

/**
 * Keeps the element's children equal to the DOM of `tokens` (see dom.ts). The element's children belong to
 * the directive: give it an element with no other content.
 */
export const markdownDom = directive(MarkdownDomDirective);
