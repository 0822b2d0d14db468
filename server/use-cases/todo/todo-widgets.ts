/**
 * Widgets of the todo use case: the todo card (a checkbox per todo that toggles it, a delete button per
 * todo, an add form) and the snapshot note older cards collapse into when a newer card appears.
 *
 * @module
 */
import type { WidgetComponent, WidgetItem, WidgetRoot } from '../../../src/protocol/types.js';
import type { Todo } from './todo-repository.js';

/** `key` of the live todo card root; older cards are found by it. */
export const TODO_CARD_KEY = 'todo-card';
/** `key` of a collapsed (snapshot) todo card. */
export const TODO_SNAPSHOT_KEY = 'todo-card-snapshot';

/** Action types fired by the card. */
export const TODO_ACTIONS = { toggle: 'todo.toggle', add: 'todo.add', remove: 'todo.delete' } as const;

/** The live todo card. */
export function todoCard(todos: readonly Todo[]): WidgetRoot {
  const open = todos.filter((todo) => !todo.done).length;
  const rows = todos.map((todo): WidgetComponent => ({
    type: 'Row',
    key: todo.id,
    align: 'center',
    gap: 2,
    children: [
      {
        type: 'Checkbox',
        name: `done.${todo.id}`,
        label: todo.title,
        defaultChecked: todo.done,
        // The payload carries the target state: the card is replaced after every action, so it is current.
        onChangeAction: { type: TODO_ACTIONS.toggle, payload: { id: todo.id, done: !todo.done } },
      },
      { type: 'Spacer' },
      {
        type: 'Button',
        label: 'Delete',
        size: 'sm',
        variant: 'ghost',
        color: 'danger',
        onClickAction: { type: TODO_ACTIONS.remove, payload: { id: todo.id }, loadingBehavior: 'self' },
      },
    ],
  }));
  return {
    type: 'Card',
    key: TODO_CARD_KEY,
    size: 'md',
    children: [
      {
        type: 'Row',
        align: 'center',
        children: [
          { type: 'Title', value: 'My todos', size: 'sm' },
          { type: 'Spacer' },
          { type: 'Badge', label: `${open} open`, color: open > 0 ? 'info' : 'success', variant: 'soft' },
        ],
      },
      { type: 'Divider', flush: true },
      todos.length === 0
        ? { type: 'Text', value: 'No todos yet. Add one below.', color: 'secondary', size: 'sm' }
        : { type: 'Col', gap: 1, children: rows },
      {
        type: 'Form',
        direction: 'row',
        gap: 2,
        onSubmitAction: { type: TODO_ACTIONS.add, loadingBehavior: 'container' },
        children: [
          { type: 'Input', name: 'title', placeholder: 'Add a todo', required: true },
          { type: 'Button', label: 'Add', submit: true, iconStart: 'plus' },
        ],
      },
    ],
  };
}

/** Plain-text version of the list for the copy button and the model's history. */
export function todoCopyText(todos: readonly Todo[]): string {
  if (todos.length === 0) return 'Todo list: (empty)';
  return [
    'Todo list:',
    ...todos.map((todo, i) => `${i + 1}. [${todo.done ? 'x' : ' '}] ${todo.title} (id ${todo.id})`),
  ].join('\n');
}

/** What an older card becomes when a newer one appears: a short note, no controls. */
export function todoSnapshot(previous: WidgetItem): WidgetRoot {
  const text = previous.copy_text ?? '';
  const total = (text.match(/^\d+\. /gm) ?? []).length;
  const done = (text.match(/^\d+\. \[x\]/gm) ?? []).length;
  return {
    type: 'Card',
    key: TODO_SNAPSHOT_KEY,
    size: 'md',
    children: [
      {
        type: 'Row',
        gap: 2,
        align: 'center',
        children: [
          { type: 'Icon', name: 'notebook', color: 'secondary', size: 'sm' },
          {
            type: 'Caption',
            value: `Earlier todo list (${total} item${total === 1 ? '' : 's'}, ${done} done). The current list is further down.`,
            color: 'secondary',
          },
        ],
      },
    ],
  };
}

/** Whether an item is a live todo card. */
export function isLiveTodoCard(item: { type: string; widget?: WidgetRoot }): item is WidgetItem {
  return item.type === 'widget' && item.widget?.key === TODO_CARD_KEY;
}
