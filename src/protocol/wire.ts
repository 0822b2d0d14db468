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
 * Returns a copy of `value` as it must go on the wire:
 *
 * - object members whose value is `null` or `undefined` are removed, recursively (the reference server
 *   serializes with "drop null fields"); array elements are kept as they are, because dropping them would
 *   shift indices;
 * - attachments lose their server-private `metadata`;
 * - threads always carry `metadata: {}` (private thread metadata is never sent).
 *
 * Values that are not JSON (functions, symbols) are dropped like `JSON.stringify` would; `Date`s become
 * ISO strings. The input is never mutated.
 */
export function toWire<T>(value: T): T {
  return convert(value, 0) as T;
}

// JSON bodies the server writes are built from validated input and store records, whose nesting is bounded
// by the request depth check; the limit here only stops a runaway cycle from overflowing the stack.
const MAX_DEPTH = 512;

function convert(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('toWire: value nested too deeply (cycle?)');
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) {
    return value.map((element) => {
      const converted = convert(element, depth + 1);
      // Like JSON.stringify: non-JSON array slots become null rather than disappearing.
      return converted === undefined ? null : converted;
    });
  }
  if (value instanceof Date) return value.toISOString();
  if (!isPlainObject(value)) {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  const attachment = isAttachment(value);
  const thread = isThread(value);
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null || member === undefined) continue;
    if (attachment && key === 'metadata') continue;
    if (thread && key === 'metadata') continue;
    const converted = convert(member, depth + 1);
    if (converted !== undefined) out[key] = converted;
  }
  if (thread) out.metadata = {};
  return out;
}
