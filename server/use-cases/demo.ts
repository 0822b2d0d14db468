/**
 * The demo's composition: the todo, returns and shop use cases (plus the shop's staff-pick mode) and the
 * general agent over one SQLite database, registered with the agent through {@link createAgentServerHooks}.
 * `server/main.ts` serves these by default; an integrator registers their own use cases the same way.
 *
 * @module
 */
import type Database from 'better-sqlite3';
import {
  type AgentConfig,
  type AgentHookOptions,
  type AgentServerHooks,
  createAgentServerHooks,
} from '../agent/create-responder.js';
import { createSuggestionTool } from '../agent/suggestions.js';
import type { StartPrompt, UseCase } from '../agent/use-case.js';
import { openSqliteFile } from '../stores/sqlite-open.js';
import type { RequestContext } from '../stores/store.js';
import { createGeneralUseCase } from './general-agent.js';
import { SqliteReturnsRepository, type ReturnsRepository } from './returns/returns-repository.js';
import { createReturnsUseCase } from './returns/returns-use-case.js';
import { createShopUseCase, createStaffPickUseCase } from './shop/shop-use-case.js';
import { SqliteTodoRepository, type TodoRepository } from './todo/todo-repository.js';
import { createTodoUseCase, scopedTodos, type TodoScope } from './todo/todo-use-case.js';

/** Options of the demo's use cases. */
export interface DemoOptions {
  /** Whose todo list a request sees (default `user`; `DEMO_TODO_SCOPE`). */
  todoScope?: TodoScope;
}

/** The demo's use cases and their repositories. */
export interface DemoUseCases<C extends RequestContext = RequestContext> {
  /** Registration order: todo, returns, shop, staff pick, general (the default). */
  useCases: UseCase<C>[];
  todos: TodoRepository;
  returns: ReturnsRepository;
}

/** What {@link createDemoHooks} returns: the agent hooks plus the demo's repositories. */
export interface DemoHooks<C extends RequestContext = RequestContext> extends AgentServerHooks<C> {
  todos: TodoRepository;
  returns: ReturnsRepository;
  /** Closes the database connection when {@link createDemoHooks} opened it. */
  close(): void;
}

/** Opens (creating the directory if needed) the SQLite database holding the demo's domain tables. */
export function openDemoDatabase(path: string): Database.Database {
  // WAL lets the thread store's own connection to the same file read and write alongside this one.
  return openSqliteFile(path);
}

/** Creates the demo's use cases over an open database. */
export function createDemoUseCases<C extends RequestContext = RequestContext>(
  database: Database.Database,
  options: DemoOptions = {},
): DemoUseCases<C> {
  const todos = scopedTodos(new SqliteTodoRepository(database), options.todoScope ?? 'user');
  const returns = new SqliteReturnsRepository(database);
  const parts = [createTodoUseCase<C>(todos), createReturnsUseCase<C>(returns), createShopUseCase<C>()];
  const general = createGeneralUseCase<C>(parts);
  // Staff pick is a mode of the shop (a composer tool forcing the recommendation card), not a part of general.
  const all = [...parts, createStaffPickUseCase<C>(), general];
  // Every agent may offer clickable follow-ups; the offline model uses them for what it cannot place.
  const known: StartPrompt[] = all.flatMap((useCase) => [
    ...(useCase.offline?.suggestions ?? []),
    ...(useCase.prompts ?? []),
  ]);
  const suggest = createSuggestionTool(known);
  const useCases = all.map((useCase) => ({
    ...useCase,
    agent: { ...useCase.agent, tools: [...useCase.agent.tools, suggest] },
  }));
  return { useCases, todos, returns };
}

/**
 * The demo's ChatKit hooks over the domain database `db` (a file path, or an open better-sqlite3
 * connection, e.g. the thread store's file).
 */
export function createDemoHooks<C extends RequestContext = RequestContext>(
  config: AgentConfig,
  db: string | Database.Database,
  options: AgentHookOptions & DemoOptions = {},
): DemoHooks<C> {
  const owned = typeof db === 'string';
  const database = typeof db === 'string' ? openDemoDatabase(db) : db;
  const { useCases, todos, returns } = createDemoUseCases<C>(database, options);
  const hooks = createAgentServerHooks<C>(config, useCases, { ...options, defaultUseCase: 'general' });
  return {
    ...hooks,
    todos,
    returns,
    close: () => {
      if (owned) database.close();
    },
  };
}
