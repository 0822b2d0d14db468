/**
 * The public door of the protocol layer (`chatkit-chat/protocol`): wire types, ids, timestamps, the SSE
 * codec, item updates, the pure reducer and thread state, the transport and the session. DOM-free and
 * Lit-free, usable from Node and browsers alike. Runtime validation (`schema.ts`, zod) is deliberately not
 * re-exported so importing this door does not pull zod into the browser bundle.
 *
 * @module
 */

export * from './types.js';
export * from './ids.js';
export * from './time.js';
export * from './client-errors.js';
export * from './sse.js';
export * from './apply-update.js';
export * from './thread-state.js';
export * from './reducer.js';
export * from './transport.js';
export * from './user-message.js';
export * from './session.js';
