import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadItem, ThreadStreamEvent, WidgetItem, WidgetNode } from '../../../src/protocol/types.js';
import { AgentHarness, assistantText, doneItems } from '../agent/agent-harness.js';

let harness: AgentHarness;

beforeEach(() => {
  // No key and no base URL: the offline demo model.
  harness = new AgentHarness({ openaiApiKey: null, openaiBaseUrl: null, model: 'unused' });
});
afterEach(async () => {
  await harness.close();
});

/** The newest open step widget (a returns ListView with clickable rows) among the events. */
function openStep(events: ThreadStreamEvent[]): WidgetItem {
  const widgets = doneItems(events).filter(
    (i): i is WidgetItem => i.type === 'widget' && String(i.widget.key).startsWith('returns-'),
  );
  const step = widgets.at(-1);
  if (!step) throw new Error(`no step widget in ${JSON.stringify(events.map((e) => e.type))}`);
  return step;
}

/** The click action of the row whose text contains `label`. */
function rowAction(widget: WidgetItem, label: string) {
  const row = (widget.widget.children as any[]).find((child) => JSON.stringify(child).includes(label));
  if (!row?.onClickAction) throw new Error(`no clickable row "${label}" in ${widget.widget.key}`);
  return row.onClickAction as { type: string; payload: unknown };
}

async function click(threadId: string, events: ThreadStreamEvent[], label: string) {
  const widget = openStep(events);
  return harness.action(threadId, widget.id, rowAction(widget, label));
}

function returnRow(id: string) {
  const db = new Database(harness.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM demo_returns WHERE id = ?').get(id) as
      Record<string, string> | undefined;
  } finally {
    db.close();
  }
}

function confirmation(events: ThreadStreamEvent[]): WidgetItem {
  const card = doneItems(events).find(
    (i): i is WidgetItem => i.type === 'widget' && i.widget.key === 'return-confirmation',
  );
  if (!card) throw new Error('no confirmation');
  return card;
}

const returnIdOf = (card: WidgetItem) => /RMA-[0-9A-F]{6}/.exec(JSON.stringify(card.widget))![0];

const stepKeys = (items: ThreadItem[]) =>
  items
    .filter((i): i is WidgetItem => i.type === 'widget')
    .map(
      (i) =>
        `${i.widget.key}${(i.widget as WidgetNode).status?.text?.includes('answered') ? ':answered' : ''}`,
    );

describe('order returns use case (offline demo model)', () => {
  it('the whole flow by clicks, with no further model involvement', async () => {
    const { events, threadId } = await harness.create('I want to return something');
    expect(assistantText(events)).toContain('Offline demo model');
    expect(openStep(events).widget.key).toBe('returns-customer');

    let step = await click(threadId, events, 'Alice Martin');
    expect(openStep(step).widget.key).toBe('returns-item');
    // The final-sale jacket is not offered.
    expect(JSON.stringify(openStep(step).widget)).not.toContain('Rain Jacket');
    step = await click(threadId, step, 'Wireless Headphones');
    step = await click(threadId, step, 'Damaged or defective');
    expect(openStep(step).widget.key).toBe('returns-resolution');
    step = await click(threadId, step, 'Full refund');
    step = await click(threadId, step, 'Courier pickup');
    const card = confirmation(step);
    const id = returnIdOf(card);
    expect(returnRow(id)).toMatchObject({
      customer_id: 'cus_alice',
      line_id: 'line_1001_1',
      reason: 'damaged',
      resolution: 'refund',
      shipping: 'pickup',
      thread_id: threadId,
      user_id: 'user_a',
    });
    expect(stepKeys(await harness.items(threadId))).toEqual([
      'returns-customer:answered',
      'returns-item:answered',
      'returns-reason:answered',
      'returns-resolution:answered',
      'returns-shipping:answered',
      'return-confirmation',
    ]);
    // Clicking an answered step again changes nothing.
    const stale = await harness.action(threadId, openStep(events).id, {
      type: 'returns.select',
      payload: { step: 'customer', value: 'cus_bob' },
    });
    expect(stale.some((e) => e.type === 'notice')).toBe(true);
  });

  it('the whole flow by typing, including the retention offer declined', async () => {
    const { threadId } = await harness.create('I want to return something');
    const say = async (text: string) => harness.send(threadId, text);
    let events = await say("I'm Bob, bob@example.com");
    expect(openStep(events).widget.key).toBe('returns-item');
    events = await say('the desk lamp');
    expect(openStep(events).widget.key).toBe('returns-reason');
    events = await say('I changed my mind');
    expect(openStep(events).widget.key).toBe('returns-offer');
    events = await say('no thanks, return it');
    expect(openStep(events).widget.key).toBe('returns-resolution');
    events = await say('full refund please');
    expect(openStep(events).widget.key).toBe('returns-shipping');
    events = await say('I will drop it off at a parcel point');
    const id = returnIdOf(confirmation(events));
    expect(returnRow(id)).toMatchObject({
      customer_id: 'cus_bob',
      line_id: 'line_1003_1',
      reason: 'changed_mind',
      resolution: 'refund',
      shipping: 'dropoff',
    });
    expect(assistantText(events)).toContain(id);
    // Typed answers never repeat a widget: every step appears exactly once.
    expect(stepKeys(await harness.items(threadId))).toEqual([
      'returns-customer:answered',
      'returns-item:answered',
      'returns-reason:answered',
      'returns-offer:answered',
      'returns-resolution:answered',
      'returns-shipping:answered',
      'return-confirmation',
    ]);
  });

  it('mixed clicks and typing; accepting the offer ends without a return row', async () => {
    const { events, threadId } = await harness.create('I need to return an order');
    let step = await click(threadId, events, 'Carla Rossi');
    step = await harness.send(threadId, 'the kettle');
    step = await click(threadId, step, 'Changed my mind');
    step = await harness.send(threadId, 'yes, I will keep it');
    expect(doneItems(step).some((i) => i.type === 'widget' && i.widget.key === 'return-kept')).toBe(true);
    const db = new Database(harness.dbPath, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM demo_returns').get()).toEqual({ n: 0 });
    db.close();
  });

  it('survives a server restart mid-flow (state in the store) and finishes', async () => {
    const { events, threadId } = await harness.create('I want to return something');
    let step = await click(threadId, events, 'Alice Martin');
    step = await harness.send(threadId, 'the mug');
    const reasonWidget = openStep(step);

    await harness.restart();
    const thread = await harness.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
    expect(thread.metadata).toEqual({}); // private state never leaves the server

    step = await harness.action(threadId, reasonWidget.id, rowAction(reasonWidget, 'Wrong item received'));
    step = await harness.send(threadId, 'exchange');
    step = await click(threadId, step, 'Drop off');
    const id = returnIdOf(confirmation(step));
    expect(returnRow(id)).toMatchObject({
      line_id: 'line_1001_2',
      reason: 'wrong_item',
      resolution: 'exchange',
      shipping: 'dropoff',
    });
  });

  it('shows tool status as a workflow while the typed path runs', async () => {
    const { threadId } = await harness.create('I want to return something');
    const events = await harness.send(threadId, 'Alice');
    const workflow = doneItems(events).find((i) => i.type === 'workflow');
    expect(workflow).toMatchObject({
      workflow: { type: 'custom', tasks: [{ title: 'Recording “Alice”', status_indicator: 'complete' }] },
    });
    expect(events.some((e) => e.type === 'progress_update')).toBe(true);
  });

  it('an unmatched typed answer keeps the step open and lists the options', async () => {
    const { threadId } = await harness.create('I want to return something');
    const events = await harness.send(threadId, 'Zaphod');
    expect(assistantText(events)).toMatch(/does not match/);
    expect(doneItems(events).some((i) => i.type === 'widget')).toBe(false);
  });
});
