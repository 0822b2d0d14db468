/**
 * A {@link Scheduler} that tests drive: timers fire when the test says so, never by the wall clock, so a
 * loaded machine cannot reorder them. DOM-free: used by the node suites and in the browser.
 */
import type { Clock, Scheduler } from '../../src/protocol/time.js';

interface Timer {
  at: number;
  ms: number;
  seq: number;
  callback: () => void;
}

export class ManualScheduler {
  /** The virtual time in milliseconds; advanced only by {@link fireNext} and {@link advance}. */
  now = 0;
  /** Every delay ever scheduled, in order (cancelled ones included). */
  readonly delays: number[] = [];
  private timers: Timer[] = [];
  private seq = 0;
  private waiters: Array<() => void> = [];

  /**
   * @param auto Fire every timer as soon as it is scheduled (on the next microtask), advancing virtual time:
   *   for tests that only care about the delays asked for, not about what happens in between.
   */
  constructor(private readonly auto = false) {}

  /** The scheduler to inject. */
  readonly schedule: Scheduler = (callback, ms) => {
    const timer: Timer = { at: this.now + ms, ms, seq: this.seq++, callback };
    this.timers.push(timer);
    this.delays.push(ms);
    for (const wake of this.waiters.splice(0)) wake();
    if (this.auto) queueMicrotask(() => this.fire(timer));
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };

  /** A clock reading the virtual time (epoch 0). */
  readonly clock: Clock = () => this.now;

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Resolves once at least one timer is pending (at once if one already is). */
  whenPending(): Promise<void> {
    if (this.timers.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Waits for a timer to be scheduled, then fires the earliest one; returns the delay it was set with. */
  async fireNext(): Promise<number> {
    await this.whenPending();
    const next = [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0]!;
    this.fire(next);
    return next.ms;
  }

  /** Advances virtual time by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.fire(due);
    }
    this.now = target;
  }

  private fire(timer: Timer): void {
    if (!this.timers.includes(timer)) return;
    this.timers = this.timers.filter((t) => t !== timer);
    this.now = Math.max(this.now, timer.at);
    timer.callback();
  }
}
