/**
 * Id generation with the reference server's prefixes (§0): `<prefix>_<16 hex chars>`.
 *
 * Clients never parse ids; servers may override the generator (tests inject a deterministic one).
 *
 * @module
 */

/** The kinds of stored things and their id prefixes. */
export const ID_PREFIXES = {
  thread: 'thr',
  message: 'msg',
  tool_call: 'tc',
  workflow: 'wf',
  task: 'tsk',
  attachment: 'atc',
  sdk_hidden_context: 'shcx',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** A function that makes a new id for a kind of thing. */
export type IdGenerator = (kind: IdKind) => string;

// Random bytes are drawn in blocks: one getRandomValues call per 64 ids instead of one per id (it was a
// measurable share of a streamed turn's server CPU).
const POOL_BYTES = 256;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function randomHex(length: number): string {
  const bytes = Math.ceil(length / 2);
  if (poolOffset + bytes > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  let out = '';
  for (let i = 0; i < bytes; i++) out += HEX[pool[poolOffset++]];
  return out.slice(0, length);
}

/**
 * Makes an id such as `thr_1a2b3c4d5e6f7a8b`: the reference server's prefix and 16 random hex characters
 * (64 bits). The reference server keeps 8 (32 bits), which collide by the birthday bound after some tens of
 * thousands of ids: a bench run of ~50,000 turns drew a thread id another user already had, and the turn
 * failed on save. Ids are opaque on the wire (clients never parse them), so the longer form is compatible
 * with every ChatKit client and with stored 8-character ids.
 */
export function defaultGenerateId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomHex(16)}`;
}

/** A deterministic generator for tests: `thr_00000001`, `msg_00000002`, … */
export function sequentialIdGenerator(start = 1): IdGenerator {
  let next = start;
  return (kind) => `${ID_PREFIXES[kind]}_${(next++).toString(16).padStart(8, '0')}`;
}
