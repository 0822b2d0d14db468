/**
 * A benchmark child: our ChatKit server (ChatKitServer + the Express router) with the memory, SQLite or
 * PostgreSQL store, streaming the scripted turn of turn.ts. Bundled to plain JavaScript by the benchmark
 * and run with `node` (no TypeScript runtime), talking to its parent over IPC.
 *
 * argv: <memory|sqlite|postgres> [sqlite path | postgres socket dir]
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { ChatKitServer } from '../../server/chatkit/server.js';
import { createChatKitRouter } from '../../server/express/chatkit-router.js';
import { createLogger } from '../../server/logger.js';
import { MemoryStore } from '../../server/stores/memory-store.js';
import { PostgresStore } from '../../server/stores/postgres-store.js';
import { SqliteStore } from '../../server/stores/sqlite-store.js';
import type { Store } from '../../server/stores/store.js';
import type { AssistantMessageItem } from '../../src/protocol/types.js';
import { serveChild } from './child.js';
import { DELTA, DELTAS, FULL_TEXT, heldUntilReleased } from './turn.js';

const [kind, location] = process.argv.slice(2);
let store: Store;
if (kind === 'sqlite') store = new SqliteStore({ path: location });
else if (kind === 'postgres')
  store = new PostgresStore({ pool: { host: location, port: 5432, user: 'chatkit', database: 'postgres' } });
else store = new MemoryStore();

const server = new ChatKitServer({
  store,
  logger: { error: () => {}, warn: () => {}, debug: () => {} },
  async *respond(_thread, input, ctx) {
    const hold = input?.content.some((part) => part.type === 'input_text' && part.text.includes('hold'));
    const message: AssistantMessageItem = {
      ...ctx.assistantMessage(),
      content: [{ type: 'output_text', text: '', annotations: [] }],
    };
    yield ctx.events.added(message);
    for (let i = 0; i < DELTAS; i++) {
      yield ctx.events.textDelta(message.id, DELTA);
      if (hold && i === 0) await heldUntilReleased();
    }
    yield ctx.events.done({
      ...message,
      content: [{ type: 'output_text', text: FULL_TEXT, annotations: [] }],
    });
  },
});

const app = express();
app.use('/chatkit', createChatKitRouter(server, { rateLimit: false, logger: createLogger('silent') }));
const listener = app.listen(0, '127.0.0.1', () => {
  serveChild((listener.address() as AddressInfo).port, () => store.close?.());
});
