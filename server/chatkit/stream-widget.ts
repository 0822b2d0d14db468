/**
 * Streaming a widget item (PROTOCOL.md §7.7): a static widget is one `thread.item.done`; successive versions
 * are `thread.item.added`, the diffs of {@link diffWidget}, then `thread.item.done` with the last version.
 *
 * @module
 */
import { defaultGenerateId } from '../../src/protocol/ids.js';
import { formatTimestamp, systemClock } from '../../src/protocol/time.js';
import type { ThreadStreamEvent, WidgetItem, WidgetRoot } from '../../src/protocol/types.js';
import { diffWidget } from './diff-widget.js';
import type { StreamWidgetOptions } from './types.js';

function isAsyncIterable(value: unknown): value is AsyncIterable<WidgetRoot> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Yields the events of one widget item. `widget` is either a root or an async iterable of successive full
 * versions (each version is copied, so a producer may mutate and re-yield the same object).
 */
export async function* streamWidget(
  thread: { id: string },
  widget: WidgetRoot | AsyncIterable<WidgetRoot>,
  options: StreamWidgetOptions = {},
): AsyncGenerator<ThreadStreamEvent, void, undefined> {
  const item = (root: WidgetRoot): WidgetItem => {
    const built: WidgetItem = {
      id,
      thread_id: thread.id,
      created_at: createdAt,
      type: 'widget',
      widget: root,
    };
    if (options.copyText != null) built.copy_text = options.copyText;
    return built;
  };
  const id = options.id ?? (options.generateId ?? defaultGenerateId)('message');
  const createdAt = options.createdAt ?? formatTimestamp((options.clock ?? systemClock)());
  if (!isAsyncIterable(widget)) {
    yield { type: 'thread.item.done', item: item(structuredClone(widget)) };
    return;
  }
  let last: WidgetRoot | undefined;
  for await (const version of widget) {
    const current = structuredClone(version);
    if (last === undefined) {
      yield { type: 'thread.item.added', item: item(current) };
    } else {
      for (const update of diffWidget(last, current))
        yield { type: 'thread.item.updated', item_id: id, update };
    }
    last = current;
  }
  if (last !== undefined) yield { type: 'thread.item.done', item: item(last) };
}
