/**
 * The per-delta path of a streamed answer: however many deltas arrive between two frames, the element renders
 * once, and a frame that only brings more text renders the thread alone (not the root, header or composer).
 * Frames are stood in for by a notification scheduler the test runs by hand.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { streamedAnswer } from '../support/in-page-chatkit.js';
import { describe, it } from '../support/mocha.js';
import { deep, deepText, mount, sendAndWait, settle, until } from './helpers.js';
import type { ChatSession } from '../../src/protocol/session-types.js';
import type { AssistantMessageItem } from '../../src/protocol/types.js';

/** Counts the Lit renders (`update` calls, skipped when `shouldUpdate` says no) of one element. */
function countRenders(element: Element | null): { count: number } {
  const counter = { count: 0 };
  const target = element as unknown as { update(changed: unknown): void };
  const update = target.update.bind(target);
  target.update = (changed) => {
    counter.count++;
    update(changed);
  };
  return counter;
}

/** The answer's deltas: `w0 `, `w1 `, … one word each. */
const wordDeltas = (count: number) => Array.from({ length: count }, (_, i) => `w${i} `);

describe('streamed answer rendering', () => {
  it('renders a burst of deltas once, the thread alone, with events in order', async () => {
    const { el, server } = await mount();
    const ticks: Array<() => void> = [];
    const sessions = (el as unknown as { sessions: { notifyScheduler: unknown; session: ChatSession } })
      .sessions;
    sessions.notifyScheduler = (notify: () => void) => void ticks.push(notify);
    await sendAndWait(el, 'first');
    // That answer was published when it ended; its ticks have nothing left to do.
    ticks.length = 0;
    const runTick = async () => {
      expect(ticks.length).to.equal(1);
      ticks.splice(0)[0]!();
      await settle(el);
    };
    const answer = () => {
      const last = sessions.session.getState().items.at(-1);
      return last?.type === 'assistant_message' ? (last as AssistantMessageItem).content[0]?.text : '';
    };
    server.script = (ctx) => streamedAnswer(ctx, wordDeltas(400));
    const events: string[] = [];
    for (const type of ['chatkit.response.start', 'chatkit.response.end', 'chatkit.thread.change'])
      el.addEventListener(type, () => events.push(type));
    const ended = oneEvent(el, 'chatkit.response.end');
    const shown = () => deepText(deep(el, 'chatkit-thread'));

    // ~95 deltas arrive, then the stream is held: nothing reaches the view until the one pending tick.
    server.hold(100);
    void el.sendUserMessage('second');
    await until(() => answer()?.includes('w90 '), 'first burst received');
    expect(events).to.deep.equal(['chatkit.response.start']);
    expect(shown()).to.not.include('w0 ');
    await runTick();
    await until(() => shown().includes('w90 '), 'first burst shown');

    // Another ~200 deltas: text only, so only the thread renders, once.
    const renders = {
      root: countRenders(el),
      header: countRenders(deep(el, 'chatkit-header')),
      composer: countRenders(deep(el, 'chatkit-composer')),
      thread: countRenders(deep(el, 'chatkit-thread')),
    };
    server.release();
    server.hold(300);
    await until(() => answer()?.includes('w290 '), 'second burst received');
    expect(renders.thread.count).to.equal(0);
    await runTick();
    expect(renders.thread.count).to.equal(1);
    expect(renders.root.count).to.equal(0);
    expect(renders.header.count).to.equal(0);
    expect(renders.composer.count).to.equal(0);
    await until(() => shown().includes('w290 '), 'second burst shown');

    // The end of the stream needs no tick: the whole answer, then `chatkit.response.end`.
    server.release();
    await ended;
    await settle(el);
    expect(events).to.deep.equal(['chatkit.response.start', 'chatkit.response.end']);
    expect(renders.composer.count).to.be.greaterThan(0);
    await until(() => shown().includes('w399 '), 'whole answer shown');
  });
});
