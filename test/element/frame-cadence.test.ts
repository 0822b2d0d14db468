/**
 * The render cadence of a streamed answer (src/element/controllers/frame-cadence.ts): notifications land on
 * an animation frame at least `interval` ms after the previous render; a timer stands in without frames.
 * Frames and timers are driven by hand, so nothing here depends on the machine's speed.
 */
import { expect } from '@open-wc/testing';
import { frameCadence, type FrameSource } from '../../src/element/controllers/frame-cadence.js';
import { describe, it } from '../support/mocha.js';

/** Frames and timers run by the test. */
function manualFrames() {
  let clock = 0;
  let nextHandle = 1;
  const frames = new Map<number, (time: number) => void>();
  const timers = new Map<number, () => void>();
  const source: FrameSource = {
    requestFrame: (callback) => (frames.set(nextHandle, callback), nextHandle++),
    cancelFrame: (handle) => void frames.delete(handle),
    setTimer: (callback) => (timers.set(nextHandle, callback), nextHandle++) as never,
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
    fireTimers(time: number) {
      clock = time;
      const due = [...timers.values()];
      timers.clear();
      for (const callback of due) callback();
    },
    get pendingFrames() {
      return frames.size;
    },
    get pendingTimers() {
      return timers.size;
    },
  };
}

describe('stream render cadence', () => {
  it('renders on the next frame, then skips frames closer than the interval to the last render', () => {
    const frames = manualFrames();
    const schedule = frameCadence(30, frames.source);
    const renders: number[] = [];
    schedule(() => renders.push(1));
    frames.frame(16.7);
    expect(renders).to.deep.equal([1]);
    schedule(() => renders.push(2));
    frames.frame(33.3); // 16.6 ms after the last render: skipped
    expect(renders).to.deep.equal([1]);
    expect(frames.pendingFrames).to.equal(1);
    frames.frame(50); // 33.3 ms after it
    expect(renders).to.deep.equal([1, 2]);
    expect(frames.pendingTimers).to.equal(0);
  });

  it('renders on every frame of a display that refreshes slower than the interval', () => {
    const frames = manualFrames();
    const schedule = frameCadence(30, frames.source);
    const renders: number[] = [];
    for (let i = 1; i <= 4; i++) {
      schedule(() => renders.push(i));
      frames.frame(i * 33.3);
    }
    expect(renders).to.deep.equal([1, 2, 3, 4]);
  });

  it('without frames (a hidden tab) the timer renders once; a late frame does not render again', () => {
    const frames = manualFrames();
    const schedule = frameCadence(30, frames.source);
    let renders = 0;
    schedule(() => renders++);
    frames.fireTimers(250);
    expect(renders).to.equal(1);
    expect(frames.pendingFrames).to.equal(0);
    frames.frame(260);
    expect(renders).to.equal(1);
    // The timer's render counts as the last one: a frame right after it waits.
    schedule(() => renders++);
    frames.frame(270);
    expect(renders).to.equal(1);
    frames.frame(290);
    expect(renders).to.equal(2);
  });
});
