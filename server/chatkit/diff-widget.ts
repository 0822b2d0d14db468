/**
 * The widget differ of PROTOCOL.md §7.7: which `thread.item.updated` payloads turn one version of a
 * streamed widget into the next.
 *
 * @module
 */
import type { ThreadItemUpdate, WidgetNode, WidgetRoot } from '../../src/protocol/types.js';

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A node is a widget component when it is an object with a string `type`. */
function isComponent(value: Json): value is WidgetNode {
  return isObject(value) && typeof value.type === 'string';
}

/** Text and Markdown nodes with a string value are the only ones whose value may grow without a replace. */
function isStreamingText(node: WidgetNode): boolean {
  return (node.type === 'Text' || node.type === 'Markdown') && typeof node.value === 'string';
}

/** Keys explicitly set (not undefined/null) on a node: the reference compares the union of set fields. */
function setKeys(value: Record<string, Json>): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined && value[key] !== null);
}

function valueNeedsReplace(before: Json, after: Json): boolean {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return true;
    return before.some((element, index) => valueNeedsReplace(element, after[index]));
  }
  if (isComponent(before) && isComponent(after)) return nodeNeedsReplace(before, after);
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...setKeys(before), ...setKeys(after)]);
    for (const key of keys) if (valueNeedsReplace(before[key] ?? null, after[key] ?? null)) return true;
    return false;
  }
  return !Object.is(before ?? null, after ?? null);
}

function nodeNeedsReplace(before: WidgetNode, after: WidgetNode): boolean {
  if (before.type !== after.type || before.id !== after.id || before.key !== after.key) return true;
  const keys = new Set([...setKeys(before), ...setKeys(after)]);
  for (const key of keys) {
    if (key === 'value' && isStreamingText(before) && isStreamingText(after)) {
      // A value that only grew is streamed as a delta (or silently, for id-less nodes).
      if ((after.value as string).startsWith(before.value as string)) continue;
      return true;
    }
    if (valueNeedsReplace(before[key] ?? null, after[key] ?? null)) return true;
  }
  return false;
}

/** Collects every streaming-text node that has an id, anywhere in the tree. */
function collectTextNodes(value: Json, into: Map<string, WidgetNode>): Map<string, WidgetNode> {
  if (Array.isArray(value)) {
    for (const element of value) collectTextNodes(element, into);
  } else if (isObject(value)) {
    if (isComponent(value) && isStreamingText(value) && typeof value.id === 'string')
      into.set(value.id, value);
    for (const member of Object.values(value)) collectTextNodes(member, into);
  }
  return into;
}

/**
 * The updates that turn `before` into `after`:
 *
 * - `[widget.root.updated(after)]` when any node pair differs in `type`, `id` or `key`, a list changes
 *   length, or any prop differs — except a `Text`/`Markdown` string `value` that only grew;
 * - otherwise one `widget.streaming_text.value_delta` per id-bearing text node whose value grew
 *   (`done = !after.streaming`); growth of id-less text nodes produces nothing;
 * - `[]` for identical versions.
 *
 * Never emits `widget.component.updated`.
 */
export function diffWidget(before: WidgetRoot, after: WidgetRoot): ThreadItemUpdate[] {
  if (nodeNeedsReplace(before, after)) return [{ type: 'widget.root.updated', widget: after }];
  const previous = collectTextNodes(before, new Map());
  const updates: ThreadItemUpdate[] = [];
  for (const [id, node] of collectTextNodes(after, new Map())) {
    const old = previous.get(id);
    const oldValue = (old?.value as string | undefined) ?? '';
    const newValue = node.value as string;
    if (newValue === oldValue) continue;
    updates.push({
      type: 'widget.streaming_text.value_delta',
      component_id: id,
      delta: newValue.slice(oldValue.length),
      done: !node.streaming,
    });
  }
  return updates;
}
