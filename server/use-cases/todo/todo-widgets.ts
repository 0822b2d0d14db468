/**
 * The todo card (seed 000): the title "My Todos", one row per todo (a checkbox that toggles it, the text,
 * struck through when done, and a delete button), an empty state, and an add form whose field starts
 * empty again after every add.
 *
 * @module
 */
import type { WidgetComponent, WidgetRoot } from '../../../src/protocol/types.js';
import type { Todo } from './todo-repository.js';

/** `key` of the todo card root; todo cards are found by it. */
export const TODO_CARD_KEY = 'todo-card';

/** Action types fired by the card. */
export const TODO_ACTIONS = { toggle: 'todo.toggle', add: 'todo.add', remove: 'todo.delete' } as const;

/** Name of the add form's text field (merged into the `todo.add` payload). */
export const TODO_FIELD = 'todo_text';

/** The card's title, as in seed 000. */
export const TODO_CARD_TITLE = 'My Todos';

/**
 * A checkbox name whose last dot segment is the todo's text: with no visible label of its own (the text
 * beside it carries the strike-through), the checkbox takes its accessible name from it.
 */
function checkboxName(todo: Todo, used: Set<string>): string {
  const base = `done.${todo.title.replace(/[\s.]+/g, '-').slice(0, 60) || todo.id}`;
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
  used.add(name);
  return name;
}

/** The todo card for the current list. */
export function todoCard(todos: readonly Todo[]): WidgetRoot {
  const used = new Set<string>();
  const done = todos.filter((todo) => todo.done).length;
  const rows = todos.map((todo): WidgetComponent => ({
    type: 'Row',
    key: todo.id,
    align: 'center',
    gap: 3,
    children: [
      {
        type: 'Checkbox',
        name: checkboxName(todo, used),
        defaultChecked: todo.done,
        // The payload carries the target state: the card is replaced after every action, so it is current.
        onChangeAction: { type: TODO_ACTIONS.toggle, payload: { id: todo.id, done: !todo.done } },
      },
      {
        type: 'Text',
        value: todo.title,
        lineThrough: todo.done,
        color: todo.done ? 'tertiary' : 'primary',
        size: 'sm',
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
  // A new key after each add makes the field a fresh, empty input; other updates keep what is typed.
  const newest = todos.reduce<Todo | null>(
    (latest, todo) => (!latest || todo.createdAt >= latest.createdAt ? todo : latest),
    null,
  );
  return {
    type: 'Card',
    key: TODO_CARD_KEY,
    size: 'md',
    children: [
      {
        type: 'Row',
        align: 'center',
        children: [
          { type: 'Title', value: TODO_CARD_TITLE, size: 'lg' },
          { type: 'Spacer' },
          ...(todos.length > 0
            ? [
                {
                  type: 'Caption',
                  value: `${done} of ${todos.length} done`,
                  color: 'secondary',
                } satisfies WidgetComponent,
              ]
            : []),
        ],
      },
      todos.length === 0
        ? {
            type: 'Col',
            align: 'center',
            padding: { y: 4 },
            gap: 1,
            children: [
              { type: 'Icon', name: 'notebook-pencil', color: 'tertiary', size: 'xl' },
              { type: 'Text', value: 'No todos yet', weight: 'semibold', size: 'sm' },
              { type: 'Caption', value: 'Add your first one below.', color: 'secondary' },
            ],
          }
        : { type: 'Col', gap: 2, children: rows },
      { type: 'Divider', flush: true },
      {
        type: 'Form',
        direction: 'row',
        gap: 2,
        onSubmitAction: { type: TODO_ACTIONS.add, loadingBehavior: 'container' },
        children: [
          {
            // The field takes the row's free width.
            type: 'Box',
            flex: 1,
            children: [
              {
                type: 'Input',
                key: `new-todo-${newest?.id ?? 'none'}`,
                name: TODO_FIELD,
                placeholder: 'Add a new todo…',
                required: true,
              },
            ],
          },
          { type: 'Button', label: 'Add', submit: true, iconStart: 'plus', color: 'primary' },
        ],
      },
    ],
  };
}

/** Plain-text version of the list for the copy button and the model's history. */
export function todoCopyText(todos: readonly Todo[]): string {
  if (todos.length === 0) return `${TODO_CARD_TITLE}: (empty)`;
  return [
    `${TODO_CARD_TITLE}:`,
    ...todos.map((todo, i) => `${i + 1}. [${todo.done ? 'x' : ' '}] ${todo.title} (id ${todo.id})`),
  ].join('\n');
}

/** Whether an item is a todo card. */
export function isTodoCard(item: { type: string; widget?: WidgetRoot }): boolean {
  return item.type === 'widget' && item.widget?.key === TODO_CARD_KEY;
}
