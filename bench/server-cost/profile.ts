/**
 * Profiles one server-cost benchmark child under load: builds it like the benchmark does (esbuild, plain
 * `node`), starts it with `--cpu-prof`, streams the scripted turn at one concurrency, and prints the
 * functions with the most self time (and the profile's path, for DevTools).
 *
 * Run: `npx tsx bench/server-cost/profile.ts <memory|sqlite|peer> [concurrency=10] [turns=3000]`
 * Needs the peer installed for `peer` (`npm --prefix bench/peer ci`).
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const [kind = 'memory', concurrencyArg = '10', turnsArg = '3000'] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const turns = Number(turnsArg);

const peer = kind === 'peer';
const outDir = join(ROOT, '.tmp', peer ? 'bench-peer' : 'bench');
mkdirSync(outDir, { recursive: true });
if (peer && !existsSync(join(outDir, 'node_modules')))
  symlinkSync(join(ROOT, 'bench', 'peer', 'node_modules'), join(outDir, 'node_modules'));
const entry = peer ? 'peer-server' : 'ours-server';
await build({
  entryPoints: [join(ROOT, `bench/server-cost/${entry}.ts`)],
  outfile: join(outDir, `${entry}.mjs`),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  sourcemap: 'inline',
});

const profileDir = mkdtempSync(join(tmpdir(), 'chatkit-prof-'));
const work = mkdtempSync(join(tmpdir(), 'chatkit-prof-db-'));
const child = fork(join(outDir, `${entry}.mjs`), peer ? [] : [kind, join(work, 'p.db')], {
  execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--enable-source-maps'],
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
const port = await new Promise<number>((resolve) => child.once('message', (m: any) => resolve(m.port)));

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
let user = 0;
const turn = () =>
  new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({
      type: 'threads.create',
      params: {
        input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} },
      },
    });
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/chatkit',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-chatkit-user': `bench_user_${String(user++ % 64).padStart(4, '0')}`,
        },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
        res.resume();
        res.on('end', resolve);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next++ < turns) await turn();
  }),
);
agent.destroy();
const exited = new Promise((resolve) => child.once('exit', resolve));
child.send({ cmd: 'exit' });
await exited;

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
