/**
 * DATABASE_URL switches the reference server to PostgreSQL: a full HTTP round trip against a throwaway local
 * cluster (skipped where the PostgreSQL binaries are missing), and a clear startup error for a bad URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config.js';
import { PostgresStore } from '../../../server/stores/postgres-store.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../stores/postgres-server.js';
import { startTestServer, textInput } from '../../support/test-server.js';

describe.skipIf(!postgresAvailable)('reference server on PostgreSQL', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  it('stores threads in PostgreSQL when DATABASE_URL is set', async () => {
    const { host, port, user, database } = postgres.connection;
    const url = `postgresql://${user}@localhost/${database}?host=${encodeURIComponent(host)}&port=${port}`;
    const server = await startTestServer({ env: { DATABASE_URL: url } });
    try {
      expect(server.store).toBeInstanceOf(PostgresStore);
      const events = await server.stream({
        type: 'threads.create',
        params: { input: textInput('hello postgres') },
      });
      const created = events[0];
      if (created?.type !== 'thread.created') throw new Error('no thread.created');
      const thread = await server.json({
        type: 'threads.get_by_id',
        params: { thread_id: created.thread.id },
      });
      expect(thread.items.data.map((item: { type: string }) => item.type)).toEqual([
        'user_message',
        'assistant_message',
      ]);
    } finally {
      await server.close();
    }
  });
});

it('a DATABASE_URL that cannot be reached stops the start with an error naming it', async () => {
  const error = await startTestServer({
    env: { DATABASE_URL: 'postgresql://nobody@localhost/none?host=/nonexistent-socket-dir&port=1' },
  }).then(
    async (server) => {
      await server.close();
      return null;
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).variable).toBe('DATABASE_URL');
});
