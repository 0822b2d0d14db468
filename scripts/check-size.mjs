#!/usr/bin/env node
/**
 * Checks the gzip size of each drop-in file against the budget (60 KB hard, 40 KB goal). Sizes, not times:
 * deterministic on any machine. Run after `npm run build`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 60 * 1024;
const GOAL = 40 * 1024;
const files = ['dist/chatkit-chat.js', 'dist/chatkit-chat.iife.js'];
let failed = false;
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`✗ ${file} is missing: run npm run build first`);
    failed = true;
    continue;
  }
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const verdict =
    gz > BUDGET ? '✗ over budget' : gz > GOAL ? '✓ within budget (above the 40 KB goal)' : '✓ within goal';
  console.log(
    `${verdict}: ${file} ${(raw.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB)`,
  );
  if (gz > BUDGET) failed = true;
}
// Lazy chunks are not part of the drop-in budget (they load on demand); print them for the record.
if (existsSync('dist/chunks')) {
  for (const name of readdirSync('dist/chunks').filter((file) => file.endsWith('.js'))) {
    const gz = gzipSync(readFileSync(`dist/chunks/${name}`), { level: 9 }).length;
    console.log(`  lazy chunk ${name}: ${(gz / 1024).toFixed(1)} KB gzip`);
  }
}
process.exit(failed ? 1 : 0);
