/**
 * Idle memory of the compiled reference server (`chatkit-chat-server`: SQLite + the offline demo model), the
 * figure of issue 9 item 4: RSS after startup and a GC on an idle process, over several starts.
 *
 * Run: `npx tsx bench/server-cost/idle-rss.ts [starts=5] [--modules]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCompiledServer, measureIdle, type IdleFigures } from './compiled-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const starts = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 5);
const entry = await buildCompiledServer(join(ROOT, '.tmp', 'bench', 'compiled'));
const figures: IdleFigures[] = [];
for (let i = 0; i < starts; i++) {
  const work = mkdtempSync(join(tmpdir(), 'chatkit-idle-'));
  try {
    figures.push(await measureIdle(entry, work));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
const list = (key: 'rssMb' | 'heapMb' | 'externalMb') => figures.map((f) => f[key].toFixed(1)).join(' / ');
console.log(`idle RSS MB:      ${list('rssMb')}`);
console.log(`JS heap used MB:  ${list('heapMb')}`);
console.log(`external MB:      ${list('externalMb')}`);
if (process.argv.includes('--modules')) {
  const cjs = figures[0]!.cjs.map((file) => file.replace(/^.*node_modules\//, ''));
  console.log(`CommonJS modules loaded (${cjs.length}):\n  ${cjs.join('\n  ')}`);
}
