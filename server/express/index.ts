/**
 * `chatkit-chat/server/express`: the Express 5 adapter (server/express/README.md). Mount the ChatKit
 * endpoint in your own app with {@link createChatKitRouter}, or build the reference app with {@link createApp}.
 *
 * @module
 */
export { createChatKitRouter } from './chatkit-router.js';
export type { ChatKitProcessor, ChatKitRouterOptions } from './chatkit-router.js';
export { userFromHeader, USER_HEADER, USER_ID_PATTERN } from './request-context.js';
export type { GetContext } from './request-context.js';
export { createCors, createOriginMatcher } from './cors.js';
export type { CorsOptions } from './cors.js';
export { createErrorHandler, errorBody } from './error-handler.js';
export { createApp } from './app.js';
export type { CreateAppOptions } from './app.js';
