/**
 * Throttled polite live-region announcements. Finished answers are announced once, and a burst of answers
 * (several items finishing together) collapses into the newest one so screen readers are not flooded.
 *
 * @module
 */

/** Announces text through a polite live region the caller renders (`aria-live="polite"`). */
export class Announcer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pendingText = '';
  private lastAt = 0;

  /**
   * @param write puts text into the live region (the element re-renders it).
   * @param intervalMs the minimum time between two announcements.
   */
  constructor(
    private readonly write: (text: string) => void,
    private readonly intervalMs = 1500,
  ) {}

  /** Queues an announcement; the newest text wins within one interval. */
  announce(text: string): void {
    this.pendingText = text.length > 300 ? `${text.slice(0, 297)}…` : text;
    if (this.timer) return;
    const wait = Math.max(0, this.lastAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    this.lastAt = Date.now();
    // Clearing first makes a repeated identical text count as a change for assistive technology.
    this.write('');
    const text = this.pendingText;
    queueMicrotask(() => this.write(text));
  }

  /** Stops any pending announcement. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
