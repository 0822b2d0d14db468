/**
 * Id generation with the reference server's prefixes (§0): `<prefix>_<8 hex chars>`.
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

function randomHex(length: number): string {
  const bytes = new Uint8Array(Math.ceil(length / 2));
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out.slice(0, length);
}

/**
 * Makes an id such as `thr_1a2b3c4d`. Eight hex characters match the reference server; collisions are
 * checked by the stores' primary keys, so the short form is safe to keep for wire compatibility.
 */
export function defaultGenerateId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomHex(8)}`;
}

/** A deterministic generator for tests: `thr_00000001`, `msg_00000002`, … */
export function sequentialIdGenerator(start = 1): IdGenerator {
  let next = start;
  return (kind) => `${ID_PREFIXES[kind]}_${(next++).toString(16).padStart(8, '0')}`;
}
