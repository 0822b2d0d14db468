/**
 * A deep copy of stored records that is several times cheaper than `structuredClone` for what records are:
 * small trees of plain objects, arrays and primitives (validated request data, items built by responders).
 *
 * Anything else (a `Date`, a `Map`, a class instance, a typed array, a sparse array, a function, a cycle or
 * nesting past {@link MAX_FAST_DEPTH}, a `__proto__` own key) makes the whole copy go through `structuredClone`,
 * so such values are copied, or refused with its `DataCloneError`, exactly as before.
 *
 * @module
 */

/** Nesting the fast copy handles; deeper values (or cycles) are left to `structuredClone`. */
const MAX_FAST_DEPTH = 64;

const NOT_PLAIN = Symbol('not plain');

function copyPlain(value: unknown, depth: number): unknown {
  if (typeof value !== 'object') {
    // structuredClone refuses functions and symbols: leave them to it so the same error is thrown.
    return typeof value === 'function' || typeof value === 'symbol' ? NOT_PLAIN : value;
  }
  if (value === null) return null;
  if (depth > MAX_FAST_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const length = value.length;
    const out = new Array<unknown>(length);
    for (let index = 0; index < length; index++) {
      if (!(index in value)) return NOT_PLAIN; // a hole: structuredClone keeps it
      const member = copyPlain(value[index], depth + 1);
      if (member === NOT_PLAIN) return NOT_PLAIN;
      out[index] = member;
    }
    return out;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key === '__proto__') return NOT_PLAIN;
    const member = copyPlain((value as Record<string, unknown>)[key], depth + 1);
    if (member === NOT_PLAIN) return NOT_PLAIN;
    out[key] = member;
  }
  return out;
}

/** A deep copy of `value` (same result as `structuredClone` for JSON-like data; falls back to it otherwise). */
export function cloneRecord<T>(value: T): T {
  const copied = copyPlain(value, 0);
  return (copied === NOT_PLAIN ? structuredClone(value) : copied) as T;
}

/** A deep copy of `value` if it is plain data (see {@link cloneRecord}), else `undefined`. */
export function plainCopy(value: unknown): { value: unknown } | undefined {
  const copied = copyPlain(value, 0);
  return copied === NOT_PLAIN ? undefined : { value: copied };
}

/**
 * Whether `value` is plain data equal to `copy` (a result of {@link plainCopy}): same primitives (by `===`,
 * so `NaN` never matches), arrays of the same length, objects with the same own keys in the same order.
 * When it returns true, `JSON.stringify` gives the same text for both.
 */
export function samePlain(value: unknown, copy: unknown, depth = 0): boolean {
  if (value === copy) return typeof value !== 'object' || value === null;
  if (typeof value !== 'object' || value === null || typeof copy !== 'object' || copy === null) return false;
  if (depth > MAX_FAST_DEPTH) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(copy) || Object.getPrototypeOf(value) !== Array.prototype) return false;
    if (value.length !== copy.length) return false;
    for (let index = 0; index < value.length; index++) {
      if (!(index in value) || !samePlain(value[index], copy[index], depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(copy)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // Objects of at most one key (a thread's `status` and `metadata`, compared after every event of a response
  // phase) are compared without allocating key arrays.
  const only = soleKey(value);
  if (only !== MANY) {
    if (soleKey(copy) !== only) return false;
    return (
      only === undefined ||
      samePlain((value as Record<string, unknown>)[only], (copy as Record<string, unknown>)[only], depth + 1)
    );
  }
  const keys = Object.keys(value);
  const copyKeys = Object.keys(copy);
  if (keys.length !== copyKeys.length) return false;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    if (key !== copyKeys[index]) return false;
    const member = (value as Record<string, unknown>)[key];
    if (!samePlain(member, (copy as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

const MANY = Symbol('many keys');

/** An object's one own enumerable key: `undefined` when it has none, {@link MANY} when it has more. */
function soleKey(object: object): string | undefined | typeof MANY {
  let only: string | undefined;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    if (only !== undefined) return MANY;
    only = key;
  }
  return only;
}

/**
 * Members whose values `toWire` treats by their role (attachments and threads lose private metadata, a page's
 * `data` holds threads): an event with one of them goes through `toWire`.
 */
const ROLE_KEYS = new Set(['attachments', 'thread', 'data', 'has_more']);

/**
 * Whether a member named `key` makes `toWire` treat its value by role. An empty `attachments` array does not:
 * there is no attachment in it to strip (a user message without attachments, the usual case).
 */
function hasRole(key: string, member: unknown): boolean {
  if (!ROLE_KEYS.has(key)) return false;
  return !(key === 'attachments' && Array.isArray(member) && member.length === 0);
}

function copyWireReady(value: unknown, depth: number): unknown {
  if (typeof value !== 'object') {
    // toWire drops functions and symbols and turns undefined array slots into null: leave those to it.
    return typeof value === 'function' || typeof value === 'symbol' || value === undefined
      ? NOT_PLAIN
      : value;
  }
  if (value === null) return null; // an array slot (members that are null are refused below)
  if (depth > MAX_FAST_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const length = value.length;
    const out = new Array<unknown>(length);
    for (let index = 0; index < length; index++) {
      if (!(index in value)) return NOT_PLAIN;
      const member = copyWireReady(value[index], depth + 1);
      if (member === NOT_PLAIN) return NOT_PLAIN;
      out[index] = member;
    }
    return out;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key === '__proto__') return NOT_PLAIN;
    const member = (value as Record<string, unknown>)[key];
    if (member === null || member === undefined) return NOT_PLAIN; // toWire drops null members
    if (hasRole(key, member)) return NOT_PLAIN;
    const copied = copyWireReady(member, depth + 1);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    out[key] = copied;
  }
  return out;
}

/**
 * The wire copy of an event when `toWire` would return a plain deep copy of it (only plain objects, arrays and
 * primitives; no null or undefined members; no member `toWire` treats by role), made without `toWire`'s
 * per-object role analysis and entry arrays; else `undefined`, and the caller uses `toWire`.
 */
export function wireReadyCopy<T>(event: T): T | undefined {
  const copied = copyWireReady(event, 0);
  return copied === NOT_PLAIN ? undefined : (copied as T);
}

function wireReady(value: unknown, depth: number): boolean {
  if (typeof value !== 'object') {
    return typeof value !== 'function' && typeof value !== 'symbol' && value !== undefined;
  }
  if (value === null) return true;
  if (depth > MAX_FAST_DEPTH) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    const length = value.length;
    for (let index = 0; index < length; index++) {
      if (!(index in value) || !wireReady(value[index], depth + 1)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key === '__proto__') return false;
    const member = (value as Record<string, unknown>)[key];
    if (member === null || member === undefined || hasRole(key, member)) return false;
    if (!wireReady(member, depth + 1)) return false;
  }
  return true;
}

/**
 * Whether {@link wireReadyCopy} would copy `event` (then `toWire` would change nothing: its JSON is already
 * the wire's), checked without copying: for a consumer that serializes the event at once (relay.ts).
 */
export function isWireReady(event: unknown): boolean {
  return wireReady(event, 0);
}
