/**
 * Browser side of bench/markdown-stream.bench.mjs: streams a long answer into the incremental renderer and,
 * for comparison, re-renders the whole text on every delta (what a naive client does). Returns figures.
 */
import { IncrementalMarkdown } from '../src/markdown/incremental.js';
import { renderMarkdownHTML } from '../src/markdown/render.js';
import { MarkdownView } from './markdown-view.js';

const SECTION = [
  '## Section',
  'A paragraph with **bold**, *emphasis*, `code` and [a link](https://example.com/docs). '.repeat(3),
  '- first item\n- second item with `code`\n- third item',
  '| Name | Value | Note |\n|---|---|---|\n| alpha | 1 | ok |\n| beta | 2 | fine |\n| gamma | 3 | good |',
  '```ts\nfunction add(a: number, b: number) {\n  return a + b;\n}\n```',
  '> A quoted remark that spans\n> two lines.',
].join('\n\n');

function prefixes(text: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => text.slice(0, Math.ceil(((i + 1) * text.length) / n)));
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Runs the benchmark for a text of `sections` sections delivered in `deltas` deltas. */
export function runBench(sections: number, deltas: number) {
  const text = Array.from({ length: sections }, () => SECTION).join('\n\n');
  const steps = prefixes(text, deltas);
  // Warm up both paths (JIT), then measure.
  renderMarkdownHTML(text);
  new IncrementalMarkdown().update(text, false);
  const engine = new IncrementalMarkdown();
  const view = new MarkdownView(engine);
  const incrementalMs = time(() => {
    for (const step of steps) view.show(engine.update(step, true));
    view.show(engine.update(text, false));
  });
  const fullMs = time(() => {
    for (const step of steps) renderMarkdownHTML(step);
  });
  return {
    chars: text.length,
    deltas,
    blocks: engine.update(text, false).length,
    blockRenders: engine.renderCount,
    incrementalMs: Math.round(incrementalMs),
    fullReRenderMs: Math.round(fullMs),
    speedup: Number((fullMs / incrementalMs).toFixed(1)),
  };
}
