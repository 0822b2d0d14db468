/**
 * The todo assistant (seed 000): manages the user's todo list with tools; the card's own controls work
 * without the model.
 *
 * @module
 */
import type { Agent } from '../../agent/agent.js';
import type { TodoRepository } from './todo-repository.js';
import { createTodoTools } from './todo-tools.js';

/** Instructions of the todo agent. */
export const TODO_INSTRUCTIONS = `You are a friendly todo-list assistant.
The todos are stored and shared across conversations.
Use the tools: add_todo (once per item; several calls in parallel for several items), list_todos, complete_todo, delete_todo.
Every tool shows the updated todo card, so do not repeat the list in your text; answer in one short sentence.
The card lets the user tick items off, delete them and add new ones by themselves; a <hidden_context> note tells you each such change, so trust it over older cards.`;

/** Creates the todo agent over a repository. */
export function createTodoAgent(repo: TodoRepository): Agent {
  return { id: 'todo', instructions: TODO_INSTRUCTIONS, tools: createTodoTools(repo) };
}
