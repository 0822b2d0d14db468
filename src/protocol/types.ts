/**
 * TypeScript types of the ChatKit wire protocol (chatkit-python 1.6.5; see PROTOCOL.md), one module per
 * concern under `types/`, re-exported here as the one import for the element and the server.
 *
 * DOM-free and Lit-free: imported by the element and by the Node server alike. Field names are the wire
 * names (snake_case). Optional fields are absent rather than `null` on the wire (§0), but receivers accept
 * `null` where the reference models are nullable, so optional fields are typed `T | null` where that matters.
 * The runtime schemas in `schema.ts` (server-only, zod) are checked against these types at compile time.
 *
 * @module
 */

export * from './types/common.js';
export * from './types/attachments.js';
export * from './types/items.js';
export * from './types/events.js';
export * from './types/requests.js';
export * from './types/widgets.js';
export * from './types/branding.js';
