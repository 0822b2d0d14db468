/**
 * Serialization rules for everything a ChatKit server writes (PROTOCOL.md §0, §3, §6.6).
 *
 * DOM-free and dependency-free: shared by the Node server and usable by any other server written in TS.
 *
 * @module
 */

/** Whether a value is a plain JSON object (not an array, not null). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Attachments are the only objects with `type` `file`/`image` plus a `mime_type` (sources have `filename`). */
function isAttachment(value: Record<string, unknown>): boolean {
  return (value.type === 'file' || value.type === 'image') && typeof value.mime_type === 'string';
}

/** Threads are the only objects with `id`, `created_at` and a `status` object but no `type` of their own. */
function isThread(value: Record<string, unknown>): boolean {
  return (
    value.type === undefined &&
    typeof value.id === 'string' &&
    typeof value.created_at === 'string' &&
    isPlainObject(value.status) &&
    typeof value.status.type === 'string'
  );
}

/**
 * Where a value sits, so that the thread and attachment rules apply only where the protocol puts threads
 * and attachments, never to look-alike objects inside free-form data (tool arguments, widget payloads).
 */
type Role = 'root' | 'thread' | 'page-data' | 'attachment-list' | 'attachment' | 'other';

/**
 * Returns a copy of `value` as it must go on the wire:
 *
 * - object members whose value is `null` or `undefined` are removed, recursively (the reference server
 *   serializes with "drop null fields"); array elements are kept as they are, because dropping them would
 *   shift indices;
 * - attachments (the value itself, or elements of any `attachments` array) lose their server-private
 *   `metadata`;
 * - threads (the value itself, the `thread` of a thread event, or elements of a page's `data`) always carry
 *   `metadata: {}` (private thread metadata is never sent).
 *
 * Values that are not JSON (functions, symbols) are dropped like `JSON.stringify` would; `Date`s become
 * ISO strings. The input is never mutated.
 */
export function toWire<T>(value: T): T {
  return convert(value, 0, 'root') as T;
}

// JSON bodies the server writes are built from validated input and store records, whose nesting is bounded
// by the request depth check; the limit here only stops a runaway cycle from overflowing the stack.
const MAX_DEPTH = 512;

function childRole(parent: Record<string, unknown>, parentRole: Role, key: string): Role {
  if (key === 'attachments') return 'attachment-list';
  if (key === 'thread' && typeof parent.type === 'string' && parent.type.startsWith('thread.'))
    return 'thread';
  if (key === 'data' && parentRole === 'root' && typeof parent.has_more === 'boolean') return 'page-data';
  return 'other';
}

function convert(value: unknown, depth: number, role: Role): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('toWire: value nested too deeply (cycle?)');
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) {
    const elementRole: Role =
      role === 'attachment-list' ? 'attachment' : role === 'page-data' ? 'thread' : 'other';
    return value.map((element) => {
      const converted = convert(element, depth + 1, elementRole);
      // Like JSON.stringify: non-JSON array slots become null rather than disappearing.
      return converted === undefined ? null : converted;
    });
  }
  if (value instanceof Date) return value.toISOString();
  if (!isPlainObject(value)) {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  const attachment = (role === 'root' || role === 'attachment') && isAttachment(value);
  const thread = (role === 'root' || role === 'thread') && isThread(value);
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null || member === undefined) continue;
    if ((attachment || thread) && key === 'metadata') continue;
    const converted = convert(member, depth + 1, childRole(value, role, key));
    if (converted !== undefined) out[key] = converted;
  }
  if (thread) out.metadata = {};
  return out;
}
