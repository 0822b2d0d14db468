/**
 * The full seeded fuzz run of issue 11 against the real server, on SQLite and on PostgreSQL:
 *
 *   node --import tsx scripts/fuzz.ts [--count 10000] [--seed 11] [--store sqlite|postgres|both]
 *
 * Prints one JSON report per store (answers by status, hangs, slowest request, contract violations) and
 * exits 1 when any case answered 5xx, hung over 10 s or sent a non-JSON error. `npm test` runs a small subset
 * of the same generator (test/server/express/fuzz.test.ts); bench/fuzz.bench.ts runs this under `npm run bench`.
 */
import { parseArgs } from 'node:util';
import { prepareFuzzIds, runFuzz, type FuzzReport } from '../test/fixtures/fuzz/fuzz.js';
import { postgresAvailable, startPostgres } from '../test/server/stores/postgres-server.js';
import { randomUserId, startTestServer } from '../test/support/test-server.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '11' },
    store: { type: 'string', default: 'both' },
    concurrency: { type: 'string', default: '8' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);

async function fuzzStore(store: 'sqlite' | 'postgres'): Promise<FuzzReport | null> {
  let stopPostgres: (() => Promise<void>) | null = null;
  const env: Record<string, string> = { CHATKIT_RATE_LIMIT: '0' };
  if (store === 'postgres') {
    if (!postgresAvailable) {
      console.log('postgres: binaries not installed, skipped');
      return null;
    }
    const postgres = await startPostgres();
    stopPostgres = () => postgres.stop();
    const { host, port, user, database } = postgres.connection;
    env.DATABASE_URL = `postgresql://${user}@localhost/${database}?host=${encodeURIComponent(host)}&port=${port}`;
  }
  const server = await startTestServer({ env });
  try {
    const ids = await prepareFuzzIds(server.url, randomUserId());
    const report = await runFuzz({
      url: server.url,
      seed,
      count,
      ids,
      concurrency: Number(values.concurrency),
      onProgress: (done) => process.stderr.write(`${store}: ${done}/${count}\r`),
    });
    const health = await fetch(`${server.url}/health`);
    console.log(
      JSON.stringify(
        {
          store,
          seed,
          total: report.total,
          byStatus: report.byStatus,
          hangs: report.hangs,
          violations: report.failures.length,
          slowestMs: Math.round(report.slowestMs),
          durationS: Math.round(report.durationMs / 100) / 10,
          healthyAfter: health.status === 200,
          firstViolations: report.failures.slice(0, 10),
        },
        null,
        2,
      ),
    );
    return report;
  } finally {
    await server.close();
    await stopPostgres?.();
  }
}

const stores =
  values.store === 'both' ? (['sqlite', 'postgres'] as const) : [values.store as 'sqlite' | 'postgres'];
let failed = false;
for (const store of stores) {
  const report = await fuzzStore(store);
  if (report && (report.failures.length > 0 || report.hangs > 0)) failed = true;
}
process.exit(failed ? 1 : 0);
