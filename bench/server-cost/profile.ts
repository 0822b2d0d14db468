/**
 * Profiles one server-cost benchmark child under load: builds it like the benchmark does (esbuild, plain
 * `node`), starts it with `--cpu-prof`, streams the scripted turn at one concurrency, and prints the
 * functions with the most self time (and the profile's path, for DevTools).
 *
 * Run: `npx tsx bench/server-cost/profile.ts <memory|sqlite|peer> [concurrency=10] [turns=3000]`
 * Needs the peer installed for `peer` (`npm --prefix bench/peer ci`).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createLoad, startChild } from './launch.js';

const [kind = 'memory', concurrencyArg = '10', turnsArg = '3000'] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const turns = Number(turnsArg);

const peer = kind === 'peer';
const server = await buildServer(peer ? 'peer' : 'ours', { sourcemap: true });

const profileDir = mkdtempSync(join(tmpdir(), 'chatkit-prof-'));
const work = mkdtempSync(join(tmpdir(), 'chatkit-prof-db-'));
const child = await startChild(kind, server, peer ? [] : [kind, join(work, 'p.db')], {
  execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--enable-source-maps'],
});
const load = createLoad();
await load.run(child.port, concurrency, turns, 'hi');
load.destroy();
await child.stop();

// ---- self time per function ----
const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(bench|\.tmp)\//, '');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  const dt = profile.timeDeltas[index] ?? 0;
  total += dt;
  self.set(key, (self.get(key) ?? 0) + dt);
});
const idle = [...self].filter(([key]) => key.startsWith('(idle)')).reduce((sum, [, t]) => sum + t, 0);
console.log(
  `${kind}, c=${concurrency}, ${turns} turns: busy ${((total - idle) / 1000 / turns).toFixed(3)} ms/turn`,
);
for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  console.log(`${((micros / (total - idle)) * 100).toFixed(1).padStart(5)}%  ${key}`);
}
console.log(`profile: ${join(profileDir, file)}`);
