/**
 * {@link delay}, re-exported by `time.ts`. Not in scheduler.ts, so that the drop-in file, which needs only the
 * scheduler, leaves it to the on-demand chunk of `resume()`'s polling loop (resume-poll.ts).
 *
 * @module
 */
import { systemScheduler, type Scheduler } from './scheduler.js';

/** Waits `ms` on `scheduler`; resolves `false` instead if `signal` aborts first (the timer is cancelled). */
export function delay(
  ms: number,
  signal?: AbortSignal,
  scheduler: Scheduler = systemScheduler,
): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      cancel();
      resolve(false);
    };
    const cancel = scheduler(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
