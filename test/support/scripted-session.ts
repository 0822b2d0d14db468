/**
 * A protocol session against the scripted server (test/fixtures/sse/scripted-server.ts), one per test, for the
 * node suites: `open` starts the server with the test's handler and creates a session on its URL; after each
 * test the session is disposed and the server closed. Node-only (it registers a vitest hook and listens on a
 * port); what in-page tests share is in session.ts.
 */
import { afterEach } from 'vitest';

import { createSession } from '../../src/protocol/session.js';
import type { ChatSession, SessionOptions } from '../../src/protocol/session-types.js';
import { startScriptedServer, type Handler, type ScriptedServer } from '../fixtures/sse/scripted-server.js';

export type OpenScriptedSession = (
  handler: Handler,
  options?: Partial<SessionOptions>,
) => Promise<{ server: ScriptedServer; session: ChatSession }>;

/**
 * Call once at the top of a test file (it registers the `afterEach` that cleans up). Returns `open`; `options`
 * are passed to `createSession` after `url`, so they may override it.
 */
export function scriptedSessions(): OpenScriptedSession {
  let server: ScriptedServer | undefined;
  let session: ChatSession | undefined;
  afterEach(async () => {
    session?.dispose();
    await server?.close();
    server = undefined;
    session = undefined;
  });
  return async (handler, options = {}) => {
    server = await startScriptedServer(handler);
    session = createSession({ url: server.url, ...options });
    return { server, session };
  };
}
