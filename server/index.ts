/**
 * `chatkit-chat/server`: the framework-agnostic core. The ChatKit server, its hook and context types, errors,
 * event builders, widget streaming, the store interface and the in-memory store. Importing it loads no web
 * framework, no database driver and no model client; those live behind their own subpaths:
 *
 * - `chatkit-chat/server/express` (server/express/index.ts): mount the endpoint in an Express 5 app.
 * - `chatkit-chat/server/sqlite` (server/sqlite.ts): `SqliteStore` on better-sqlite3.
 * - `chatkit-chat/server/postgres` (server/postgres.ts): `PostgresStore` on pg.
 * - `chatkit-chat/server/agent` (server/agent/index.ts): the OpenAI-compatible agent runtime, tools, templates.
 *
 * test/package/ checks from the packed tarball that this door stays light.
 *
 * @module
 */
export { ChatKitServer, CANCELLED_STREAM_NOTE } from './chatkit/server.js';
export type {
  ActionHook,
  ChatKitLogger,
  ChatKitServerOptions,
  EventHelpers,
  FeedbackHook,
  ProcessResult,
  RespondHook,
  ResponseContext,
  StreamCancelledHook,
  StreamOptionsHook,
  StreamWidgetOptions,
  SyncActionHook,
  SyncActionResult,
  TranscribeHook,
} from './chatkit/types.js';
export { HttpError, StreamError, CustomStreamError, isHttpError } from './chatkit/errors.js';
export type { HttpErrorCode } from './chatkit/errors.js';
export { streamWidget } from './chatkit/stream-widget.js';
export { diffWidget } from './chatkit/diff-widget.js';
export { eventHelpers } from './chatkit/event-helpers.js';
export { answerStructuredInput } from './chatkit/structured-input.js';
export { DiskAttachmentStore } from './chatkit/attachment-store.js';
export type {
  AttachmentCreateInput,
  AttachmentStore,
  DiskAttachmentStoreOptions,
} from './chatkit/attachment-store.js';
export { NotFoundError } from './stores/store.js';
export type { Order, PageParams, RequestContext, Store, StoredAttachment } from './stores/store.js';
export { MemoryStore } from './stores/memory-store.js';
export { toWire } from '../src/protocol/wire.js';
export { parseRequest } from '../src/protocol/schema.js';
