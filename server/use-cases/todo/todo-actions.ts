/**
 * Clicks on the todo card (checkbox toggle, delete, add form) handled without any model call: the database
 * changes, the card is replaced in place (`thread.item.replaced`, persisted by the server), and a hidden
 * context item tells the model what the user did, so its next answer knows the list changed.
 *
 * @module
 */
import type {
  Action,
  HiddenContextItem,
  ThreadStreamEvent,
  WidgetItem,
} from '../../../src/protocol/types.js';
import type { ResponseContext } from '../../chatkit/types.js';
import type { RequestContext } from '../../stores/store.js';
import type { Todo, TodoRepository } from './todo-repository.js';
import { TODO_ACTIONS, TODO_FIELD, todoCard, todoCopyText } from './todo-widgets.js';

/** Whether an action belongs to the todo card. */
export function isTodoAction(action: Action): boolean {
  return (Object.values(TODO_ACTIONS) as string[]).includes(action.type);
}

/** What a click did, in words for the model; null when it changed nothing. */
async function apply(repo: TodoRepository, userId: string, action: Action): Promise<string | null> {
  const payload = (action.payload ?? {}) as Record<string, unknown>;
  const id = typeof payload.id === 'string' ? payload.id : '';
  switch (action.type) {
    case TODO_ACTIONS.toggle: {
      const todo = id ? await repo.setDone(userId, id, payload.done !== false) : null;
      return todo ? `marked “${todo.title}” as ${todo.done ? 'done' : 'not done'}` : null;
    }
    case TODO_ACTIONS.remove: {
      const todo = id ? await repo.remove(userId, id) : null;
      return todo ? `deleted “${todo.title}”` : null;
    }
    case TODO_ACTIONS.add: {
      // `title` is the field name of cards stored before the seed's `todo_text`.
      const raw = payload[TODO_FIELD] ?? payload.title;
      const title = typeof raw === 'string' ? raw.trim().slice(0, 200) : '';
      if (!title) return null;
      const todo = await repo.add(userId, title);
      return `added “${todo.title}”`;
    }
    default:
      return null;
  }
}

function listForModel(todos: readonly Todo[]): string {
  return todos.length === 0
    ? 'The list is now empty.'
    : `The list now: ${todos.map((todo, i) => `${i + 1}. [${todo.done ? 'x' : ' '}] ${todo.title}`).join('; ')}.`;
}

/**
 * Applies a todo action: changes the list, notes the change as hidden context, and returns the refreshed
 * card item for `sender` (null without a sender or for an unknown action).
 */
export async function applyTodoAction<C extends RequestContext>(
  repo: TodoRepository,
  action: Action,
  sender: WidgetItem | null,
  ctx: ResponseContext<C>,
): Promise<WidgetItem | null> {
  if (!isTodoAction(action)) return null;
  const userId = ctx.context.userId;
  const change = await apply(repo, userId, action);
  const todos = await repo.list(userId);
  if (change) {
    const note: HiddenContextItem = {
      id: ctx.generateId('message'),
      thread_id: ctx.thread.id,
      created_at: ctx.now(),
      type: 'hidden_context_item',
      content: `<todo_update>The user ${change} using the todo card (no message was sent). ${listForModel(todos)}</todo_update>`,
    };
    await ctx.store.addThreadItem(ctx.thread.id, note, ctx.context);
  }
  if (!sender) return null;
  return { ...sender, widget: todoCard(todos), copy_text: todoCopyText(todos) };
}

/** The streaming action handler: one `thread.item.replaced` with the refreshed card. */
export async function* handleTodoAction<C extends RequestContext>(
  repo: TodoRepository,
  action: Action,
  sender: WidgetItem | null,
  ctx: ResponseContext<C>,
): AsyncGenerator<ThreadStreamEvent> {
  const updated = await applyTodoAction(repo, action, sender, ctx);
  if (updated) yield ctx.events.replaced(updated);
}
