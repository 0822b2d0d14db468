/**
 * Holds back a mocked module's import until the test opens the gate, to check what happens while code that
 * loads on demand is still on its way:
 *
 * ```ts
 * const gate = await vi.hoisted(async () => (await import('../support/module-gate.js')).moduleGate());
 * vi.mock('../../src/x.js', (importOriginal) => gate.hold(importOriginal));
 * ```
 *
 * Vitest loads a module once per test file, so a file gets one gate (one held scenario).
 */
export interface ModuleGate {
  /** How many times the module was asked for. */
  readonly requested: number;
  /** Lets the held import (and any later one) through. */
  open(): void;
  /** For the `vi.mock` factory: counts the request, waits for {@link open}, then imports the original. */
  hold<T>(importOriginal: () => Promise<T>): Promise<T>;
}

export function moduleGate(): ModuleGate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let requested = 0;
  return {
    get requested() {
      return requested;
    },
    open,
    async hold(importOriginal) {
      requested++;
      await opened;
      return importOriginal();
    },
  };
}
