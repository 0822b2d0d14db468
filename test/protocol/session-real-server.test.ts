/**
 * The session against the project's real ChatKit server (Express on an ephemeral loopback port, SQLite in a
 * temporary directory, the deterministic scripted responder): after every flow the client's items must equal
 * what the server stored, as a fresh session loading the thread sees it.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { createScriptedResponder } from '../support/scripted-responder.js';
import { createSession } from '../../src/protocol/session.js';
import type { ChatSession, SessionState } from '../../src/protocol/session-types.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { waitForState } from '../support/session.js';

let server: TestServer | undefined;
const sessions: ChatSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) session.dispose();
  await server?.close();
  server = undefined;
});

function open(url: string, user: string): ChatSession {
  const session = createSession({ url: `${url}/chatkit`, userId: user, locale: 'en' });
  sessions.push(session);
  return session;
}

const answerText = (state: SessionState) =>
  state.items
    .filter((item) => item.type === 'assistant_message')
    .map((item) => (item.type === 'assistant_message' ? item.content.map((p) => p.text).join('') : ''));

/** What a fresh client sees for the thread: the stored truth. */
async function stored(url: string, user: string, threadId: string): Promise<SessionState> {
  const fresh = open(url, user);
  await fresh.loadThread(threadId);
  return fresh.getState();
}

describe('session against the real server', () => {
  it('creates a thread, streams the answer and ends with exactly the stored items and title', async () => {
    server = await startTestServer();
    const user = server.newUser();
    const session = open(server.url, user);
    await session.sendUserMessage({ text: 'Tell me about remote work' });
    await session.sendUserMessage({ text: 'And about holidays?' });
    const state = session.getState();
    expect(state.status).toBe('idle');
    expect(state.error).toBeNull();
    expect(state.items.map((i) => i.type)).toEqual([
      'user_message',
      'assistant_message',
      'user_message',
      'assistant_message',
    ]);
    const truth = await stored(server.url, user, state.thread!.id);
    expect(state.items).toEqual(truth.items);
    expect(state.thread?.title).toBeTruthy();
    expect(state.thread?.title).toBe(truth.thread?.title);
  });

  it('cancel keeps the partial answer, and the stored thread has it (with no hidden note)', async () => {
    server = await startTestServer({
      hooks: { respond: createScriptedResponder({ delayMs: 40, wordsPerDelta: 1 }) },
    });
    const user = server.newUser();
    const session = open(server.url, user);
    const sent = session.sendUserMessage({ text: 'Write a long essay' });
    await waitForState(session, (s) => s.allowCancel && answerText(s).some((t) => t.split(' ').length >= 3));
    expect(session.cancel()).toBe(true);
    await sent;
    await server.settled();
    const state = session.getState();
    expect(state.status).toBe('idle');
    const [partial] = answerText(state);
    expect(partial!.length).toBeGreaterThan(0);
    const truth = await stored(server.url, user, state.thread!.id);
    expect(truth.items.map((i) => i.type)).toEqual(['user_message', 'assistant_message']);
    // The server stores its own copy, which may be a little longer than what reached the client (§8.8).
    expect(answerText(truth)[0]!.startsWith(partial!)).toBe(true);
    expect(truth.items.map((i) => i.id)).toEqual(state.items.map((i) => i.id));
  });

  it('retry regenerates after the user message and matches the stored items', async () => {
    let turn = 0;
    server = await startTestServer({
      hooks: { respond: createScriptedResponder({ delayMs: 0, answer: () => `Answer number ${++turn}.` }) },
    });
    const user = server.newUser();
    const session = open(server.url, user);
    await session.sendUserMessage({ text: 'hello' });
    expect(answerText(session.getState())).toEqual(['Answer number 1.']);
    await session.retry();
    const state = session.getState();
    expect(answerText(state)).toEqual(['Answer number 2.']);
    const truth = await stored(server.url, user, state.thread!.id);
    expect(state.items).toEqual(truth.items);
  });

  it('history: lists, renames and deletes threads of this user only', async () => {
    server = await startTestServer();
    const user = server.newUser();
    const session = open(server.url, user);
    await session.sendUserMessage({ text: 'first' });
    const threadId = session.getState().thread!.id;
    const other = open(server.url, server.newUser());
    expect((await other.listThreads()).data).toEqual([]);
    expect((await session.listThreads()).data.map((t) => t.id)).toEqual([threadId]);
    await session.renameThread(threadId, 'Renamed');
    expect((await stored(server.url, user, threadId)).thread?.title).toBe('Renamed');
    await session.deleteThread(threadId);
    expect(session.getState().thread).toBeNull();
    expect((await session.listThreads()).data).toEqual([]);
  });
});
