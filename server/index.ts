/**
 * The server's public door: the framework-agnostic ChatKit server, its errors and helpers, and the stores.
 * The Express adapter lives in server/express and builds on these.
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
export { SqliteStore } from './stores/sqlite-store.js';
export type { SqliteStoreOptions } from './stores/sqlite-store.js';
export { PostgresStore } from './stores/postgres-store.js';
export type { PostgresStoreOptions } from './stores/postgres-store.js';
export { toWire } from '../src/protocol/wire.js';
export { parseRequest } from '../src/protocol/schema.js';

// The agent (server/agent): OpenAI-compatible tool loop, tool helpers, models, and the demo's hooks.
export { runAgent } from './agent/run-agent.js';
export type { RunAgentOptions } from './agent/run-agent.js';
export { AgentContext } from './agent/agent-context.js';
export type { Agent } from './agent/agent.js';
export { defineTool, defineClientTool, toModelTool } from './agent/agent-tool.js';
export type { AgentTool, ClientTool, AnyTool } from './agent/agent-tool.js';
export type {
  ChatModel,
  ModelEvent,
  ModelMessage,
  ModelRequest,
  ModelTool,
  ModelToolCall,
} from './agent/chat-model.js';
export { OpenAIChatModel } from './agent/openai-chat-model.js';
export type { OpenAIChatModelOptions } from './agent/openai-chat-model.js';
export { OfflineDemoModel } from './agent/offline-demo-model.js';
export { toProviderStreamError } from './agent/provider-errors.js';
export { threadItemsToMessages } from './agent/thread-to-messages.js';
export { createAgentServerHooks, createModel } from './agent/create-responder.js';
export type { AgentConfig, AgentHookOptions, AgentServerHooks } from './agent/create-responder.js';
export { findUseCase } from './agent/use-case.js';
export type {
  ComposerToolEntry,
  OfflineBehaviour,
  StartPrompt,
  UseCase,
  UseCaseActions,
} from './agent/use-case.js';
export { matchIntent } from './agent/offline-intents.js';
export type { OfflineDecision, OfflineIntent, OfflineRequest } from './agent/offline-intents.js';
export { createSuggestionTool, SUGGESTION_ACTION } from './agent/suggestions.js';
export { WidgetTemplate, WidgetTemplateError } from './widgets/widget-template.js';
export type { WidgetFile } from './widgets/widget-template.js';

// The Express adapter (server/express/README.md): mount the ChatKit endpoint in your own Express 5 app.
export { createChatKitRouter } from './express/chatkit-router.js';
export type { ChatKitProcessor, ChatKitRouterOptions } from './express/chatkit-router.js';
export { userFromHeader, USER_HEADER, USER_ID_PATTERN } from './express/request-context.js';
export type { GetContext } from './express/request-context.js';
export { createCors, createOriginMatcher } from './express/cors.js';
export type { CorsOptions } from './express/cors.js';
export { createErrorHandler, errorBody } from './express/error-handler.js';
export { createApp } from './express/app.js';
export type { CreateAppOptions } from './express/app.js';
