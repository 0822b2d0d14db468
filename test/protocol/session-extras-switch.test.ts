/**
 * The session's on-demand half (`session-extras.ts`, see session-extras.test.ts): a thread switch while it
 * loads drops the stream event that waits for it, as a switch drops any later event of the old thread.
 * Its own file: the module loads once per file, and this needs it held at the first widget update.
 */
import { describe, expect, it, vi } from 'vitest';

import type { WidgetItem } from '../../src/protocol/types.js';
import { sendSse } from '../fixtures/sse/scripted-server.js';
import { loadSequence } from '../fixtures/examples.js';
import { waitForState } from '../support/session.js';
import { scriptedSessions } from '../support/scripted-session.js';

/** Holds the module's import until `gate.open()` (test/support/module-gate.ts). */
const gate = await vi.hoisted(async () => (await import('../support/module-gate.js')).moduleGate());
vi.mock('../../src/protocol/session-extras.js', (importOriginal) => gate.hold(importOriginal));

const open = scriptedSessions();
const created = loadSequence('threads.create');
const widget = loadSequence('threads.add_user_message.streamed_widget');
const added = widget.events.find((e) => e.type === 'thread.item.added') as { item: WidgetItem };

describe('session: on-demand item updates', () => {
  it('drops the waiting event when the thread changes while the updater loads', async () => {
    const errors: unknown[] = [];
    const changes: Array<string | null> = [];
    const { session } = await open(
      (req, res) => sendSse(res, req.body.type === 'threads.create' ? created.events : widget.events),
      {
        onError: ({ error }) => errors.push(error),
        onThreadChange: ({ threadId }) => changes.push(threadId),
      },
    );
    await session.sendUserMessage({ text: 'first' });
    const done = session.sendUserMessage({ text: 'summary please' });
    // The stream waits at the widget's first update: the widget is there as it was added.
    await waitForState(session, (state) => state.items.some((item) => item.type === 'widget'));
    await vi.waitUntil(() => gate.requested > 0);
    expect(session.getState().items.find((item) => item.type === 'widget')).toEqual(added.item);
    session.newThread();
    gate.open();
    await done;
    expect(session.getState().items).toEqual([]);
    expect(session.getState().thread).toBeNull();
    expect(session.getState().error).toBeNull();
    expect(errors).toEqual([]);
    expect(changes).toEqual(['thr_0e93ac5d', null]);
  });
});
