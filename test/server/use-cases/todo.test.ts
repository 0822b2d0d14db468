import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '../../../src/protocol/types.js';
import { FakeOpenAIServer, reply } from '../../fixtures/fake-openai/fake-openai-server.js';
import { AgentHarness, assistantText, doneItems } from '../agent/agent-harness.js';

let fake: FakeOpenAIServer;
let harness: AgentHarness;

beforeAll(async () => {
  fake = await FakeOpenAIServer.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.fallback = () => reply.text('Unexpected request.');
  harness = new AgentHarness(
    { openaiApiKey: 'sk-test', openaiBaseUrl: fake.baseURL, model: 'fake-model' },
    { maxRetries: 0, titles: 'first-message' },
  );
});
afterEach(async () => {
  await harness.close();
});

const TODO = { tool_choice: { id: 'todo' } };

function cards(items: ThreadItem[], key = 'todo-card'): WidgetItem[] {
  return items.filter((i): i is WidgetItem => i.type === 'widget' && i.widget.key === key);
}

/** The todo rows of a card as a person sees them: text, ticked, struck through, and the row's actions. */
function rows(widget: any): { title: string; done: boolean; struck: boolean; toggle: any; remove: any }[] {
  const out: ReturnType<typeof rows> = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    const children: any[] = Array.isArray(node.children) ? node.children : [];
    const checkbox = children.find((c) => c.type === 'Checkbox');
    if (node.type === 'Row' && checkbox) {
      const text = children.find((c) => c.type === 'Text');
      const button = children.find((c) => c.type === 'Button');
      out.push({
        title: text.value,
        done: checkbox.defaultChecked === true,
        struck: text.lineThrough === true,
        toggle: checkbox.onChangeAction,
        remove: button.onClickAction,
      });
      return;
    }
    children.forEach(walk);
  };
  walk(widget);
  return out;
}

function findNode(node: any, predicate: (n: any) => boolean): any {
  if (!node || typeof node !== 'object') return undefined;
  if (predicate(node)) return node;
  for (const child of Array.isArray(node.children) ? node.children : []) {
    const found = findNode(child, predicate);
    if (found) return found;
  }
  return undefined;
}

const replaced = (events: ThreadStreamEvent[]) =>
  events.flatMap((e) => (e.type === 'thread.item.replaced' ? [e.item] : []));

describe('todo use case', () => {
  it('typed request → tool call → card appears and is persisted; a click toggles it without a model call', async () => {
    fake.enqueue(
      reply.tools({ name: 'add_todo', arguments: { title: 'buy milk' } }),
      reply.text('Added buy milk.'),
    );
    const { events, threadId } = await harness.create('add buy milk', TODO);
    const card = doneItems(events).find((i): i is WidgetItem => i.type === 'widget');
    expect(card?.widget.key).toBe('todo-card');
    expect(findNode(card!.widget, (n) => n.type === 'Title')).toMatchObject({
      value: 'My Todos',
      size: 'lg',
    });
    expect(rows(card!.widget)).toMatchObject([{ title: 'buy milk', done: false, struck: false }]);
    expect(assistantText(events)).toBe('Added buy milk.');
    expect(cards(await harness.items(threadId))).toHaveLength(1);

    const requestsBefore = fake.requestCount;
    const clicked = await harness.action(threadId, card!.id, rows(card!.widget)[0].toggle);
    expect(fake.requestCount).toBe(requestsBefore);
    const [newCard] = replaced(clicked);
    expect(newCard.id).toBe(card!.id);
    // Done items are ticked and struck through, as in seed 000.
    expect(rows((newCard as WidgetItem).widget)).toMatchObject([
      { title: 'buy milk', done: true, struck: true },
    ]);
    // Persisted in place: a reload shows the ticked card at the same position.
    const stored = cards(await harness.items(threadId));
    expect(stored.map((c) => c.id)).toEqual([card!.id]);
    expect(rows(stored[0].widget)[0].done).toBe(true);
    expect((await harness.hooks.todos.list('user_a'))[0].done).toBe(true);

    // The click reached the model's context: the next request carries a hidden note about it.
    fake.enqueue(reply.text('You already bought milk.'));
    await harness.send(threadId, 'did I buy milk?', TODO);
    const messages = fake.requests.at(-1)!.body.messages as { role: string; content: string }[];
    const note = messages.find((m) => m.role === 'user' && m.content.includes('<todo_update>'));
    expect(note?.content).toContain('marked “buy milk” as done using the todo card');
    expect(note?.content).toContain('1. [x] buy milk');
    // Hidden: the client never sees it.
    expect(JSON.stringify(await harness.items(threadId))).not.toContain('todo_update');
  });

  it('the same todos show in a new thread; earlier cards stay live and refresh when clicked', async () => {
    fake.enqueue(
      reply.tools({ name: 'add_todo', arguments: { title: 'walk the dog' } }),
      reply.text('Done.'),
    );
    const first = await harness.create('add walk the dog', TODO);
    const firstCard = cards(await harness.items(first.threadId))[0];
    fake.enqueue(reply.tools({ name: 'list_todos', arguments: {} }), reply.text('Here they are.'));
    const second = await harness.create('show my todos', TODO);
    const card = doneItems(second.events).find((i): i is WidgetItem => i.type === 'widget');
    expect(rows(card!.widget).map((r) => r.title)).toEqual(['walk the dog']);

    // Another card in the second thread leaves the previous one as it is (no collapse note).
    fake.enqueue(reply.tools({ name: 'list_todos', arguments: {} }), reply.text('Again.'));
    const again = await harness.send(second.threadId, 'show them again', TODO);
    expect(replaced(again)).toEqual([]);
    expect(cards(await harness.items(second.threadId))).toHaveLength(2);

    // A click on the first thread's older card acts on the current list and refreshes that card.
    const [clicked] = replaced(
      await harness.action(first.threadId, firstCard.id, rows(firstCard.widget)[0].toggle),
    );
    expect(rows((clicked as WidgetItem).widget)).toMatchObject([{ title: 'walk the dog', done: true }]);

    // Another user does not see these todos; their card shows the empty state.
    fake.enqueue(reply.tools({ name: 'list_todos', arguments: {} }), reply.text('Empty.'));
    const other = await harness.create('show my todos', TODO, { userId: 'user_b' });
    const otherCard = doneItems(other.events).find((i): i is WidgetItem => i.type === 'widget');
    expect(rows(otherCard!.widget)).toEqual([]);
    expect(JSON.stringify(otherCard!.widget)).toContain('No todos yet');
  });

  it('delete and add by the card work through actions (and as a sync action); the field starts empty after an add', async () => {
    fake.enqueue(
      reply.tools(
        { name: 'add_todo', arguments: { title: 'one' } },
        { name: 'add_todo', arguments: { title: 'two' } },
      ),
      reply.text('Added.'),
    );
    const { events, threadId } = await harness.create('add one and two', TODO);
    const card = doneItems(events)
      .filter((i): i is WidgetItem => i.type === 'widget' && i.widget.key === 'todo-card')
      .at(-1)!;
    const before = fake.requestCount;

    const form = findNode(card.widget, (n) => n.type === 'Form');
    const input = findNode(form, (n) => n.type === 'Input');
    expect(input).toMatchObject({ name: 'todo_text', placeholder: 'Add a new todo…' });
    expect(input.defaultValue).toBeUndefined();
    // The client merges the form's `todo_text` input into the submit action's payload (§7.4).
    const added = await harness.action(threadId, card.id, {
      type: form.onSubmitAction.type,
      payload: { todo_text: 'three' },
    });
    const afterAdd = replaced(added)[0] as WidgetItem;
    expect(rows(afterAdd.widget).map((r) => r.title)).toEqual(['one', 'two', 'three']);
    // A new key makes the client render a fresh (empty) field instead of keeping "three" typed in it.
    const inputAfter = findNode(afterAdd.widget, (n) => n.type === 'Input');
    expect(inputAfter.key).not.toBe(input.key);

    const deleted = await harness.action(threadId, card.id, rows(afterAdd.widget)[0].remove);
    const afterDelete = replaced(deleted)[0] as WidgetItem;
    expect(rows(afterDelete.widget).map((r) => r.title)).toEqual(['two', 'three']);
    // Deleting keeps the field's key: text being typed is not lost.
    expect(findNode(afterDelete.widget, (n) => n.type === 'Input').key).toBe(inputAfter.key);

    const toggle = rows(afterDelete.widget)[0].toggle;
    const sync = await harness.json({
      type: 'threads.sync_custom_action',
      params: {
        thread_id: threadId,
        item_id: card.id,
        action: { type: toggle.type, payload: toggle.payload },
      },
    });
    expect(rows(sync.updated_item.widget)[0]).toMatchObject({ title: 'two', done: true, struck: true });
    expect(fake.requestCount).toBe(before);
    expect((await harness.hooks.todos.list('user_a')).map((t) => [t.title, t.done])).toEqual([
      ['two', true],
      ['three', false],
    ]);
    // An empty add changes nothing.
    const empty = await harness.action(threadId, card.id, { type: 'todo.add', payload: { todo_text: '  ' } });
    expect(rows((replaced(empty)[0] as WidgetItem).widget)).toHaveLength(2);
  });

  it('complete and delete tools find todos by title', async () => {
    await harness.hooks.todos.add('user_a', 'buy bread');
    fake.enqueue(
      reply.tools({ name: 'complete_todo', arguments: { todo: 'bread' } }),
      reply.text('Completed.'),
    );
    const { threadId } = await harness.create('complete bread', TODO);
    expect((await harness.hooks.todos.list('user_a'))[0].done).toBe(true);
    fake.enqueue(
      reply.tools({ name: 'delete_todo', arguments: { todo: 'buy bread' } }),
      reply.text('Deleted.'),
    );
    await harness.send(threadId, 'delete buy bread', TODO);
    expect(await harness.hooks.todos.list('user_a')).toEqual([]);
  });
});

describe('todo use case: one shared list (DEMO_TODO_SCOPE=shared)', () => {
  let shared: AgentHarness;
  beforeEach(() => {
    shared = new AgentHarness(
      { openaiApiKey: 'sk-test', openaiBaseUrl: fake.baseURL, model: 'fake-model' },
      { maxRetries: 0, titles: 'first-message', todoScope: 'shared' },
    );
  });
  afterEach(async () => {
    await shared.close();
  });

  it('every user sees and changes the same list', async () => {
    fake.enqueue(reply.tools({ name: 'add_todo', arguments: { title: 'team lunch' } }), reply.text('Added.'));
    await shared.create('add team lunch', TODO, { userId: 'user_a' });
    fake.enqueue(reply.tools({ name: 'list_todos', arguments: {} }), reply.text('Here.'));
    const other = await shared.create('show my todos', TODO, { userId: 'user_b' });
    const card = doneItems(other.events).find((i): i is WidgetItem => i.type === 'widget')!;
    expect(rows(card.widget).map((r) => r.title)).toEqual(['team lunch']);
    shared.context = { userId: 'user_b' };
    await shared.action(other.threadId, card.id, rows(card.widget)[0].toggle);
    expect((await shared.hooks.todos.list('anyone'))[0]).toMatchObject({ title: 'team lunch', done: true });
  });
});
