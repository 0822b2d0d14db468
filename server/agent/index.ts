/**
 * `chatkit-chat/server/agent`: the agent runtime on any OpenAI-compatible API (server/agent/README.md): the
 * tool loop, tool helpers, the model interface and its OpenAI and offline implementations, and `.widget`
 * templates. Loads `openai` and `nunjucks`; knows no use case.
 *
 * @module
 */
export { runAgent } from './run-agent.js';
export type { RunAgentOptions } from './run-agent.js';
export { AgentContext } from './agent-context.js';
export type { Agent } from './agent.js';
export { defineTool, defineClientTool, toModelTool } from './agent-tool.js';
export type { AgentTool, ClientTool, AnyTool } from './agent-tool.js';
export type {
  ChatModel,
  ModelEvent,
  ModelMessage,
  ModelRequest,
  ModelTool,
  ModelToolCall,
} from './chat-model.js';
export { OpenAIChatModel } from './openai-chat-model.js';
export type { OpenAIChatModelOptions } from './openai-chat-model.js';
export { OfflineDemoModel } from './offline-demo-model.js';
export { toProviderStreamError } from './provider-errors.js';
export { threadItemsToMessages } from './thread-to-messages.js';
export { WidgetTemplate, WidgetTemplateError } from '../widgets/widget-template.js';
export type { WidgetFile } from '../widgets/widget-template.js';
export type { OfflineDemoModelOptions, OfflinePace } from './offline-demo-model.js';
export { createAgentServerHooks, createModel } from './create-responder.js';
export type { AgentConfig, AgentHookOptions, AgentServerHooks } from './create-responder.js';
export { findUseCase } from './use-case.js';
export type {
  ComposerToolEntry,
  OfflineBehaviour,
  StartPrompt,
  UseCase,
  UseCaseActions,
} from './use-case.js';
export { matchIntent } from './offline-intents.js';
export type { OfflineCall, OfflineDecision, OfflineIntent, OfflineRequest } from './offline-intents.js';
export { createSuggestionTool, suggestionCard, SUGGEST_TOOL, SUGGESTION_ACTION } from './suggestions.js';
