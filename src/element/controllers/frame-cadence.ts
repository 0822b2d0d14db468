/**
 * When a streamed answer's notifications reach the view: at most one render per `interval` ms, always on an
 * animation frame.
 *
 * Why every other frame (about 30 renders a second at 60 Hz, every frame on a 30 Hz display): streamed text
 * gets no easier to read at 60 updates a second, while each render of the growing answer costs a style,
 * layout and paint pass of its own; profiles of a 16.7 KB answer had painting at 57–77 % of the element's
 * main-thread time. A frame that comes sooner than `interval` after the last render waits for the next one;
 * a timer stands in where frames do not run (hidden tab), so the answer still lands.
 *
 * @internal
 * @module
 */

/** Where frames and timers come from (injectable for tests). */
export interface FrameSource {
  requestFrame(callback: (time: number) => void): number;
  cancelFrame(handle: number): void;
  setTimer(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimer(handle: ReturnType<typeof setTimeout>): void;
  now(): number;
}

const browserFrames: FrameSource = {
  requestFrame: (callback) => requestAnimationFrame(callback),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle),
  now: () => performance.now(),
};

/** Frames closer than this to the previous render are skipped (a 60 Hz frame is 16.7 ms; 2 ms of jitter). */
export const STREAM_RENDER_INTERVAL_MS = 30;
/** Without frames (hidden tab), a notification still lands after this long. */
const HIDDEN_FALLBACK_MS = 250;

/** Returns a scheduler for `scheduleNotify` with its own memory of the last render. */
export function frameCadence(
  interval = STREAM_RENDER_INTERVAL_MS,
  frames: FrameSource = browserFrames,
): (fn: () => void) => void {
  let last = -Infinity;
  return (fn) => {
    let done = false;
    let frame = 0;
    const run = (time: number) => {
      if (done) return;
      done = true;
      frames.cancelFrame(frame);
      frames.clearTimer(timer);
      last = time;
      fn();
    };
    const onFrame = (time: number) => {
      if (time - last < interval) frame = frames.requestFrame(onFrame);
      else run(time);
    };
    frame = frames.requestFrame(onFrame);
    const timer = frames.setTimer(() => run(frames.now()), HIDDEN_FALLBACK_MS);
  };
}
