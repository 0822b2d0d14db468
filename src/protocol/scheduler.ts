/**
 * Waiting that tests can drive: the {@link Scheduler} type and the real one (`delay` is in delay.ts). Re-exported by
 * `time.ts`; a module of its own so that what imports only these (the client session) does not bring the
 * timestamp parsers along.
 *
 * @module
 */

/**
 * Runs `callback` once after `ms` milliseconds and returns a function that cancels it. Everything that waits
 * (resume polling, back-off, clean-up grace periods) takes one, so tests drive time instead of sleeping.
 */
export type Scheduler = (callback: () => void, ms: number) => () => void;

/** The real scheduler: `setTimeout`. */
export const systemScheduler: Scheduler = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};
