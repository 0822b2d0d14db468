/**
 * Waiting on conditions in browser tests. Prefer an event or a promise (`updateComplete`, `oneEvent`);
 * `until` is for state that announces nothing (a lazily imported chunk, layout), and checks it on every
 * task turn. It is never a sleep: it returns as soon as the condition holds. The time limit only turns a
 * hang into a readable failure: it sits just under mocha's 30 s timeout (web-test-runner.config.mjs), so a
 * slow machine is not a failure. (It was 8 s: at load average 24 on 2 cores, a 1,500-paragraph answer
 * rendered a window per frame took longer than that and failed a full run.)
 */

/** Waits until `predicate` returns a truthy value; fails with `message` after `timeoutMs`. */
export async function until(
  predicate: () => unknown,
  message = 'condition not met',
  timeoutMs = 25_000,
): Promise<void> {
  // Why timers and not animation frames: test pages run in background tabs, where frames do not fire.
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`until: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Resolves once the browser has dispatched the load/error events of images rendered so far: a probe
 * image's error event is queued behind theirs, then one more task turn lets events queued beside it run.
 */
export async function imagesSettled(): Promise<void> {
  await new Promise<void>((resolve) => {
    const probe = new Image();
    probe.onerror = () => resolve();
    probe.onload = () => resolve();
    probe.src = 'data:,';
  });
  await new Promise<void>((resolve) => setTimeout(resolve));
}
