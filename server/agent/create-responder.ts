/**
 * Wires the agent into a `ChatKitServer`: `createAgentServerHooks(config, useCases)` returns the `respond`,
 * `action` and `syncAction` hooks serving the registered {@link UseCase}s. The composer's tool
 * (`inference_options.tool_choice.id`) picks a use case's agent; without a pick the default use case
 * answers. The model is a real OpenAI-compatible one when a key or base URL is configured, else the offline
 * demo model, taught by the use cases' intent tables.
 *
 * @module
 */
import type {
  Action,
  ThreadItem,
  ThreadMetadata,
  UserMessageItem,
  WidgetItem,
} from '../../src/protocol/types.js';
import type { ActionHook, ResponseContext, RespondHook, SyncActionHook } from '../chatkit/types.js';
import type { RequestContext } from '../stores/store.js';
import type { Agent } from './agent.js';
import type { ChatModel } from './chat-model.js';
import { OfflineDemoModel, type OfflineDemoModelOptions } from './offline-demo-model.js';
import { OpenAIChatModel } from './openai-chat-model.js';
import { runAgent } from './run-agent.js';
import { acceptSuggestion, isSuggestionAction } from './suggestions.js';
import type { TitleMode } from './thread-title.js';
import { type ComposerToolEntry, findUseCase, type StartPrompt, type UseCase } from './use-case.js';

/** The configuration the agent reads (the reference server's `ServerConfig` has these fields). */
export interface AgentConfig {
  /** API key of the OpenAI-compatible provider; with neither key nor base URL the offline model runs. */
  openaiApiKey: string | null;
  /** Base URL of the provider (e.g. a local server); default OpenAI's. */
  openaiBaseUrl: string | null;
  /** Default model id. */
  model: string;
}

/** Tuning knobs, mostly for tests. */
export interface AgentHookOptions {
  /** Use this model instead of the one the configuration selects. */
  model?: ChatModel;
  /** Options of the offline demo model (pace, wait) when it is the one selected. */
  offline?: Omit<OfflineDemoModelOptions, 'behaviours'>;
  /** SDK retries for the real provider (default 2). */
  maxRetries?: number;
  /** Provider timeout in ms (default 60 000). */
  timeoutMs?: number;
  /** Thread titles (default: model for real providers, first message for the offline model). */
  titles?: TitleMode;
  /** Maximum tool rounds per turn (default 6). */
  maxRounds?: number;
}

/** What {@link createAgentServerHooks} returns. */
export interface AgentServerHooks<C extends RequestContext = RequestContext> {
  respond: RespondHook<C>;
  action: ActionHook<C>;
  syncAction: SyncActionHook<C>;
  /** The model in use (its `offline` flag tells the UI whether this is the demo model). */
  model: ChatModel;
  /** Start-screen prompts of all use cases, in registration order (for `/api/branding`). */
  prompts: readonly StartPrompt[];
  /** Composer tool-menu entries of the use cases that have one. */
  composerTools: readonly ComposerToolEntry[];
  /** The agents by use-case id. */
  agents: Readonly<Record<string, Agent>>;
}

/** Picks the model the configuration asks for; the offline model learns the use cases' intents. */
export function createModel(
  config: AgentConfig,
  options: AgentHookOptions = {},
  useCases: readonly UseCase<any>[] = [],
): ChatModel {
  if (options.model) return options.model;
  if (!config.openaiApiKey && !config.openaiBaseUrl)
    return new OfflineDemoModel({
      ...options.offline,
      behaviours: useCases.flatMap((useCase) => (useCase.offline ? [useCase.offline] : [])),
    });
  return new OpenAIChatModel({
    apiKey: config.openaiApiKey,
    baseURL: config.openaiBaseUrl,
    model: config.model,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
  });
}

async function latestUserMessage<C extends RequestContext>(
  ctx: ResponseContext<C>,
): Promise<UserMessageItem | null> {
  const history: ThreadItem[] = await ctx.loadHistory(20);
  for (let i = history.length - 1; i >= 0; i--) {
    const item = history[i];
    if (item.type === 'user_message') return item;
  }
  return null;
}

/**
 * Builds ChatKit hooks serving `useCases`. `defaultUseCase` (an id; default: the first) answers messages
 * whose composer tool selects no use case.
 */
export function createAgentServerHooks<C extends RequestContext = RequestContext>(
  config: AgentConfig,
  useCases: readonly UseCase<C>[],
  options: AgentHookOptions & { defaultUseCase?: string } = {},
): AgentServerHooks<C> {
  if (useCases.length === 0) throw new Error('createAgentServerHooks: no use case given');
  const fallback = useCases.find((useCase) => useCase.id === options.defaultUseCase) ?? useCases[0];
  const model = createModel(config, options, useCases);
  const agents = Object.fromEntries(useCases.map((useCase) => [useCase.id, useCase.agent]));

  /** The agent a user message selects with the composer's tool menu. */
  const agentFor = (message: UserMessageItem | null | undefined): Agent =>
    (findUseCase(useCases, message?.inference_options?.tool_choice?.id) ?? fallback).agent;

  const respondTo = async function* (
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    ctx: ResponseContext<C>,
  ) {
    // The server does not enforce locked/closed threads (§8.12); responders bail out.
    if (thread.status.type !== 'active') {
      const reason = thread.status.reason ? `: ${thread.status.reason}` : '.';
      yield ctx.events.error({
        message: `This conversation is ${thread.status.type}${reason}`,
        allowRetry: false,
      });
      return;
    }
    const selector = input ?? (await latestUserMessage(ctx));
    const modelId = model.offline ? undefined : (input?.inference_options?.model ?? undefined);
    yield* runAgent(ctx, {
      agent: agentFor(selector),
      model,
      input,
      modelId,
      titles: options.titles,
      maxRounds: options.maxRounds,
    });
  };

  const respond: RespondHook<C> = (thread, input, ctx) => respondTo(thread, input, ctx);

  const action: ActionHook<C> = async function* (thread, act: Action, sender: WidgetItem | null, ctx) {
    if (isSuggestionAction(act)) {
      // A clicked suggestion is the user's next message, answered like a typed one.
      const accepted = { message: null as UserMessageItem | null };
      yield* acceptSuggestion(act, sender, ctx, accepted);
      if (accepted.message) yield* respondTo(thread, accepted.message, ctx);
      return;
    }
    const owner = useCases.find((useCase) => useCase.actions?.handles(act));
    if (owner?.actions) yield* owner.actions.action(thread, act, sender, ctx);
    else yield ctx.events.notice('warning', `Unknown action “${act.type}”.`);
  };

  const syncAction: SyncActionHook<C> = async (thread, act, sender, ctx) => {
    const owner = useCases.find((useCase) => useCase.actions?.handles(act));
    return (await owner?.actions?.sync?.(thread, act, sender, ctx)) ?? {};
  };

  return {
    respond,
    action,
    syncAction,
    model,
    prompts: dedupe(useCases.flatMap((useCase) => useCase.prompts ?? [])),
    composerTools: useCases.flatMap((useCase) => (useCase.composerTool ? [useCase.composerTool] : [])),
    agents,
  };
}

function dedupe(prompts: StartPrompt[]): StartPrompt[] {
  const seen = new Set<string>();
  return prompts.filter((prompt) => !seen.has(prompt.prompt) && seen.add(prompt.prompt));
}
