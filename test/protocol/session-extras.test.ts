/**
 * The session's on-demand half (`session-extras.ts`): widget, workflow and image updates and history merging
 * load with the first event or request that needs them. These tests hold that module back (a mocked import
 * that waits for the test) to check that events still apply strictly in stream order
 * (session-extras-switch.test.ts: a thread switch while it loads).
 */
import { describe, expect, it, vi } from 'vitest';

import type { SessionState } from '../../src/protocol/session-types.js';
import type { WidgetItem } from '../../src/protocol/types.js';
import { openSse, sendJson, sendSse, writeEvents } from '../fixtures/sse/scripted-server.js';
import { loadSequence } from '../fixtures/examples.js';
import { waitForState } from '../support/session.js';
import { scriptedSessions } from '../support/scripted-session.js';

/** Holds the module's import until `gate.open()` (test/support/module-gate.ts). */
const gate = await vi.hoisted(async () => (await import('../support/module-gate.js')).moduleGate());
vi.mock('../../src/protocol/session-extras.js', (importOriginal) => gate.hold(importOriginal));

const open = scriptedSessions();
const created = loadSequence('threads.create');
const widget = loadSequence('threads.add_user_message.streamed_widget');

/** The streamed widget's summary text (`undefined` while the widget is not there). */
function summary(state: SessionState): string | undefined {
  const item = state.items.find((i): i is WidgetItem => i.type === 'widget');
  const find = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') return undefined;
    const n = node as { id?: string; value?: unknown; children?: unknown };
    if (n.id === 'summary') return n.value ?? '';
    const children = Array.isArray(n.children) ? n.children : [n.children];
    for (const child of children) {
      const hit = find(child);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  return item ? (find(item.widget) as string | undefined) : undefined;
}

describe('session: on-demand item updates', () => {
  it('waits for the updater at the first widget update and applies the rest in order', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { session } = await open(async (req, res) => {
      if (req.body.type === 'threads.create') return sendSse(res, created.events);
      if (req.body.type !== 'threads.add_user_message') return sendJson(res, {}, 500);
      openSse(res);
      // Everything up to and including the first widget update, then the rest once the test says so.
      const first = widget.events.findIndex((e: { type: string }) => e.type === 'thread.item.updated');
      writeEvents(res, widget.events.slice(0, first + 1));
      await held;
      writeEvents(res, widget.events.slice(first + 1));
      res.end();
    });
    await session.sendUserMessage({ text: 'first' });
    const seen: Array<string | undefined> = [];
    session.subscribe((state) => seen.push(summary(state)));
    const done = session.sendUserMessage({ text: 'summary please' });
    // The widget was added; its first update waits for the module, which was asked for.
    await waitForState(session, (state) => summary(state) !== undefined);
    await vi.waitUntil(() => gate.requested > 0);
    const before = summary(session.getState());
    release();
    gate.open();
    await done;
    const texts = seen.filter((text): text is string => text !== undefined);
    expect(texts[0]).toBe(before);
    // Each value the listeners saw grows the previous one (in stream order), ending at the done item's.
    for (let i = 1; i < texts.length; i++) expect(texts[i]!.startsWith(texts[i - 1]!)).toBe(true);
    const final = widget.events.at(-1) as { item: WidgetItem };
    expect(session.getState().items.at(-1)).toEqual(final.item);
    expect(session.getState().status).toBe('idle');
  });
});
