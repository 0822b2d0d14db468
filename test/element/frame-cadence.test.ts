/**
 * The render cadence of a streamed answer (src/element/controllers/frame-cadence.ts): a notification is taken
 * by an animation frame at least `interval` ms after the previous render and rendered in a task right after
 * that frame (the next frame paints it); a timer stands in without frames; the first after a quiet spell (a
 * send) renders in a task of its own. Frames and timers are driven by hand, so
 * nothing here depends on the machine's speed.
 */
import { expect } from '@open-wc/testing';
import { frameCadence, type FrameSource } from '../../src/element/controllers/frame-cadence.js';
import { describe, it } from '../support/mocha.js';

/** Frames and timers run by the test. */
function manualFrames() {
  let clock = 0;
  let nextHandle = 1;
  const frames = new Map<number, (time: number) => void>();
  const timers = new Map<number, { callback: () => void; ms: number }>();
  const delays: number[] = [];
  const source: FrameSource = {
    requestFrame: (callback) => (frames.set(nextHandle, callback), nextHandle++),
    cancelFrame: (handle) => void frames.delete(handle),
    setTimer: (callback, ms) =>
      (delays.push(ms), timers.set(nextHandle, { callback, ms }), nextHandle++) as never,
    clearTimer: (handle) => void timers.delete(handle as unknown as number),
    now: () => clock,
  };
  return {
    source,
    /** Runs the frame callbacks pending at `time` (as a display refresh does). */
    frame(time: number) {
      clock = time;
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback(time);
    },
    /** A frame, then the 0 ms tasks it queued (the render it took); longer timers stay pending. */
    frameThenTasks(time: number) {
      this.frame(time);
      this.fireTimers(time, 0);
    },
    /** Fires the pending timers (those of at most `upTo` ms). */
    fireTimers(time: number, upTo = Infinity) {
      clock = time;
      for (const [handle, { callback, ms }] of [...timers]) {
        if (ms > upTo || !timers.has(handle)) continue;
        timers.delete(handle);
        callback();
      }
    },
    get pendingFrames() {
      return frames.size;
    },
    get pendingTimers() {
      return timers.size;
    },
    /** The delay of each timer set, in order. */
    delays,
  };
}

/** A cadence whose first render (after the quiet spell every cadence starts with) already ran, at `at`. */
function afterFirstRender(at = 0) {
  const frames = manualFrames();
  const schedule = frameCadence(30, frames.source);
  schedule(() => undefined);
  frames.fireTimers(at);
  frames.delays.length = 0;
  return { frames, schedule };
}

describe('stream render cadence', () => {
  it('renders the first notification after a quiet spell in a task of its own, not on a frame', () => {
    const frames = manualFrames();
    const schedule = frameCadence(30, frames.source);
    const renders: number[] = [];
    schedule(() => renders.push(1));
    // A send: no frame is asked for (an overdue frame would run first and take the render with it).
    expect(frames.pendingFrames).to.equal(0);
    expect(frames.delays).to.deep.equal([0]);
    frames.fireTimers(1);
    expect(renders).to.deep.equal([1]);
    // Streaming on: frames again.
    schedule(() => renders.push(2));
    expect(frames.pendingFrames).to.equal(1);
    expect(frames.delays).to.deep.equal([0, 250]);
    frames.frameThenTasks(16.7); // 15.7 ms after the render: skipped
    expect(renders).to.deep.equal([1]);
    frames.frameThenTasks(33.3);
    expect(renders).to.deep.equal([1, 2]);
    expect(frames.pendingTimers).to.equal(0);
    // The answer ended long ago: the next send's first render is a task of its own again.
    frames.delays.length = 0;
    frames.frame(2000);
    schedule(() => renders.push(3));
    expect(frames.pendingFrames).to.equal(0);
    expect(frames.delays).to.deep.equal([0]);
    frames.fireTimers(2001);
    expect(renders).to.deep.equal([1, 2, 3]);
  });

  it('renders on the next frame, then skips frames closer than the interval to the last render', () => {
    const { frames, schedule } = afterFirstRender(0);
    const renders: number[] = [];
    schedule(() => renders.push(1));
    frames.frame(33.3);
    // The frame takes the render, but its JavaScript runs in a task right after the frame (the next frame
    // paints it), so a frame never holds both the render's script and its style, layout and paint.
    expect(renders).to.deep.equal([]);
    expect(frames.delays).to.deep.equal([250, 0]);
    frames.fireTimers(33.3);
    expect(renders).to.deep.equal([1]);
    schedule(() => renders.push(2));
    frames.frameThenTasks(50); // 16.7 ms after the last render: skipped
    expect(renders).to.deep.equal([1]);
    expect(frames.pendingFrames).to.equal(1);
    frames.frameThenTasks(66.7); // 33.4 ms after it
    expect(renders).to.deep.equal([1, 2]);
    expect(frames.pendingTimers).to.equal(0);
  });

  it('renders on every frame of a display that refreshes slower than the interval', () => {
    const { frames, schedule } = afterFirstRender(0);
    const renders: number[] = [];
    for (let i = 1; i <= 4; i++) {
      schedule(() => renders.push(i));
      frames.frameThenTasks(i * 33.3);
    }
    expect(renders).to.deep.equal([1, 2, 3, 4]);
  });

  it('without frames (a hidden tab) the timer renders once; a late frame does not render again', () => {
    const { frames, schedule } = afterFirstRender(0);
    let renders = 0;
    frames.frame(100); // frames stop (the tab is hidden)
    schedule(() => renders++);
    expect(frames.delays).to.deep.equal([250]);
    frames.fireTimers(250);
    expect(renders).to.equal(1);
    expect(frames.pendingFrames).to.equal(0);
    frames.frameThenTasks(260);
    expect(renders).to.equal(1);
    // The timer's render counts as the last one: a frame right after it waits.
    schedule(() => renders++);
    frames.frameThenTasks(270);
    expect(renders).to.equal(1);
    frames.frameThenTasks(290);
    expect(renders).to.equal(2);
  });
});
