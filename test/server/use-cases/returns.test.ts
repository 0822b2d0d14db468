/**
 * The returns use case through the real ChatKitServer, a real SQLite file and the offline demo model:
 * clicks (actions, no model call), typing (the agent's tools) and both mixed converge on one flow state;
 * the lookup, several items, a reason per item, tier offers (accepted offer stored, credit on the
 * account), the RMA rows, and a restart mid-flow.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadItem, ThreadStreamEvent, WidgetItem } from '../../../src/protocol/types.js';
import { AgentHarness, assistantText, doneItems } from '../agent/agent-harness.js';

let harness: AgentHarness;

beforeEach(() => {
  // No key and no base URL: the offline demo model.
  harness = new AgentHarness({ openaiApiKey: null, openaiBaseUrl: null, model: 'unused' });
});
afterEach(async () => {
  await harness.close();
});

const isStep = (i: ThreadItem): i is WidgetItem =>
  i.type === 'widget' && /^returns?-/.test(String(i.widget.key));

/** The newest returns widget among the events (new or replaced). */
function newest(events: ThreadStreamEvent[], key?: string): WidgetItem {
  const items = events.flatMap((e) =>
    e.type === 'thread.item.done' || e.type === 'thread.item.replaced' ? [e.item] : [],
  );
  const widgets = items.filter(isStep).filter((w) => !key || w.widget.key === key);
  const found = widgets.at(-1);
  if (!found)
    throw new Error(`no ${key ?? 'returns'} widget in ${JSON.stringify(events.map((e) => e.type))}`);
  return found;
}

/** The click action of the node whose subtree contains `label` and has an onClickAction. */
function clickAction(widget: WidgetItem, label: string) {
  let found: any = null;
  const visit = (node: any) => {
    if (!node || typeof node !== 'object' || found) return;
    if (node.onClickAction && JSON.stringify(node).includes(label)) {
      const deeper = (node.children ?? []).some((c: any) => JSON.stringify(c).includes('onClickAction'));
      if (!deeper) {
        found = node.onClickAction;
        return;
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(widget.widget);
  if (!found) throw new Error(`nothing clickable with "${label}" in ${widget.widget.key}`);
  return found as { type: string; payload: unknown };
}

/** The widget node with this form field name. */
function nodeNamed(widget: WidgetItem, name: string): Record<string, unknown> | null {
  const visit = (node: any): any =>
    !node || typeof node !== 'object'
      ? null
      : node.name === name
        ? node
        : (node.children ?? []).reduce((found: any, child: any) => found ?? visit(child), null);
  return visit(widget.widget);
}

const click = (threadId: string, widget: WidgetItem, label: string) =>
  harness.action(threadId, widget.id, clickAction(widget, label));

function db() {
  return new Database(harness.dbPath, { readonly: true });
}
function query<T = Record<string, unknown>>(sql: string, ...args: unknown[]): T[] {
  const conn = db();
  try {
    return conn.prepare(sql).all(...args) as T[];
  } finally {
    conn.close();
  }
}

const rmaOf = (events: ThreadStreamEvent[]) =>
  /RMA-[0-9A-F]{6}/.exec(JSON.stringify(newest(events, 'return-confirmation').widget))![0];

/** Widget keys of the thread with their status text, oldest first. */
async function statusRows(threadId: string) {
  return (await harness.items(threadId))
    .filter(isStep)
    .map((w) => `${w.widget.key}: ${(w.widget.status as { text?: string } | undefined)?.text ?? ''}`);
}

describe('returns by clicking (no model call after the first message)', () => {
  it('lookup form → two items → reason per item → tier offers declined → refund → pickup → RMA', async () => {
    const { events, threadId } = await harness.create('I want to return something');
    expect(assistantText(events)).toMatch(/email address, order number or name/);
    const lookup = newest(events, 'returns-customer');
    expect(JSON.stringify(lookup.widget)).toContain('"name":"query"');

    let step = await harness.action(threadId, lookup.id, {
      type: 'returns.lookup',
      payload: { query: 'ALICE@example.com' },
    });
    const items = newest(step, 'returns-item');
    const itemsJson = JSON.stringify(items.widget);
    expect(itemsJson).toContain('Gold member');
    expect(itemsJson).toMatch(/"name":"selected_items.line_1002_1","label":"Rain Jacket","disabled":true/);
    expect(itemsJson).toContain('Final sale, not returnable');
    expect(newest(step, 'returns-customer').widget.status).toMatchObject({ text: 'Account found' });

    step = await harness.action(threadId, items.id, {
      type: 'returns.items',
      payload: { selected_items: { line_1001_1: true, line_1001_2: false, line_1002_2: true } },
    });
    let reasons = newest(step, 'returns-reason');
    expect(nodeNamed(reasons, 'reasons.line_1001_1')).toMatchObject({ type: 'Select' });
    expect(nodeNamed(reasons, 'reasons.line_1002_2')).toMatchObject({ type: 'Select' });

    // The catalog's Select has no `required`: a submit with a reason missing gets the form back, the
    // given reason kept as the default and the missing one still asked.
    step = await harness.action(threadId, reasons.id, {
      type: 'returns.reasons',
      payload: { reasons: { line_1001_1: 'damaged' } },
    });
    reasons = newest(step, 'returns-reason');
    expect(nodeNamed(reasons, 'reasons.line_1001_1')).toMatchObject({
      type: 'Select',
      defaultValue: 'damaged',
    });
    expect(nodeNamed(reasons, 'reasons.line_1002_2')).not.toHaveProperty('defaultValue');
    expect(reasons.widget.status).toMatchObject({ text: 'Why are you returning these items?' });

    step = await harness.action(threadId, reasons.id, {
      type: 'returns.reasons',
      payload: { reasons: { line_1001_1: 'damaged', line_1002_2: 'changed_mind' } },
    });
    const offers = newest(step, 'returns-offer');
    // Gold: 20% of the backpack ($74.00) as credit, or 15% off the next order.
    expect(JSON.stringify(offers.widget)).toContain('Keep the Travel Backpack and get $14.80 store credit');
    expect(JSON.stringify(offers.widget)).toContain('15% off your next order');

    step = await click(threadId, offers, 'No thanks');
    step = await click(threadId, newest(step, 'returns-resolution'), 'Full refund');
    step = await click(threadId, newest(step, 'returns-shipping'), 'Schedule a pickup');
    const rma = rmaOf(step);
    const card = JSON.stringify(newest(step, 'return-confirmation').widget);
    expect(card).toContain('Wireless Headphones');
    expect(card).toContain('Travel Backpack');
    expect(card).toContain('$203.00');

    expect(
      query(
        'SELECT customer_id, resolution, shipping, amount_cents, thread_id, user_id FROM returns_requests WHERE id = ?',
        rma,
      ),
    ).toEqual([
      {
        customer_id: 'cus_alice',
        resolution: 'refund',
        shipping: 'pickup',
        amount_cents: 20300,
        thread_id: threadId,
        user_id: 'user_a',
      },
    ]);
    expect(
      query('SELECT line_id, reason FROM returns_request_items WHERE return_id = ? ORDER BY line_id', rma),
    ).toEqual([
      { line_id: 'line_1001_1', reason: 'damaged' },
      { line_id: 'line_1002_2', reason: 'changed_mind' },
    ]);
    expect(query('SELECT COUNT(*) AS n FROM returns_accepted_offers')).toEqual([{ n: 0 }]);

    // Every asking widget now reads as done; nothing is repeated.
    expect(await statusRows(threadId)).toEqual([
      'returns-customer: Account found',
      'returns-item: 2 items selected',
      'returns-reason: Reasons noted',
      'returns-offer: Offers declined',
      'returns-resolution: Resolution chosen',
      'returns-shipping: Shipping chosen',
      'return-confirmation: Return created',
    ]);

    // A click on an answered step changes nothing and says so.
    const stale = await harness.action(threadId, items.id, {
      type: 'returns.items',
      payload: { selected_items: { line_1001_2: true } },
    });
    expect(stale.find((e) => e.type === 'notice')).toMatchObject({
      message: 'This return is already finished.',
    });
  });

  it('an empty item selection keeps the step open with a note', async () => {
    const { events, threadId } = await harness.create('I want to return something');
    let step = await harness.action(threadId, newest(events).id, {
      type: 'returns.lookup',
      payload: { query: 'ORD-1003' },
    });
    step = await harness.action(threadId, newest(step, 'returns-item').id, {
      type: 'returns.items',
      payload: { selected_items: { line_1003_1: false } },
    });
    expect(step.find((e) => e.type === 'notice')).toMatchObject({
      message: 'Tick at least one item to return.',
    });
    expect(doneItems(step)).toEqual([]);
  });
});

describe('returns by typing (offline demo model)', () => {
  it('name + email, two items, a reason per item in one sentence, offer accepted and stored', async () => {
    const { threadId } = await harness.create('I want to return something');
    const say = (text: string) => harness.send(threadId, text);
    let events = await say("I'm Bob, bob@example.com");
    expect(assistantText(events)).toContain('Thanks, Bob! I found your account (Silver member).');
    events = await say('the desk lamp and the running shoes');
    expect(newest(events, 'returns-reason').widget.type).toBe('Card');
    events = await say('the lamp is broken and I changed my mind about the shoes');
    const offers = JSON.stringify(newest(events, 'returns-offer').widget);
    // Silver: 15% of $110.00 as credit, or 10% off.
    expect(offers).toContain('Keep the Running Shoes and get $16.50 store credit');
    expect(offers).toContain('10% off your next order');
    events = await say("ok, I'll take the store credit");
    expect(assistantText(events)).toContain(
      'you keep the Running Shoes and $16.50 store credit is on your account',
    );
    events = await say('full refund please');
    events = await say("I'll drop it off myself");
    const rma = rmaOf(events);
    expect(assistantText(events)).toContain(`Your return ${rma} is confirmed`);
    expect(query('SELECT line_id, reason FROM returns_request_items WHERE return_id = ?', rma)).toEqual([
      { line_id: 'line_1003_1', reason: 'damaged' },
    ]);
    expect(
      query('SELECT resolution, shipping, amount_cents FROM returns_requests WHERE id = ?', rma),
    ).toEqual([{ resolution: 'refund', shipping: 'dropoff', amount_cents: 4500 }]);
    expect(
      query(
        'SELECT customer_id, offer_id, kind, amount_cents, line_ids, thread_id FROM returns_accepted_offers',
      ),
    ).toEqual([
      {
        customer_id: 'cus_bob',
        offer_id: 'credit_15',
        kind: 'store_credit',
        amount_cents: 1650,
        line_ids: '["line_1003_2"]',
        thread_id: threadId,
      },
    ]);
    expect(query('SELECT store_credit_cents FROM returns_customers WHERE id = ?', 'cus_bob')).toEqual([
      { store_credit_cents: 1650 },
    ]);
    // The kept shoes cannot be returned afterwards (and the lamp is returned): nothing left for Bob.
    const again = await harness.create('I want to return something');
    const next = await harness.send(again.threadId, 'bob@example.com');
    expect(newest(next, 'return-nothing')).toBeTruthy();
    expect(assistantText(next)).toContain('none of your orders has an item that can still be returned');
    expect(await statusRows(threadId)).toEqual([
      'returns-customer: Account found',
      'returns-item: 2 items selected',
      'returns-reason: Reasons noted',
      'returns-offer: Offer accepted',
      'returns-resolution: Resolution chosen',
      'returns-shipping: Shipping chosen',
      'return-confirmation: Return created',
    ]);
  });

  it('a name shared by two customers asks which account; typed partial reasons ask for the rest', async () => {
    const { threadId } = await harness.create('I need to send something back');
    let events = await harness.send(threadId, 'Martin');
    expect(assistantText(events)).toContain(
      'I found 2 accounts matching “Martin”: Alice Martin and Dan Martin.',
    );
    const accounts = newest(events, 'returns-account');
    events = await click(threadId, accounts, 'Dan Martin');
    expect(JSON.stringify(newest(events, 'returns-item').widget)).toContain('Platinum member');
    events = await harness.send(threadId, 'both');
    events = await harness.send(threadId, 'the kettle is faulty');
    expect(assistantText(events)).toBe('Noted. And why are you returning the Wireless Headphones?');
    // The form keeps the known reason selected.
    const form = newest(events, 'returns-reason');
    expect(nodeNamed(form, 'reasons.line_1005_2')).toMatchObject({ defaultValue: 'damaged' });
    expect(nodeNamed(form, 'reasons.line_1005_1')).not.toHaveProperty('defaultValue');
    events = await harness.send(threadId, 'wrong item');
    expect(newest(events, 'returns-resolution')).toBeTruthy();
    expect(await statusRows(threadId)).toEqual([
      'returns-customer: Account found',
      'returns-account: Account chosen',
      'returns-item: 2 items selected',
      'returns-reason: Reasons noted',
      'returns-resolution: How should we make it right?',
    ]);
  });

  it('an unknown customer gets a helpful answer and the form stays open with a note', async () => {
    const { threadId } = await harness.create('I want to return something');
    const events = await harness.send(threadId, 'Zaphod');
    expect(assistantText(events)).toContain(
      "I couldn't find an account for “Zaphod”. Could you give me the email address or the order number (for example ORD-1001)?",
    );
    expect(assistantText(events)).not.toMatch(/does not match|step/);
    const replaced = events.find((e) => e.type === 'thread.item.replaced');
    expect(JSON.stringify(replaced)).toContain('No account found for “Zaphod”');
  });

  it('status rows are written for people: no internal ids', async () => {
    const { threadId } = await harness.create('I want to return something');
    const events = await harness.send(threadId, 'carla@example.com');
    const titles = events.flatMap((e) =>
      e.type === 'thread.item.updated' && e.update.type === 'workflow.task.added'
        ? [(e.update.task as { title?: string }).title]
        : [],
    );
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(title).not.toMatch(/cus_|line_|@|“/);
  });
});

describe('mixed and persistent', () => {
  it('typed and clicked answers converge; the flow survives a restart and finishes', async () => {
    const { events, threadId } = await harness.create('I want to return something');
    let step = await harness.action(threadId, newest(events).id, {
      type: 'returns.lookup',
      payload: { query: 'Carla Rossi' },
    });
    step = await harness.send(threadId, 'the kettle');
    const reason = newest(step, 'returns-reason');
    expect(reason.widget.type).toBe('ListView'); // one item: a list of reasons to click

    await harness.restart();
    const thread = await harness.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
    expect(thread.metadata).toEqual({}); // private state never leaves the server

    step = await click(threadId, reason, 'Changed my mind');
    // Bronze: only the store credit offer (10% of $39.00).
    const offers = JSON.stringify(newest(step, 'returns-offer').widget);
    expect(offers).toContain('Keep the Electric Kettle and get $3.90 store credit');
    expect(offers).not.toContain('off your next order');
    step = await harness.send(threadId, 'no thanks, return it');
    step = await harness.send(threadId, 'exchange');
    step = await click(threadId, newest(step, 'returns-shipping'), 'Drop off');
    const rma = rmaOf(step);
    expect(
      query('SELECT resolution, shipping, amount_cents FROM returns_requests WHERE id = ?', rma),
    ).toEqual([{ resolution: 'exchange', shipping: 'dropoff', amount_cents: 0 }]);
    await harness.restart();
    const items = await harness.items(threadId);
    expect(items.filter(isStep).at(-1)?.widget.key).toBe('return-confirmation');
  });

  it('accepting the only offer ends without a return row; the credit is on the account', async () => {
    const { threadId } = await harness.create('I want to return something');
    await harness.send(threadId, 'ORD-1004');
    await harness.send(threadId, 'kettle');
    const events = await harness.send(threadId, "don't need it anymore");
    const accepted = await click(threadId, newest(events, 'returns-offer'), 'Accept');
    expect(newest(accepted, 'return-kept').widget.status).toMatchObject({ text: 'No return needed' });
    expect(JSON.stringify(newest(accepted, 'return-kept').widget)).toContain(
      '$3.90 store credit has been added',
    );
    expect(query('SELECT COUNT(*) AS n FROM returns_requests')).toEqual([{ n: 0 }]);
    expect(query('SELECT store_credit_cents FROM returns_customers WHERE id = ?', 'cus_carla')).toEqual([
      { store_credit_cents: 390 },
    ]);
  });
});
