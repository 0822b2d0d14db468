/**
 * Finished tool status rows read as done ("Loaded your todos", not "Loading your todos"): every tool of
 * every demo use case that shows a status row has a finished wording, and the runner applies it to the
 * expanded task list and the collapsed summary, whether the tool's widget closed the workflow early or the
 * tool finished first (then the wording may depend on its result).
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadStreamEvent, WorkflowItem } from '../../../src/protocol/types.js';
import { isServerTool } from '../../../server/agent/agent-tool.js';
import { createDemoUseCases } from '../../../server/use-cases/demo.js';
import { AgentHarness, doneItems } from './agent-harness.js';

/** Sample arguments per tool, so argument-dependent wording is exercised too. */
const SAMPLE_ARGS: Record<string, Record<string, unknown>> = {
  add_todo: { title: 'buy milk' },
  complete_todo: { todo: 'buy milk', done: true },
  delete_todo: { todo: 'buy milk' },
  start_return: { query: 'alice@example.com' },
  lookup_customer: { query: 'ORD-1001' },
  select_return_items: { items: ['line_1001_1', 'line_1001_2'] },
  respond_to_offer: { decision: 'accept' },
  select_return_option: { step: 'resolution', choice: 'refund' },
  recommend_product: { need: 'rain' },
};

const wording = (value: unknown, args: Record<string, unknown>): string =>
  typeof value === 'function' ? value(args) : String(value);

describe('every status row has a finished wording', () => {
  const db = new Database(':memory:');
  const { useCases } = createDemoUseCases(db);
  const tools = useCases.flatMap((useCase) =>
    useCase.agent.tools.filter(isServerTool).map((tool) => ({ useCase: useCase.id, tool })),
  );

  it('covers the tools of todo, returns, shop and general', () => {
    const ids = new Set(tools.map((entry) => entry.useCase));
    expect([...ids]).toEqual(expect.arrayContaining(['todo', 'returns', 'shop', 'staff-pick', 'general']));
    expect(tools.length).toBeGreaterThan(12);
  });

  it.each(
    tools
      .filter(({ tool }) => tool.statusTitle !== null)
      .map(({ useCase, tool }) => [useCase, tool.name, tool]),
  )('%s: %s', (_useCase, _name, tool) => {
    const args = SAMPLE_ARGS[tool.name] ?? {};
    expect(tool.doneTitle, `${tool.name} needs a doneTitle`).toBeDefined();
    const running = wording(tool.statusTitle, args);
    const done = wording(tool.doneTitle, args);
    expect(done).not.toBe(running);
    expect(done).not.toMatch(/ing\b/); // "Loading", "Adding", "Noting" are running words
    // Ids the model passed never show (returns: line ids, customer ids).
    expect(done).not.toMatch(/line_|cus_/);
  });
});

function workflows(events: ThreadStreamEvent[]): WorkflowItem[] {
  return doneItems(events).filter((item): item is WorkflowItem => item.type === 'workflow');
}

describe('the runner shows the finished wording (offline demo model)', () => {
  let harness: AgentHarness;
  beforeEach(() => {
    harness = new AgentHarness({ openaiApiKey: null, openaiBaseUrl: null, model: 'offline' });
  });
  afterEach(async () => {
    await harness.close();
  });

  it('a tool whose widget closes the workflow early: "Loading your todos" ends as "Loaded your todos"', async () => {
    const { events } = await harness.create('show my todos');
    const added = events.find(
      (e) => e.type === 'thread.item.updated' && e.update.type === 'workflow.task.added',
    );
    expect(added).toMatchObject({
      update: { task: { title: 'Loading your todos', status_indicator: 'loading' } },
    });
    const [workflow] = workflows(events);
    expect(workflow.workflow.tasks).toEqual([
      expect.objectContaining({ title: 'Loaded your todos', status_indicator: 'complete' }),
    ]);
    expect(workflow.workflow.summary).toEqual({ title: 'Loaded your todos', icon: 'check-circle' });
    // Stored the same way: a reload shows the finished wording too.
    const stored = (await harness.items(workflow.thread_id)).find((item) => item.id === workflow.id);
    expect(stored).toMatchObject({ workflow: { tasks: [{ title: 'Loaded your todos' }] } });
  });

  it('parallel calls: each task gets its own finished wording, the summary counts the rest', async () => {
    const { events } = await harness.create('add buy milk and call mom');
    const [workflow] = workflows(events);
    expect(workflow.workflow.tasks.map((task) => task.title)).toEqual([
      'Added “buy milk”',
      'Added “call mom”',
    ]);
    expect(workflow.workflow.summary).toEqual({ title: 'Added “buy milk” and 1 more', icon: 'check-circle' });
  });

  it('a tool that finishes without a widget: the wording follows its result', async () => {
    const { threadId } = await harness.create('add buy milk');
    const events = await harness.send(threadId, 'mark walk the dog as done');
    const [workflow] = workflows(events);
    expect(workflow.workflow.tasks).toEqual([
      expect.objectContaining({
        type: 'custom',
        title: 'No todo matches “walk the dog”',
        status_indicator: 'complete',
        icon: 'check',
      }),
    ]);
    expect(workflow.workflow.summary).toMatchObject({ title: 'No todo matches “walk the dog”' });
  });
});
