/**
 * When a streamed answer's notifications reach the view: at most one render per `interval` ms, taken by an
 * animation frame and run in a task right after it (the next frame paints it); the first after a quiet spell
 * (a send: the thread's first render) in a task of its own.
 *
 * Why every other frame (about 30 renders a second at 60 Hz, every frame on a 30 Hz display): streamed text
 * gets no easier to read at 60 updates a second, while each render of the growing answer costs a style,
 * layout and paint pass of its own; profiles of a 16.7 KB answer had painting at 57–77 % of the element's
 * main-thread time. A frame that comes sooner than `interval` after the last render waits for the next one;
 * a timer stands in where frames do not run (hidden tab), so the answer still lands.
 *
 * Why the first render after a quiet spell runs in a task (a 0 ms timer) and not on the frame: it is the
 * thread's first render after a send (templates, style sheets, the code's first calls: 12–20 ms of CPU). On
 * the frame it shared one task with that frame's style, layout and paint and, when the answer starts at once,
 * with the answer's first text: one task of over 50 ms on a loaded machine. In a task of its own it is
 * painted by the next frame all the same, and that frame renders only what arrived meanwhile. The timer
 * alone, no frame: an overdue frame runs before a timer, and would take it all again.
 *
 * Why the frames' renders also run in a task after the frame (round p15): a render's script (the markdown
 * catch-up, Lit's update, 3–6 ms) and the frame's style, layout and paint (6–10 ms) were one task; apart, each
 * is half of it. Traces of a 64 KB answer had tasks over 12 ms of CPU fall from 14–22 to 5 per answer. The
 * render is painted one frame later (16 ms), which nobody sees in streamed text; the cadence stays counted
 * from the frames.
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
/** A notification this long after the last render starts a new burst (a send): rendered in a task of its own. */
const QUIET_SPELL_MS = 250;

/** Returns a scheduler for `scheduleNotify` with its own memory of the last render. */
export function frameCadence(
  interval = STREAM_RENDER_INTERVAL_MS,
  frames: FrameSource = browserFrames,
): (fn: () => void) => void {
  let last = -Infinity;
  return (fn) => {
    let frame = 0;
    // Whichever comes first, the frame or the timer, cancels the other: one render per notification.
    const run = (time: number) => {
      frames.cancelFrame(frame);
      frames.clearTimer(timer);
      last = time;
      fn();
    };
    const onFrame = (time: number) => {
      if (time - last < interval) frame = frames.requestFrame(onFrame);
      else {
        // The render's JavaScript in a task right after this frame; the next frame only styles, lays out and
        // paints it. Counted from this frame, so the cadence stays frame-aligned.
        frames.clearTimer(timer);
        last = time;
        timer = frames.setTimer(() => run(time), 0);
      }
    };
    const wait = frames.now() - last > QUIET_SPELL_MS ? 0 : HIDDEN_FALLBACK_MS;
    if (wait) frame = frames.requestFrame(onFrame);
    let timer = frames.setTimer(() => run(frames.now()), wait);
  };
}
