#!/usr/bin/env node
/**
 * `npm run bench`: runs every benchmark in bench/ one after the other and prints their figures. Benchmarks
 * measure; they never fail a build (the size budget is checked by `npm run test:size` instead).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status;
console.log('== bundle size (npm run build first) ==');
run(['scripts/check-size.mjs']);
for (const file of readdirSync('bench').sort()) {
  if (file.endsWith('.bench.ts') && readdirSync('bench').includes(file.replace(/\.ts$/, '.mjs'))) continue;
  if (!/\.bench\.(ts|mjs)$/.test(file)) continue;
  console.log(`\n== ${file} ==`);
  run(file.endsWith('.ts') ? ['--expose-gc', '--import', 'tsx', `bench/${file}`] : [`bench/${file}`]);
}
