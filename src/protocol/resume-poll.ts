/**
 * `resume()`'s polling loop (on demand, in `session-extras.ts`: only a page reloaded while an answer was
 * streaming runs it). The session takes the state the loop must still find before it waits for this module.
 *
 * @internal
 * @module
 */
import { delay } from './delay.js';
import type { Scheduler } from './scheduler.js';
import type { ResumeOptions } from './session-types.js';

/**
 * Polls while `stillWaiting()` holds, backing off: the answer usually lands within seconds, and a server that
 * cancelled the turn when the page went away (chatkit-python does) will never store one, so a long steady poll
 * only adds load. `stillWaiting` is checked again after every wait.
 */
export async function pollUntilAnswered(
  { intervalMs = 1000, maxIntervalMs = 8000, maxAttempts = 6 }: ResumeOptions,
  scope: AbortSignal,
  scheduler: Scheduler,
  stillWaiting: () => boolean,
  poll: () => Promise<void>,
): Promise<void> {
  let wait = intervalMs;
  for (let attempt = 0; attempt < maxAttempts && stillWaiting(); attempt++) {
    if (!(await delay(wait, scope, scheduler)) || !stillWaiting()) return;
    await poll();
    wait = Math.min(wait * 2, maxIntervalMs);
  }
}
