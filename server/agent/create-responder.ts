/**
 * Wires the agent into a `ChatKitServer`: `createAgentServerHooks(config, db)` returns the `respond`,
 * `action` and `syncAction` hooks of the demo — the todo and returns use cases plus the general agent,
 * picked by the composer's tool (`inference_options.tool_choice.id`: `todo`, `returns`, anything else →
 * `general`), on a real OpenAI-compatible model when a key or base URL is configured, else on the
 * offline demo model.
 *
 * @module
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  Action,
  ThreadItem,
  ThreadMetadata,
  UserMessageItem,
  WidgetItem,
} from '../../src/protocol/types.js';
import type { ActionHook, ResponseContext, RespondHook, SyncActionHook } from '../chatkit/types.js';
import type { ServerConfig } from '../config.js';
import type { RequestContext } from '../stores/store.js';
import { DEMO_PROMPTS, type DemoPrompt } from '../use-cases/demo-prompts.js';
import { createGeneralAgent } from '../use-cases/general-agent.js';
import { handleReturnsAction, isReturnsAction } from '../use-cases/returns/returns-actions.js';
import { createReturnsAgent } from '../use-cases/returns/returns-agent.js';
import { SqliteReturnsRepository, type ReturnsRepository } from '../use-cases/returns/returns-repository.js';
import { applyTodoAction, handleTodoAction, isTodoAction } from '../use-cases/todo/todo-actions.js';
import { createTodoAgent } from '../use-cases/todo/todo-agent.js';
import { SqliteTodoRepository, type TodoRepository } from '../use-cases/todo/todo-repository.js';
import type { Agent } from './agent.js';
import type { ChatModel } from './chat-model.js';
import { OfflineDemoModel } from './offline-demo-model.js';
import { OpenAIChatModel } from './openai-chat-model.js';
import { runAgent } from './run-agent.js';
import type { TitleMode } from './thread-title.js';

/** The configuration the agent reads (a subset of {@link ServerConfig}). */
export type AgentConfig = Pick<ServerConfig, 'openaiApiKey' | 'openaiBaseUrl' | 'model'>;

/** Tuning knobs, mostly for tests. */
export interface AgentHookOptions {
  /** Use this model instead of the one the configuration selects. */
  model?: ChatModel;
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
  /** Start-screen prompts for both use cases (for `/api/branding`). */
  prompts: readonly DemoPrompt[];
  /** The agents by id. */
  agents: Readonly<Record<'todo' | 'returns' | 'general', Agent>>;
  todos: TodoRepository;
  returns: ReturnsRepository;
  /** Closes the database connection when this factory opened it. */
  close(): void;
}

/** Picks the model the configuration asks for. */
export function createModel(config: AgentConfig, options: AgentHookOptions = {}): ChatModel {
  if (options.model) return options.model;
  if (!config.openaiApiKey && !config.openaiBaseUrl) return new OfflineDemoModel();
  return new OpenAIChatModel({
    apiKey: config.openaiApiKey,
    baseURL: config.openaiBaseUrl,
    model: config.model,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
  });
}

/** Opens (creating the directory if needed) the SQLite database holding the demo's domain tables. */
export function openDemoDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets the thread store's own connection to the same file read and write alongside this one.
  // busy_timeout first: several server processes may open the file at once (scale-out on one host).
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  return db;
}

/** The agent id a user message selects with the composer's tool menu. */
export function agentIdFor(message: UserMessageItem | null | undefined): 'todo' | 'returns' | 'general' {
  const id = message?.inference_options?.tool_choice?.id?.toLowerCase();
  if (id === 'todo' || id === 'todos') return 'todo';
  if (id === 'returns' || id === 'return') return 'returns';
  return 'general';
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
 * Builds the demo's ChatKit hooks over the domain database `db` (a file path, or an open better-sqlite3
 * connection, e.g. the thread store's file).
 */
export function createAgentServerHooks<C extends RequestContext = RequestContext>(
  config: AgentConfig,
  db: string | Database.Database,
  options: AgentHookOptions = {},
): AgentServerHooks<C> {
  const owned = typeof db === 'string';
  const database = typeof db === 'string' ? openDemoDatabase(db) : db;
  const todos = new SqliteTodoRepository(database);
  const returns = new SqliteReturnsRepository(database);
  const agents = {
    todo: createTodoAgent(todos),
    returns: createReturnsAgent(returns),
    general: createGeneralAgent(todos, returns),
  } as const;
  const model = createModel(config, options);

  const respond: RespondHook<C> = async function* (thread: ThreadMetadata, input, ctx) {
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
    const agent = agents[agentIdFor(selector)];
    const modelId = model.offline ? undefined : (input?.inference_options?.model ?? undefined);
    yield* runAgent(ctx, {
      agent,
      model,
      input,
      modelId,
      titles: options.titles,
      maxRounds: options.maxRounds,
    });
  };

  const action: ActionHook<C> = async function* (_thread, act: Action, sender: WidgetItem | null, ctx) {
    if (isTodoAction(act)) yield* handleTodoAction(todos, act, sender, ctx);
    else if (isReturnsAction(act)) yield* handleReturnsAction(returns, act, sender, ctx);
    else yield ctx.events.notice('warning', `Unknown action “${act.type}”.`);
  };

  const syncAction: SyncActionHook<C> = async (_thread, act, sender, ctx) => {
    if (isTodoAction(act)) return { updated_item: await applyTodoAction(todos, act, sender, ctx) };
    return {};
  };

  return {
    respond,
    action,
    syncAction,
    model,
    prompts: DEMO_PROMPTS,
    agents,
    todos,
    returns,
    close: () => {
      if (owned) database.close();
    },
  };
}
