/**
 * `chatkit-chat/server/postgres`: the store for several server processes on one database, on `pg` (an
 * optional peer dependency: `npm install pg` to use this subpath).
 *
 * @module
 */
export { PostgresStore } from './stores/postgres-store.js';
export type { PostgresStoreOptions } from './stores/postgres-store.js';
