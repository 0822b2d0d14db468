/**
 * The ChatKit server's default ids: {@link defaultGenerateId}'s (`<prefix>_<16 random hex>`), except thread
 * ids, which put their creation time first: `thr_<11 hex digits of the ms clock><16 random hex>`.
 *
 * Why: the stores index items and threads by thread id (SQLite: `threads (id)`, `items (thread_id, id)`,
 * `items_by_thread (thread_id, …)`; PostgreSQL the same). With random thread ids every turn's writes land on
 * index pages at random places, one page each, which a commit then writes whole to the WAL; with ids that grow
 * with time the writes of recent threads (nearly all writes) fall on the same few pages at the right edge of
 * each index, which the turns of one group commit share and which stay in the page cache. The 64 random bits
 * are kept, so ids are as hard to guess and to collide as before. Ids stay opaque (clients never parse them,
 * PROTOCOL.md §0); a server may still pass its own `generateId`.
 *
 * @module
 */
import { defaultGenerateId, ID_PREFIXES, type IdGenerator } from '../../src/protocol/ids.js';

/** Hex digits of the millisecond clock: enough until the year 2527, so ids of the same length sort by time. */
const TIME_DIGITS = 11;
const THREAD_PREFIX_LENGTH = ID_PREFIXES.thread.length + 1;

/** See the module comment. */
export const serverGenerateId: IdGenerator = (kind) => {
  const id = defaultGenerateId(kind);
  if (kind !== 'thread') return id;
  const time = Date.now().toString(16).padStart(TIME_DIGITS, '0');
  return `${id.slice(0, THREAD_PREFIX_LENGTH)}${time}${id.slice(THREAD_PREFIX_LENGTH)}`;
};
