/**
 * Clicks on the todo card (checkbox toggle, delete, add form) handled without any model call: the database
 * changes and the card is replaced in place (`thread.item.replaced`, persisted by the server).
 *
 * @module
 */
import type { Action, ThreadStreamEvent, WidgetItem } from '../../../src/protocol/types.js';
import type { ResponseContext } from '../../chatkit/types.js';
import type { RequestContext } from '../../stores/store.js';
import type { TodoRepository } from './todo-repository.js';
import { TODO_ACTIONS, todoCard, todoCopyText } from './todo-widgets.js';

/** Whether an action belongs to the todo card. */
export function isTodoAction(action: Action): boolean {
  return (Object.values(TODO_ACTIONS) as string[]).includes(action.type);
}

/** Applies a todo action; returns the refreshed card item for `sender`, or null if nothing applies. */
export async function applyTodoAction<C extends RequestContext>(
  repo: TodoRepository,
  action: Action,
  sender: WidgetItem | null,
  ctx: ResponseContext<C>,
): Promise<WidgetItem | null> {
  const userId = ctx.context.userId;
  const payload = (action.payload ?? {}) as Record<string, unknown>;
  const id = typeof payload.id === 'string' ? payload.id : '';
  switch (action.type) {
    case TODO_ACTIONS.toggle:
      if (id) await repo.setDone(userId, id, payload.done !== false);
      break;
    case TODO_ACTIONS.remove:
      if (id) await repo.remove(userId, id);
      break;
    case TODO_ACTIONS.add: {
      const title = typeof payload.title === 'string' ? payload.title.trim() : '';
      if (title) await repo.add(userId, title.slice(0, 200));
      break;
    }
    default:
      return null;
  }
  const todos = await repo.list(userId);
  const widget = todoCard(todos);
  if (!sender) return null;
  return { ...sender, widget, copy_text: todoCopyText(todos) };
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
