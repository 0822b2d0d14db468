/**
 * A child process for the seed race test: loads the returns repository, says `ready`, then for each
 * `go <path>` line on stdin opens that SQLite file as the demo does, seeds it and says `seeded`.
 */
import { createInterface } from 'node:readline';
import { openDemoDatabase } from '../../server/use-cases/demo.js';
import { SqliteReturnsRepository } from '../../server/use-cases/returns/returns-repository.js';

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const path = line.startsWith('go ') ? line.slice(3) : null;
  if (!path) continue;
  const db = openDemoDatabase(path);
  new SqliteReturnsRepository(db);
  db.close();
  process.stdout.write('seeded\n');
}
