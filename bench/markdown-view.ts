/**
 * What `<chatkit-markdown>` does with each update's blocks, without Lit, for the markdown benchmarks: a block
 * whose tokens changed has its DOM patched (src/markdown/dom.ts) into its own element; finished blocks are the
 * same objects as before and are skipped. Since dom.ts builds the DOM, the engine alone only lexes, so the
 * benchmarks time update and view together (before, `update` produced sanitized HTML).
 */
import { patchMarkdown } from '../src/markdown/dom.js';
import type { IncrementalMarkdown, MarkdownBlock } from '../src/markdown/incremental.js';

export class MarkdownView {
  readonly root = document.createElement('div');
  private readonly views = new Map<string, { tokens: MarkdownBlock['tokens']; el: HTMLElement }>();

  constructor(private readonly engine: IncrementalMarkdown) {
    document.body.append(this.root);
  }

  show(blocks: readonly MarkdownBlock[]): void {
    for (const block of blocks) {
      const view = this.views.get(block.key);
      if (view?.tokens === block.tokens) continue;
      const el = view?.el ?? this.root.appendChild(document.createElement('div'));
      patchMarkdown(el, block.tokens, this.engine.options);
      this.views.set(block.key, { tokens: block.tokens, el });
    }
  }
}
