#!/usr/bin/env node
/**
 * Checks the gzip size of each drop-in file against the budget (41.4 KB hard, 38 KB goal). Sizes, not times:
 * deterministic on any machine. Run after `npm run build`.
 *
 * A drop-in file is measured together with every chunk it imports statically (what the browser must fetch
 * before the element can define itself); chunks reached only through `import()` load on demand and are
 * listed for the record. Also printed, not enforced: the drop-in file plus the markdown chunk, what a first
 * streamed answer needs (issue 9's goal: 50 KB; bench/stream-render.bench.mjs measures it on the wire).
 *
 * The budget sits just above the size reached (from 49.0 KB: the theme compiler, the
 * composer's attachments, tags and tool chips, the rare item renderers, the branding loader, the session's
 * JSON intents, uploads and dictation load on demand; no `until`, no context or query decorators; the build
 * squeezes the indentation of Lit templates, shortens a few library error texts and runs terser after oxc, which
 * renames the TypeScript-private members and hoists function declarations; 41.1 KB on 2026-12-03). The goal, 38 KB,
 * is what leaves room for a 12 KB markdown chunk under issue 9's 50 KB until a first answer. Code added to
 * the drop-in file should load on demand, like the menus, icon tables and renderers, or lower something
 * else; `node bench/load/first-answer-coverage.mjs` shows what of the file a first answer never runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = Math.round(41.4 * 1024);
/**
 * The markdown chunk a first streamed answer needs (12.4 KB on 2026-12-03, after the image builder, inline tags,
 * e-mail autolinks and the HTML block's end moved to the on-demand lexer-extras chunk): code added to it should
 * load on first use like those, or lower something else.
 */
const MARKDOWN_BUDGET = Math.round(12.5 * 1024);
const FIRST_ANSWER_GOAL = 50 * 1024;
const GOAL = 38 * 1024;
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

const markdown = existsSync('dist/chunks')
  ? readdirSync('dist/chunks').find((f) => /^markdown\.component-.*\.js$/.test(f))
  : undefined;
if (markdown && existsSync('dist/chatkit-chat.js')) {
  const files = new Set([
    ...staticClosure('dist/chatkit-chat.js'),
    ...staticClosure(join('dist/chunks', markdown)),
  ]);
  const total = [...files].reduce((sum, f) => sum + gzip(readFileSync(f)), 0);
  const own = gzip(readFileSync(join('dist/chunks', markdown)));
  console.log(
    `${own > MARKDOWN_BUDGET ? '✗ over budget' : '✓ within budget'}: ${markdown}: ${kb(own)} gzip (budget ${kb(MARKDOWN_BUDGET)})`,
  );
  if (own > MARKDOWN_BUDGET) failed = true;
  console.log(
    `${total > FIRST_ANSWER_GOAL ? '· above the goal' : '✓ within goal'}: until a first answer (drop-in file + ${markdown}): ` +
      `${kb(total)} gzip (goal ${kb(FIRST_ANSWER_GOAL)}, not enforced)`,
  );
}

if (existsSync('dist/chunks')) {
  for (const name of readdirSync('dist/chunks').filter((f) => f.endsWith('.js'))) {
    const path = join('dist/chunks', name);
    if (measured.has(path)) continue;
    console.log(`  on demand: ${name} ${kb(gzip(readFileSync(path)))} gzip`);
  }
}
process.exit(failed ? 1 : 0);
