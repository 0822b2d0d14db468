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

/** Every Checkbox in a widget tree. */
function checkboxes(node: any, out: any[] = []): any[] {
  if (!node || typeof node !== 'object') return out;
  if (node.type === 'Checkbox') out.push(node);
  for (const child of Array.isArray(node.children) ? node.children : node.children ? [node.children] : [])
    checkboxes(child, out);
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
    expect(checkboxes(card!.widget)).toMatchObject([{ label: 'buy milk', defaultChecked: false }]);
    expect(assistantText(events)).toBe('Added buy milk.');
    expect(cards(await harness.items(threadId))).toHaveLength(1);

    const requestsBefore = fake.requestCount;
    const [checkbox] = checkboxes(card!.widget);
    const clicked = await harness.action(threadId, card!.id, checkbox.onChangeAction);
    expect(fake.requestCount).toBe(requestsBefore);
    const [newCard] = replaced(clicked);
    expect(newCard.id).toBe(card!.id);
    expect(checkboxes((newCard as WidgetItem).widget)).toMatchObject([
      { label: 'buy milk', defaultChecked: true },
    ]);
    // Persisted in place: a reload shows the ticked card at the same position.
    const stored = cards(await harness.items(threadId));
    expect(stored.map((c) => c.id)).toEqual([card!.id]);
    expect(checkboxes(stored[0].widget)[0].defaultChecked).toBe(true);
    expect((await harness.hooks.todos.list('user_a'))[0].done).toBe(true);
  });

  it('the same todos show in a new thread; older cards collapse to a snapshot', async () => {
    fake.enqueue(
      reply.tools({ name: 'add_todo', arguments: { title: 'walk the dog' } }),
      reply.text('Done.'),
    );
    const first = await harness.create('add walk the dog', TODO);
    fake.enqueue(reply.tools({ name: 'list_todos', arguments: {} }), reply.text('Here they are.'));
    const second = await harness.create('show my todos', TODO);
    const card = doneItems(second.events).find((i): i is WidgetItem => i.type === 'widget');
    expect(checkboxes(card!.widget).map((c) => c.label)).toEqual(['walk the dog']);

    // Another card in the second thread collapses the previous one there.
    fake.enqueue(reply.tools({ name: 'list_todos', arguments: {} }), reply.text('Again.'));
    const again = await harness.send(second.threadId, 'show them again', TODO);
    expect(replaced(again).map((i) => i.id)).toEqual([card!.id]);
    const items = await harness.items(second.threadId);
    expect(cards(items)).toHaveLength(1);
    expect(cards(items, 'todo-card-snapshot').map((c) => c.id)).toEqual([card!.id]);
    // The first thread is untouched.
    expect(cards(await harness.items(first.threadId))).toHaveLength(1);

    // Another user does not see these todos.
    fake.enqueue(reply.tools({ name: 'list_todos', arguments: {} }), reply.text('Empty.'));
    const other = await harness.create('show my todos', TODO, { userId: 'user_b' });
    const otherCard = doneItems(other.events).find((i): i is WidgetItem => i.type === 'widget');
    expect(checkboxes(otherCard!.widget)).toEqual([]);
  });

  it('delete and add by the card work through actions (and as a sync action)', async () => {
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
    // The client merges the form's `title` input into the submit action's payload (§7.4).
    const added = await harness.action(threadId, card.id, {
      type: form.onSubmitAction.type,
      payload: { title: 'three' },
    });
    const afterAdd = replaced(added)[0] as WidgetItem;
    expect(checkboxes(afterAdd.widget).map((c) => c.label)).toEqual(['one', 'two', 'three']);

    const deleteOne = findNode(afterAdd.widget, (n) => n.type === 'Button' && n.label === 'Delete');
    const deleted = await harness.action(threadId, card.id, deleteOne.onClickAction);
    expect(checkboxes((replaced(deleted)[0] as WidgetItem).widget).map((c) => c.label)).toEqual([
      'two',
      'three',
    ]);

    const toggle = checkboxes((replaced(deleted)[0] as WidgetItem).widget)[0].onChangeAction;
    const sync = await harness.json({
      type: 'threads.sync_custom_action',
      params: {
        thread_id: threadId,
        item_id: card.id,
        action: { type: toggle.type, payload: toggle.payload },
      },
    });
    expect(checkboxes(sync.updated_item.widget)[0]).toMatchObject({ label: 'two', defaultChecked: true });
    expect(fake.requestCount).toBe(before);
    expect((await harness.hooks.todos.list('user_a')).map((t) => [t.title, t.done])).toEqual([
      ['two', true],
      ['three', false],
    ]);
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
