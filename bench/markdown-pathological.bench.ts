/**
 * Pathological answers through the markdown module (bundled and run in Chromium by
 * bench/markdown-pathological.bench.mjs): one-shot render time of each, and the streamed render in 64 deltas,
 * each including the DOM of the blocks (bench/markdown-view.ts).
 */
import { IncrementalMarkdown } from '../src/markdown/incremental.js';
import { installLexerExtras } from '../src/markdown/lexer.js';
import * as lexerExtras from '../src/markdown/lexer-extras.js';
import { MarkdownView } from './markdown-view.js';
export { IncrementalMarkdown as IM };

// Render cost only: the lexer's on-demand rules (lexer-extras.ts) are here from the start, as after their load.
installLexerExtras(lexerExtras);

export const cases: Record<string, () => string> = {
  '3,000 nested blockquotes': () => '>'.repeat(3000) + ' deep',
  '300-deep list': () => Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
  '*a × 20,000': () => '*a'.repeat(20000),
  '50,000-char URL': () => `see https://example.com/${'a'.repeat(50000)} end`,
  '10,000-column table': () =>
    `|${' c |'.repeat(10000)}\n|${'---|'.repeat(10000)}\n|${' 1 |'.repeat(10000)}\n`,
  '5,000 nested <div>s': () => '<div>'.repeat(5000) + 'x' + '</div>'.repeat(5000),
  '2,000 link references': () =>
    Array.from({ length: 2000 }, (_, i) => `[l${i}]`).join(' ') +
    '\n\n' +
    Array.from({ length: 2000 }, (_, i) => `[l${i}]: https://example.com/${i}`).join('\n'),
  '20,000 unmatched [': () => '['.repeat(20000),
  '200 KB answer': () =>
    Array.from(
      { length: 2000 },
      (_, i) => `Paragraph ${i} with **bold** and [a link](https://e.com/${i}).`,
    ).join('\n\n'),
};

export function runCase(name: string): {
  oneShotMs: number;
  maxOneShotMs: number;
  truncated: boolean;
  streamedMs: number;
  maxDeltaMs: number;
  chars: number;
} {
  const text = cases[name]!();
  // One-shot: the whole answer set at once (a thread loaded from history); the engine may spread it over several
  // calls (`behind`), which the element runs on successive frames. Reported: the total and the longest call.
  let t = performance.now();
  const once = new IncrementalMarkdown();
  const onceView = new MarkdownView(once);
  let maxOneShotMs = 0;
  do {
    const s = performance.now();
    onceView.show(once.update(text, false));
    maxOneShotMs = Math.max(maxOneShotMs, performance.now() - s);
  } while (once.behind);
  const oneShotMs = performance.now() - t;
  onceView.root.remove();
  const engine = new IncrementalMarkdown();
  const view = new MarkdownView(engine);
  const step = Math.ceil(text.length / 64);
  let maxDeltaMs = 0;
  t = performance.now();
  for (let i = step; i < text.length + step; i += step) {
    const s = performance.now();
    view.show(engine.update(text.slice(0, i), i < text.length));
    while (engine.behind) view.show(engine.update(text.slice(0, i), i < text.length));
    maxDeltaMs = Math.max(maxDeltaMs, performance.now() - s);
  }
  return {
    oneShotMs,
    maxOneShotMs,
    truncated: once.truncated,
    streamedMs: performance.now() - t,
    maxDeltaMs,
    chars: text.length,
  };
}
