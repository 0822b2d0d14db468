/**
 * What the session loads on demand, in one chunk (internal, not part of `chatkit-chat/protocol`): the widget,
 * workflow and image item updates, the client tool round trip, merging refetched pages into the thread and
 * `resume()`'s polling loop. A first
 * streamed answer needs none of them. The session starts loading this module together with the request whose
 * answer needs it (a refetch) or when an item that may receive such updates appears, so the
 * load overlaps the network wait instead of adding to it.
 *
 * @internal
 * @module
 */
export { applyItemUpdate } from './apply-update.js';
export { runClientTool } from './client-tool.js';
export { reconcileNewest } from './reducer.js';
export { pollUntilAnswered } from './resume-poll.js';
