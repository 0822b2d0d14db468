/**
 * The reference server in its own process, for tests that kill it (`kill -9`): the real `startServer` with
 * the scripted responder (slow enough that a stream is still running when the test kills it). Configured by
 * the environment like `npm start`; prints one JSON line `{"url": …}` on stdout once listening.
 *
 *   node --import tsx test/support/child-server.ts
 */
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/main.js';
import { createScriptedResponder } from './scripted-responder.js';

const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', CHATKIT_DEMO_PORT: 'off', ...process.env });
const running = await startServer(config, {
  hooks: {
    respond: createScriptedResponder({
      delayMs: Number(process.env.SCRIPTED_DELAY_MS ?? 10),
      wordsPerDelta: 1,
    }),
  },
  demoDir: null,
  distDir: null,
});
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
