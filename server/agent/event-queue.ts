/**
 * A small async queue: tools running concurrently push stream events; the runner yields them in arrival
 * order until the queue is closed.
 *
 * @module
 */

/** An unbounded single-consumer async queue. */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: (() => void) | null = null;
  private closed = false;

  /** Adds an item; ignored after {@link close}. */
  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  /** Ends iteration once the buffered items are consumed. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}
