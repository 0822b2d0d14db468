/**
 * The todo use case (seed 000) as the agent registers it: the todo agent, the card's actions (no model
 * call), the offline model's intents, start-screen prompts and a composer tool.
 *
 * Whose list it is: `scope: 'user'` (default) keeps one list per user id (each browser of the demo is its
 * own user); `scope: 'shared'` keeps one list for everyone, as seed 000 does (`DEMO_TODO_SCOPE=shared`).
 *
 * @module
 */
import type { UseCase } from '../../agent/use-case.js';
import type { RequestContext } from '../../stores/store.js';
import { applyTodoAction, handleTodoAction, isTodoAction } from './todo-actions.js';
import { createTodoAgent } from './todo-agent.js';
import { TODO_INTENTS, TODO_SUGGESTIONS } from './todo-offline.js';
import type { TodoRepository } from './todo-repository.js';

/** Whose todo list a request sees. */
export type TodoScope = 'user' | 'shared';

/** The owner id the shared list is stored under. */
export const SHARED_TODO_OWNER = '*shared*';

/** A repository view where every user id maps to the one shared list (`scope: 'shared'`). */
export function scopedTodos(repo: TodoRepository, scope: TodoScope): TodoRepository {
  if (scope === 'user') return repo;
  return {
    list: () => repo.list(SHARED_TODO_OWNER),
    add: (_user, title) => repo.add(SHARED_TODO_OWNER, title),
    setDone: (_user, id, done) => repo.setDone(SHARED_TODO_OWNER, id, done),
    remove: (_user, id) => repo.remove(SHARED_TODO_OWNER, id),
  };
}

/** Reads a todo scope from text (an environment value); anything but `shared` is `user`. */
export function parseTodoScope(value: string | undefined): TodoScope {
  return value?.trim().toLowerCase() === 'shared' ? 'shared' : 'user';
}

/** Creates the todo use case over a repository (already scoped, see {@link scopedTodos}). */
export function createTodoUseCase<C extends RequestContext = RequestContext>(
  repo: TodoRepository,
): UseCase<C> {
  return {
    id: 'todo',
    aliases: ['todos'],
    agent: createTodoAgent(repo),
    actions: {
      handles: isTodoAction,
      action: (_thread, action, sender, ctx) => handleTodoAction(repo, action, sender, ctx),
      sync: async (_thread, action, sender, ctx) => ({
        updated_item: await applyTodoAction(repo, action, sender, ctx),
      }),
    },
    offline: { intents: TODO_INTENTS, suggestions: TODO_SUGGESTIONS },
    prompts: [
      { label: 'Show my todos', prompt: 'Show my todos', icon: 'notebook' },
      { label: 'Add a todo', prompt: 'Add buy milk and call mom', icon: 'plus' },
    ],
    composerTool: {
      id: 'todo',
      label: 'Todo assistant',
      shortLabel: 'Todos',
      icon: 'notebook-pencil',
      placeholderOverride: 'Add, complete or list todos',
    },
  };
}
