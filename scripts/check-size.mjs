#!/usr/bin/env node
/**
 * Checks the gzip size of each drop-in file against the budget. Sizes, not times: deterministic on any machine.
 * Run after `npm run build`.
 *
 * A drop-in file is measured together with every chunk it imports statically (what the browser must fetch
 * before the element can define itself); chunks reached only through `import()` load on demand and are
 * listed for the record. The drop-in file holds the markdown renderer (src/drop-in.ts), so it is also what a
 * first streamed answer needs: issue 9's goal is 50 KB for that (bench/stream-render.bench.mjs measures it on
 * the wire).
 *
 * The budget sits just above the size reached (from 49.0 KB for the element alone: the theme compiler, the
 * composer's attachments, tags and tool chips, the rare item renderers, the branding loader, the session's
 * JSON intents, uploads and dictation load on demand; no `until`, no context or query decorators; the build
 * squeezes the indentation of Lit templates, shortens a few library error texts and runs terser after oxc, which
 * renames the TypeScript-private members and hoists function declarations; 39.8 KB for the element and 12.2 KB
 * for a separate markdown chunk on 2026-12-03, 51.4 KB as one file; 50.1 KB once reactive properties were
 * declared without decorators and the on-demand parts' icons and image decisions left; 49.8 KB once the
 * composer's "@" action, `setComposerValue`'s draft code and the `resume()` polling loop loaded on demand; 48.7 KB
 * once an own SSE data reader replaced eventsource-parser and the widget renderer's string mapping loaded with
 * it; 49.1 KB with the idle warm-up, warm-up.ts, 0.4 KB, which takes the first send's one-time work out of the
 * send: bytes traded for the long-task target; 48.7 KB once the `--chatkit-*` token names were written out from
 * the palette, terser ran three passes, the on-demand chunks shared one content id in their names and the typed
 * listeners became types only). Code added to the drop-in file should
 * load on demand, like the menus, icon tables and renderers, or lower something else; `node
 * bench/load/first-answer-coverage.mjs` shows what of the file a first answer never runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = Math.round(48.8 * 1024);
const GOAL = 50 * 1024;
const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The file and every file it imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function staticClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(
      /(?:^|[;}\s])(?:import|export)\s*(?:[^'"();]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
    )) {
      visit(normalize(join(dirname(file), match[1])));
    }
  };
  visit(entry);
  return [...seen];
}

let failed = false;
const measured = new Set();
for (const file of ['dist/chatkit-chat.js', 'dist/chatkit-chat.iife.js']) {
  if (!existsSync(file)) {
    console.error(`✗ ${file} is missing: run npm run build first`);
    failed = true;
    continue;
  }
  const files = staticClosure(file);
  files.forEach((f) => measured.add(f));
  const total = files.reduce((sum, f) => sum + gzip(readFileSync(f)), 0);
  const verdict =
    total > BUDGET ? '✗ over budget' : total > GOAL ? '✓ within budget (above the goal)' : '✓ within goal';
  console.log(
    `${verdict}: ${file} with ${files.length - 1} static chunk(s): ${kb(total)} gzip (budget ${kb(BUDGET)}, goal ${kb(GOAL)})`,
  );
  if (total > BUDGET) failed = true;
}

// The markdown renderer belongs in the drop-in file: a chunk of its own would be a second request before the
// first answer (and 0.6 KB more gzip).
const markdownChunk = existsSync('dist/chunks')
  ? readdirSync('dist/chunks').find((f) => /^markdown\.component-.*\.js$/.test(f))
  : undefined;
if (markdownChunk) {
  console.error(
    `✗ dist/chunks/${markdownChunk}: the markdown renderer left the drop-in file (see src/drop-in.ts)`,
  );
  failed = true;
}

if (existsSync('dist/chunks')) {
  for (const name of readdirSync('dist/chunks').filter((f) => f.endsWith('.js'))) {
    const path = join('dist/chunks', name);
    if (measured.has(path)) continue;
    console.log(`  on demand: ${name} ${kb(gzip(readFileSync(path)))} gzip`);
  }
}
process.exit(failed ? 1 : 0);
