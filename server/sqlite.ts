/**
 * `chatkit-chat/server/sqlite`: the embedded store on better-sqlite3 (a native module, loaded only through
 * this subpath).
 *
 * @module
 */
export { SqliteStore } from './stores/sqlite-store.js';
export type { SqliteStoreOptions } from './stores/sqlite-store.js';
