/**
 * Applies one `thread.item.updated` payload (a {@link ThreadItemUpdate}) to a thread item, per PROTOCOL.md §5.
 *
 * Shared by the client reducer (live rendering) and the server (persisting updates to stored items, §8.1), so
 * it is pure and DOM-free: the input item is never mutated, and a new object is returned only along the
 * path that changed (untouched content parts, tasks and widget subtrees keep their identity, which lets
 * renderers skip them by `Object.is`). An update that does not fit the item (wrong item type, unknown
 * component id) returns the very same item.
 *
 * The assistant-message updates live in `apply-message-update.ts`: a streamed answer needs only those, so the
 * client's first answer does without the widget, workflow and image updates, which load with the first one.
 *
 * @module
 */

import { applyMessageUpdate } from './apply-message-update.js';
import type {
  GeneratedImageItem,
  ThreadItem,
  ThreadItemUpdate,
  WidgetItem,
  WidgetNode,
  WidgetRoot,
  WorkflowItem,
} from './types.js';

/**
 * Returns `item` with `update` applied (§5). Pure: `item` is not mutated; unchanged branches are shared.
 *
 * @param item - The current item (pending in this stream, or completed/loaded from history).
 * @param update - The `update` member of a `thread.item.updated` event.
 * @returns A new item when something changed, otherwise `item` itself.
 */
export function applyItemUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem {
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
    case 'assistant_message.content_part.text_delta':
    case 'assistant_message.content_part.annotation_added':
      return applyMessageUpdate(item, update);
    case 'widget.streaming_text.value_delta':
      if (item.type !== 'widget') return item;
      return withWidget(item, (root) =>
        mapNodeById(root, update.component_id, (node) => appendTextValue(node, update.delta, update.done)),
      );
    case 'widget.root.updated':
      return item.type === 'widget' ? { ...item, widget: update.widget } : item;
    case 'widget.component.updated':
      if (item.type !== 'widget') return item;
      return withWidget(item, (root) => mapNodeById(root, update.component_id, () => update.component));
    case 'workflow.task.added':
      if (item.type !== 'workflow') return item;
      return withTasks(item, (tasks) => {
        // §5.3: insert at task_index; in practice it equals the length (append). Out-of-range indexes append.
        const at = clampIndex(update.task_index, tasks.length);
        return [...tasks.slice(0, at), update.task, ...tasks.slice(at)];
      });
    case 'workflow.task.updated':
      if (item.type !== 'workflow') return item;
      return withTasks(item, (tasks) => {
        const index = update.task_index;
        // A replacement for a task we never saw (e.g. the `added` was missed) is kept by appending it.
        if (!(Number.isInteger(index) && index >= 0 && index < tasks.length)) return [...tasks, update.task];
        const next = tasks.slice();
        next[index] = update.task;
        return next;
      });
    case 'generated_image.updated':
      return item.type === 'generated_image'
        ? ({ ...item, image: update.image } satisfies GeneratedImageItem)
        : item;
    default:
      // Unknown update types (a newer server) leave the item as it is.
      return item;
  }
}

function clampIndex(index: number, length: number): number {
  return Number.isInteger(index) && index >= 0 && index <= length ? index : length;
}

function withTasks(
  item: WorkflowItem,
  change: (tasks: WorkflowItem['workflow']['tasks']) => WorkflowItem['workflow']['tasks'],
): WorkflowItem {
  return { ...item, workflow: { ...item.workflow, tasks: change(item.workflow.tasks ?? []) } };
}

function withWidget(item: WidgetItem, change: (root: WidgetRoot) => WidgetNode): WidgetItem {
  const root = change(item.widget);
  return root === item.widget ? item : { ...item, widget: root as WidgetRoot };
}

/** Streams text into a `Text`/`Markdown` node (§5.2); `done` ends the streaming caret. */
function appendTextValue(node: WidgetNode, delta: string, done: boolean): WidgetNode {
  const value: unknown = node.value;
  if (value != null && typeof value !== 'string') return node;
  const next: WidgetNode = { ...node, value: (value ?? '') + delta };
  // The server's differ sends done = !new.streaming, so mirroring it keeps the local tree equal to the
  // server's version; a node that never had the flag only gains it while it is streaming.
  if (!done) next.streaming = true;
  else if ('streaming' in node) next.streaming = false;
  return next;
}

/**
 * Returns `node` with every descendant (or itself) whose `id` equals `id` replaced by `change(node)`.
 * Components nest under `children`, which is a list for containers and a single node for `Transition`
 * and `Basic`; the identity of untouched subtrees is preserved.
 */
function mapNodeById(node: WidgetNode, id: string, change: (node: WidgetNode) => WidgetNode): WidgetNode {
  if (node.id === id) return change(node);
  const children: unknown = node.children;
  if (Array.isArray(children)) {
    let changed = false;
    const next = children.map((child: unknown) => {
      if (!isNode(child)) return child;
      const mapped = mapNodeById(child, id, change);
      if (mapped !== child) changed = true;
      return mapped;
    });
    return changed ? { ...node, children: next } : node;
  }
  if (isNode(children)) {
    const mapped = mapNodeById(children, id, change);
    return mapped === children ? node : { ...node, children: mapped };
  }
  return node;
}

function isNode(value: unknown): value is WidgetNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
