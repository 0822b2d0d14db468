/**
 * The todo agent's tools: add, list, complete and delete todos. Every tool shows the updated todo card
 * and returns a short summary for the model.
 *
 * @module
 */
import { z } from 'zod';
import type { WidgetItem } from '../../../src/protocol/types.js';
import type { AgentContext } from '../../agent/agent-context.js';
import { type AgentTool, defineTool } from '../../agent/agent-tool.js';
import { findTodo, type Todo, type TodoRepository } from './todo-repository.js';
import { todoCard, todoCopyText } from './todo-widgets.js';

/** Turn-state key: the todo card shown earlier in this turn (not necessarily stored yet). */
const SHOWN_KEY = 'todo.shownCard';

/**
 * Shows the current todo card as a new item. Parallel tool calls take turns; a card shown earlier in the
 * same turn was only an interim state of the answer and is removed, so the answer has one card with every
 * change. Cards of earlier turns stay as they are: each is live and shows the current list once clicked.
 */
export async function showTodoCard(ctx: AgentContext, repo: TodoRepository): Promise<Todo[]> {
  return ctx.serialize('todo-card', async () => {
    const todos = await repo.list(ctx.context.userId);
    const shown = ctx.turnState.get(SHOWN_KEY) as WidgetItem | undefined;
    if (shown) ctx.emit(ctx.response.events.removed(shown.id));
    const item = await ctx.streamWidgetItem(todoCard(todos), { copyText: todoCopyText(todos) });
    ctx.turnState.set(SHOWN_KEY, item);
    return todos;
  });
}

const summary = (todos: readonly Todo[]) =>
  todos.map((todo) => ({ id: todo.id, title: todo.title, done: todo.done }));

/** Whether a tool result says no todo matched. */
const missed = (result: unknown) =>
  typeof result === 'object' && result !== null && 'error' in result && !('todos' in result);

/** Builds the four todo tools over a repository. */
export function createTodoTools(repo: TodoRepository): AgentTool<any>[] {
  const addTodo = defineTool({
    name: 'add_todo',
    description: "Adds one item to the user's todo list and shows the updated list. Call once per item.",
    parameters: z.object({ title: z.string().min(1).max(200).describe('The todo text, e.g. "buy milk"') }),
    statusTitle: (args) => `Adding “${args.title}”`,
    doneTitle: (args) => `Added “${args.title}”`,
    async execute({ title }, ctx) {
      const todo = await repo.add(ctx.context.userId, title.trim());
      const todos = await showTodoCard(ctx, repo);
      return {
        added: { id: todo.id, title: todo.title },
        todos: summary(todos),
        summary: `Added “${todo.title}”.`,
      };
    },
  });
  const listTodos = defineTool({
    name: 'list_todos',
    description: "Shows the user's todo list as a card with checkboxes.",
    parameters: z.object({}),
    statusTitle: 'Loading your todos',
    doneTitle: 'Loaded your todos',
    async execute(_args, ctx) {
      const todos = await showTodoCard(ctx, repo);
      const open = todos.filter((todo) => !todo.done).length;
      return {
        todos: summary(todos),
        summary:
          todos.length === 0
            ? 'Your todo list is empty.'
            : `You have ${todos.length} todos, ${open} still open.`,
      };
    },
  });
  const completeTodo = defineTool({
    name: 'complete_todo',
    description: 'Marks a todo as done. `todo` is its id, its position (1-based) or (part of) its title.',
    parameters: z.object({ todo: z.string().min(1), done: z.boolean().default(true) }),
    statusTitle: (args) => `${args.done === false ? 'Reopening' : 'Completing'} “${args.todo}”`,
    doneTitle: (args, result) =>
      missed(result)
        ? `No todo matches “${args.todo}”`
        : `${args.done === false ? 'Reopened' : 'Completed'} “${args.todo}”`,
    async execute({ todo: reference, done }, ctx) {
      const todo = findTodo(await repo.list(ctx.context.userId), reference);
      if (!todo)
        return {
          error: `No todo matches “${reference}”.`,
          summary: `I could not find a todo matching “${reference}”.`,
        };
      await repo.setDone(ctx.context.userId, todo.id, done);
      const todos = await showTodoCard(ctx, repo);
      return { todos: summary(todos), summary: `Marked “${todo.title}” as ${done ? 'done' : 'not done'}.` };
    },
  });
  const deleteTodo = defineTool({
    name: 'delete_todo',
    description: 'Deletes a todo. `todo` is its id, its position (1-based) or (part of) its title.',
    parameters: z.object({ todo: z.string().min(1) }),
    statusTitle: (args) => `Deleting “${args.todo}”`,
    doneTitle: (args, result) =>
      missed(result) ? `No todo matches “${args.todo}”` : `Deleted “${args.todo}”`,
    async execute({ todo: reference }, ctx) {
      const todo = findTodo(await repo.list(ctx.context.userId), reference);
      if (!todo)
        return {
          error: `No todo matches “${reference}”.`,
          summary: `I could not find a todo matching “${reference}”.`,
        };
      await repo.remove(ctx.context.userId, todo.id);
      const todos = await showTodoCard(ctx, repo);
      return { todos: summary(todos), summary: `Deleted “${todo.title}”.` };
    },
  });
  return [addTodo, listTodos, completeTodo, deleteTodo];
}
