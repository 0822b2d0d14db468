/**
 * The response phase of every streaming request (PROTOCOL.md §8.1, §8.3, §8.8, §8.9): emit `stream_options`,
 * relay the responder's events while persisting them, announce thread changes, turn exceptions into one
 * `error` event, and clean up after a cancellation.
 *
 * @module
 */
import { applyItemUpdate } from '../../src/protocol/apply-update.js';
import { delay, type Scheduler } from '../../src/protocol/time.js';
import type {
  StreamOptions,
  ThreadItem,
  ThreadItemUpdate,
  ThreadMetadata,
  ThreadStreamEvent,
} from '../../src/protocol/types.js';
import { isHiddenItem } from '../../src/protocol/types.js';
import { toWire } from '../../src/protocol/wire.js';
import { cloneRecord, isWireReady, plainCopy, samePlain, wireReadyCopy } from './clone.js';
import type { RequestContext, Store } from '../stores/store.js';
import { NotFoundError } from '../stores/store.js';
import { CustomStreamError, StreamError } from './errors.js';
import type { AbortListener, LazyAbort } from './lazy-abort.js';
import { RELAY, type EventSink, type Relayable } from './relay.js';
import type { ChatKitLogger } from './types.js';

/** What the response phase needs from the server. */
export interface ResponsePhaseHost<C extends RequestContext> {
  readonly store: Store<C>;
  readonly logger: ChatKitLogger;
  /** Schedules the clean-up grace period after a cancel (default `setTimeout`). */
  readonly scheduler?: Scheduler;
  getStreamOptions(thread: ThreadMetadata, context: C): StreamOptions | Promise<StreamOptions>;
  handleStreamCancelled(thread: ThreadMetadata, pendingItems: ThreadItem[], context: C): Promise<void>;
  /** Told when a cancelled stream starts its clean-up; `done` settles when the partial answer is stored. */
  cleanupStarted?(threadId: string, done: Promise<void>): void;
}

/** One response phase: the thread, the caller, the responder's events and the abort state that cancels them. */
export interface ResponsePhase<C extends RequestContext> {
  thread: ThreadMetadata;
  context: C;
  abort: LazyAbort;
  /** Called once, when the phase starts; its events are relayed. */
  produce: () => AsyncIterable<ThreadStreamEvent>;
  /**
   * Where events go once set (see relay.ts): written to it instead of yielded. Read at every event, so a
   * consumer can switch to it while the phase runs.
   */
  sink?: EventSink<ThreadStreamEvent>;
}

const ABORTED = Symbol('aborted');

const TEXT_DELTA = 'assistant_message.content_part.text_delta';

// How long a cancelled responder gets to run its own `finally` blocks before clean-up goes ahead without it.
const RETURN_GRACE_MS = 1_000;

/** The thread fields whose change is announced with `thread.updated` (private metadata included). */
function threadFields(thread: ThreadMetadata): unknown[] {
  return [thread.title ?? null, thread.status, thread.allowed_image_domains ?? null, thread.metadata];
}

/**
 * The saved state of those fields: their JSON text (what decides a change) and, when they are plain data, a
 * copy that {@link unchangedSince} compares member by member, which is much cheaper than serializing them
 * again after every event.
 */
interface ThreadSnapshot {
  text: string;
  copy: unknown[] | undefined;
}

function threadSnapshot(thread: ThreadMetadata): ThreadSnapshot {
  const fields = threadFields(thread);
  return { text: JSON.stringify(fields), copy: plainCopy(fields)?.value as unknown[] | undefined };
}

/** Whether the thread's fields still serialize to the snapshot's text (checked without serializing first). */
function unchangedSince(thread: ThreadMetadata, snapshot: ThreadSnapshot): boolean {
  const { copy } = snapshot;
  if (
    copy !== undefined &&
    samePlain(thread.title ?? null, copy[0]) &&
    samePlain(thread.status, copy[1]) &&
    samePlain(thread.allowed_image_domains ?? null, copy[2]) &&
    samePlain(thread.metadata, copy[3])
  )
    return true;
  return JSON.stringify(threadFields(thread)) === snapshot.text;
}

/**
 * `next(iterator)` resolves with the iterator's next result, or with {@link ABORTED} as soon as `abort`
 * aborts. One abort listener serves every call of a phase (adding and removing a listener per event was a
 * measurable share of a streamed turn); `release()` removes it.
 */
function abortableNext<T>(abort: LazyAbort): AbortableNext<T> {
  return new AbortableNext<T>(abort);
}

/** See {@link abortableNext}: one object, which is also the abort listener (no closure per phase). */
class AbortableNext<T> implements AbortListener {
  private wake: ((value: typeof ABORTED) => void) | null = null;
  private readonly abort: LazyAbort;

  constructor(abort: LazyAbort) {
    this.abort = abort;
    if (!abort.aborted) abort.listen(this);
  }

  handleEvent(): void {
    this.wake?.(ABORTED);
  }

  next(iterator: AsyncIterator<T>): Promise<IteratorResult<T> | typeof ABORTED> {
    if (this.abort.aborted) return Promise.resolve(ABORTED);
    return new Promise((resolve, reject) => {
      this.wake = resolve;
      iterator.next().then(resolve, reject);
    });
  }

  release(): void {
    this.abort.unlisten(this);
  }
}

/**
 * Whether an event is a text delta made only of its three wire members, all of JSON-safe primitive types:
 * then it already is its own wire form, and the deep copy of `toWire` (the bulk of a streamed answer's
 * events) is skipped. The event is only serialized afterwards, never stored or mutated.
 */
function isPlainTextDelta(event: ThreadStreamEvent): boolean {
  if (event.type !== 'thread.item.updated' || typeof event.item_id !== 'string') return false;
  const update = event.update as unknown as Record<string, unknown>;
  if (
    update.type !== 'assistant_message.content_part.text_delta' ||
    typeof update.delta !== 'string' ||
    typeof update.content_index !== 'number'
  )
    return false;
  let members = 0;
  for (const key in event) if (Object.hasOwn(event, key)) members++;
  let updateMembers = 0;
  for (const key in update) if (Object.hasOwn(update, key)) updateMembers++;
  return members === 3 && updateMembers === 3;
}

/**
 * Applies a text delta to a pending item in place when it addresses an existing text part: the same result as
 * `applyItemUpdate` without copying the item and its content per delta. Only parts the response phase owns
 * (`owned`, the phase's own list: cloned when the item was added, or made by an earlier copy) are changed,
 * never an object a responder handed over and may still hold. Returns false for every other update, which then goes through
 * `applyItemUpdate`.
 */
function appendTextInPlace(item: ThreadItem, update: ThreadItemUpdate, owned: readonly object[]): boolean {
  if (update.type !== TEXT_DELTA || item.type !== 'assistant_message') return false;
  const index = update.content_index;
  const content = item.content;
  if (!Array.isArray(content) || !Number.isInteger(index) || index < 0 || index >= content.length)
    return false;
  const part = content[index];
  if (
    typeof part !== 'object' ||
    part === null ||
    owned.lastIndexOf(part) < 0 || // from the end: the part being streamed is nearly always the last one
    typeof part.text !== 'string'
  )
    return false;
  if (update.delta !== '') part.text += update.delta;
  return true;
}

/** Asks a responder to finish (`return()`); never throws, and the returned promise never rejects. */
function settle(iterator: AsyncIterator<ThreadStreamEvent> | undefined): Promise<unknown> | undefined {
  try {
    return iterator?.return?.()?.then(
      () => undefined,
      () => undefined,
    );
  } catch {
    return undefined;
  }
}

/** The `error` event an exception becomes (§8.9). */
export function errorEventFor(error: unknown, logger: ChatKitLogger): ThreadStreamEvent {
  if (error instanceof CustomStreamError) {
    return { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry };
  }
  if (error instanceof StreamError) return { type: 'error', code: error.code, allow_retry: error.allowRetry };
  logger.error({ err: error }, 'chatkit: responder failed');
  return { type: 'error', code: 'stream.error', allow_retry: true };
}

/**
 * The per-phase state and store effects of {@link runResponsePhase}, as methods of one object rather than a
 * closure each (a held stream keeps this one object instead of six closures and a larger context).
 */
class PhaseEffects<C extends RequestContext> {
  readonly pending = new Map<string, ThreadItem>();
  /**
   * Content parts of pending items that only this phase references (see appendTextInPlace): a few per phase
   * (one per text part added or copied), so a list. (It was one WeakMap for all phases: an ephemeron per part,
   * which every scavenge of a busy server had to process.)
   */
  readonly ownedParts: object[] = [];
  saved: ThreadSnapshot;
  readonly store: ResponsePhaseHost<C>['store'];

  constructor(
    readonly host: ResponsePhaseHost<C>,
    readonly thread: ThreadMetadata,
    readonly context: C,
  ) {
    this.store = host.store;
    this.saved = threadSnapshot(thread);
  }

  /**
   * Saves the thread when a responder changed it; returns the `thread.updated` event to relay. Synchronous
   * (no promise, no extra turn of the microtask queue) when nothing changed, which is nearly every event.
   */
  threadChange(): ThreadStreamEvent | undefined | Promise<ThreadStreamEvent | undefined> {
    if (unchangedSince(this.thread, this.saved)) return undefined;
    return this.saveThreadChange(threadSnapshot(this.thread));
  }

  async saveThreadChange(current: ThreadSnapshot): Promise<ThreadStreamEvent> {
    const { thread } = this;
    await this.store.saveThread(thread, this.context);
    this.saved = current;
    return toWire({ type: 'thread.updated', thread: { ...thread, items: { data: [], has_more: false } } });
  }

  /**
   * Applies the store effect of one event (§8.1); returns whether the event is relayed. Events of pending
   * items (the deltas of a streamed answer) only change the in-memory copy and return synchronously, without
   * a promise per delta; store writes return a promise that settles once the store acknowledged them.
   */
  persist(event: ThreadStreamEvent): boolean | Promise<boolean> {
    const { pending } = this;
    switch (event.type) {
      case 'thread.item.added': {
        const item = cloneRecord(event.item);
        if (item.type === 'assistant_message' && Array.isArray(item.content))
          for (const part of item.content)
            if (typeof part === 'object' && part !== null) this.ownedParts.push(part);
        pending.set(item.id, item);
        return true;
      }
      case 'thread.item.updated': {
        const local = pending.get(event.item_id);
        if (!local) return this.persistToStore(event);
        const { update } = event;
        if (appendTextInPlace(local, update, this.ownedParts)) return true;
        const next = applyItemUpdate(local, update);
        pending.set(event.item_id, next);
        // A text delta applied by copy made a new part of our own: the next deltas can extend it in place.
        if (next !== local && next.type === 'assistant_message' && update.type === TEXT_DELTA)
          this.ownedParts.push(next.content[update.content_index]!);
        return true;
      }
      case 'thread.item.done':
      case 'thread.item.replaced':
      case 'thread.item.removed':
        return this.persistToStore(event);
      default:
        return true;
    }
  }

  async persistToStore(event: ThreadStreamEvent): Promise<boolean> {
    const { store, thread, context, pending } = this;
    switch (event.type) {
      case 'thread.item.updated':
        await this.persistStoredUpdate(event.item_id, event);
        return true;
      case 'thread.item.done':
        // saveItem, not addThreadItem: an item stored earlier (e.g. an open workflow) keeps its position.
        await store.saveItem(thread.id, event.item, context);
        pending.delete(event.item.id);
        return !isHiddenItem(event.item);
      case 'thread.item.replaced':
        await store.saveItem(thread.id, event.item, context);
        pending.delete(event.item.id);
        return true;
      case 'thread.item.removed':
        await store.deleteThreadItem(thread.id, event.item_id, context);
        pending.delete(event.item_id);
        return true;
      default:
        return true;
    }
  }

  // Deliberate difference from the reference server: updates to stored items are persisted (§8.1 SHOULD),
  // so a widget updated by an action does not revert on reload.
  async persistStoredUpdate(
    itemId: string,
    event: ThreadStreamEvent & { type: 'thread.item.updated' },
  ): Promise<void> {
    const { store, thread, context } = this;
    let stored: ThreadItem;
    try {
      stored = await store.loadItem(thread.id, itemId, context);
    } catch (error) {
      if (error instanceof NotFoundError) {
        this.host.logger.debug(
          { itemId },
          'chatkit: update for an unknown item is relayed but not persisted',
        );
        return;
      }
      throw error;
    }
    const next = applyItemUpdate(stored, event.update);
    if (next !== stored) await store.saveItem(thread.id, next, context);
  }

  /** The clean-up of a cancelled phase: the responder's `return()`, `handleStreamCancelled`, the thread. */
  async cancel(iterator: AsyncIterator<ThreadStreamEvent> | undefined): Promise<void> {
    const { host, thread, context } = this;
    try {
      const returned = settle(iterator);
      if (returned) {
        const done = new AbortController();
        const grace = delay(RETURN_GRACE_MS, done.signal, host.scheduler);
        await Promise.race([returned, grace]);
        done.abort(); // cancels the grace timer when the responder returned in time
      }
      await host.handleStreamCancelled(thread, [...this.pending.values()], context);
      if (!unchangedSince(thread, this.saved)) await this.store.saveThread(thread, context);
    } catch (error) {
      host.logger.error({ err: error }, 'chatkit: clean-up after a cancelled stream failed');
    }
  }
}

/**
 * A response phase as the tail of a cancellable stream: iterable once (it runs {@link runResponsePhase}), and
 * relayable (relay.ts): a sink given before or while it runs receives its events from then on.
 */
export class ResponsePhaseTail<C extends RequestContext>
  implements AsyncIterable<ThreadStreamEvent>, Relayable<ThreadStreamEvent>
{
  constructor(
    private readonly host: ResponsePhaseHost<C>,
    private readonly phase: ResponsePhase<C>,
  ) {}

  [RELAY](sink: EventSink<ThreadStreamEvent>): void {
    this.phase.sink = sink;
  }

  [Symbol.asyncIterator](): AsyncGenerator<ThreadStreamEvent, void, undefined> {
    return runResponsePhase(this.host, this.phase);
  }
}

/**
 * Runs a response phase as an async generator of wire events. Ends normally after the responder finishes or
 * fails; when `abort` aborts or the consumer calls `return()`, stops pulling from the responder, calls its
 * `return()`, and runs `handleStreamCancelled` with the pending items.
 *
 * With a sink (`phase.sink`, see relay.ts) every event from then on is written to it rather than yielded: the
 * generator then runs through the whole phase within one `next()` of its consumer, waiting only for the
 * responder, the store and the sink's backpressure, and the same abort ends it (the sink's consumer aborts
 * when its client leaves). A relayed event is not copied first: the sink is done with it when `write`
 * returns, before the responder runs again; what `toWire` would change (null members, private metadata)
 * still goes through `toWire`.
 */
export async function* runResponsePhase<C extends RequestContext>(
  host: ResponsePhaseHost<C>,
  phase: ResponsePhase<C>,
): AsyncGenerator<ThreadStreamEvent, void, undefined> {
  const { thread, context, abort } = phase;
  const effects = new PhaseEffects(host, thread, context);
  let iterator: AsyncIterator<ThreadStreamEvent> | undefined;
  let finished = false;

  const nextOrAbort = abortableNext<ThreadStreamEvent>(abort);
  try {
    let options: StreamOptions;
    try {
      options = await host.getStreamOptions(thread, context);
    } catch (error) {
      finished = true;
      const failed = errorEventFor(error, host.logger);
      if (phase.sink) await phase.sink.write(failed);
      else yield failed;
      return;
    }
    const streamOptions: ThreadStreamEvent = {
      type: 'stream_options',
      stream_options: { allow_cancel: options.allow_cancel },
    };
    // A boolean, as the type says, is already the wire form; anything else goes through toWire as it did.
    // Once per phase, and rare below (errors, thread changes): `await` of a sink's `undefined` is one extra
    // microtask job; the relayed events in the loop skip it.
    const wire = typeof options.allow_cancel === 'boolean' ? streamOptions : toWire(streamOptions);
    if (phase.sink) await phase.sink.write(wire);
    else yield wire;
    while (!abort.aborted) {
      let event: ThreadStreamEvent;
      let relay: boolean;
      try {
        iterator ??= phase.produce()[Symbol.asyncIterator]();
        const result = await nextOrAbort.next(iterator);
        if (result === ABORTED) break;
        if (result.done) {
          finished = true;
          break;
        }
        event = result.value;
        const persisted = effects.persist(event);
        relay = typeof persisted === 'boolean' ? persisted : await persisted;
      } catch (error) {
        if (abort.aborted) break; // The responder failed because it was cancelled: clean up as a cancel.
        // After an exception pending items are not saved (unlike a cancel), but thread changes still are.
        finished = true;
        // A store failure leaves the responder suspended at a yield: let it run its finally blocks.
        settle(iterator);
        const failed = errorEventFor(error, host.logger);
        if (phase.sink) await phase.sink.write(failed);
        else yield failed;
        break;
      }
      if (abort.aborted) break;
      if (relay) {
        const { sink } = phase;
        if (sink) {
          const waiting = sink.write(isPlainTextDelta(event) || isWireReady(event) ? event : toWire(event));
          if (waiting) {
            await waiting;
            if (abort.aborted) break;
          }
        } else yield isPlainTextDelta(event) ? event : (wireReadyCopy(event) ?? toWire(event));
      }
      const change = effects.threadChange();
      const update = change instanceof Promise ? await change : change;
      if (update) {
        if (phase.sink) await phase.sink.write(update);
        else yield update;
      }
    }
    if (finished) {
      const update = await effects.threadChange();
      if (update) {
        if (phase.sink) await phase.sink.write(update);
        else yield update;
      }
    }
  } finally {
    nextOrAbort.release();
    if (!finished) {
      const done = effects.cancel(iterator);
      host.cleanupStarted?.(thread.id, done);
      await done;
    }
  }
}
