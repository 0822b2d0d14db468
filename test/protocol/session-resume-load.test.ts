/**
 * `resume()`'s polling loop loads on demand (in `session-extras.ts`): the session takes the thread it waits
 * for before the load, so a thread switch while the loop's code is on its way ends the resume without a
 * wait or a poll of the old thread. Its own file: the module loads once per file, and this holds it.
 */
import { describe, expect, it, vi } from 'vitest';

import type { ThreadItem } from '../../src/protocol/types.js';
import { sendJson } from '../fixtures/sse/scripted-server.js';
import { loadExample } from '../fixtures/examples.js';
import { ManualScheduler } from '../support/scheduler.js';
import { scriptedSessions } from '../support/scripted-session.js';

/** Holds the module's import until `gate.open()` (test/support/module-gate.ts). */
const gate = await vi.hoisted(async () => (await import('../support/module-gate.js')).moduleGate());
vi.mock('../../src/protocol/session-extras.js', (importOriginal) => gate.hold(importOriginal));

const open = scriptedSessions();
const THREAD = { ...loadExample('events/thread.created.json').thread };
/** A reloaded thread whose last item is the user's message: its answer is still being written. */
const USER: ThreadItem = { ...loadExample('items/user_message.json'), id: 'u1', thread_id: THREAD.id };

describe('session: resume while its polling code loads', () => {
  it('ends without waiting or polling when the thread changes during the load', async () => {
    const scheduler = new ManualScheduler(true);
    const { session, server } = await open(
      (req, res) =>
        req.body.type === 'threads.get_by_id'
          ? sendJson(res, { ...THREAD, items: { data: [], has_more: false } })
          : sendJson(res, { data: [USER], has_more: false }),
      { scheduler: scheduler.schedule },
    );
    await session.loadThread(THREAD.id);
    const requests = server.requests.length;
    const resumed = session.resume();
    await vi.waitUntil(() => gate.requested > 0);
    session.newThread();
    gate.open();
    await resumed;
    expect(scheduler.delays).toEqual([]);
    expect(server.requests.length).toBe(requests);
    expect(session.getState().thread).toBeNull();
  });
});
