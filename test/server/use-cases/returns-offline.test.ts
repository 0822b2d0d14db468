/**
 * The offline demo model's returns phrasings (issue 12 item 1, returns part): everyday ways of asking for
 * a return, typos included, start the flow (with the lookup part when given); todo requests and chat are
 * left alone; while a return is open, the user's words go to the open step's tool.
 */
import { describe, expect, it } from 'vitest';
import { matchIntent } from '../../../server/agent/offline-intents.js';
import { BROWSER_TIME_INTENTS } from '../../../server/use-cases/general-agent.js';
import { FLOW_ACTIVE_MARKER } from '../../../server/use-cases/returns/returns-flow.js';
import { TODO_INTENTS } from '../../../server/use-cases/todo/todo-offline.js';
import {
  decideReturns,
  isReturnRequest,
  lookupPart,
  openStepOf,
  RETURNS_INTENTS,
} from '../../../server/use-cases/returns/returns-offline.js';
import {
  matchCustomersByName,
  matchLines,
  matchOption,
  matchReasons,
  parseLookup,
  REASONS,
  RESOLUTIONS,
  retentionOffers,
  SHIPPING_METHODS,
} from '../../../server/use-cases/returns/returns-options.js';
import type { OrderLine } from '../../../server/use-cases/returns/returns-repository.js';
import { SAMPLE_CUSTOMERS } from '../../../server/use-cases/returns/returns-seed.js';

const START = { name: 'start_return', arguments: {} };
const startWith = (query: string) => ({ name: 'start_return', arguments: { query } });

describe('phrasings that start a return', () => {
  const plain = [
    'I want to return something',
    'i want to return an item',
    'I would like to return my order',
    'Return an order',
    'return',
    'returns',
    'How do I return something?',
    'can I send this back?',
    "I'd like to send it back",
    'I need a refund',
    'refund please',
    'Can I get my money back?',
    'I want my money back for the headphones',
    'start a return',
    'I need to return the kettle',
    'my kettle arrived broken',
    'The headphones I ordered are defective',
    'the mug I bought came cracked',
    'I received the wrong item',
    'the shoes I ordered are the wrong size',
    'my order arrived damaged',
    'I want to exchange my shoes',
    'can I swap the lamp for another one',
    'I need an RMA',
    'please take back the backpack',
    'returning a product',
    'how do returns work here?',
    'give back the lamp',
    // Typos
    'I want to retrun something',
    'i wnat to retrn my order',
    'refnud please',
    'i need a refnd',
    'can i get a rfund',
    'I want to retunr the headphones',
    'exchagne my shoes',
    'my kettle arived brokn',
    'the headphones are defetcive, I ordered them last week',
    'RETURN MY ORDER',
    'Return!!!',
    'send it bakc please',
  ];
  for (const text of plain) {
    it(text, () => expect(decideReturns(text, null)).toEqual([START]));
  }

  const withLookup: [string, string][] = [
    ['I want to return something, my email is alice@example.com', 'alice@example.com'],
    ['return order ORD-1003', 'ORD-1003'],
    ['I want to return order 1004', 'ORD-1004'],
    ['refund for order #1001 please', 'ORD-1001'],
    ["Hi, I'm Carla and I want to return the kettle", 'Carla'],
    ['My name is Bob Nguyen, I need to return the lamp', 'Bob Nguyen'],
    ['start a return for dan.martin@example.com', 'dan.martin@example.com'],
  ];
  for (const [text, query] of withLookup) {
    it(`${text} → looks up ${query}`, () => expect(decideReturns(text, null)).toEqual([startWith(query)]));
  }
});

describe('phrasings the returns intent leaves alone', () => {
  const others = [
    'add return library books to my todos',
    'todo: return the drill to Tom',
    'remind me to return the car',
    'show my todos',
    'add buy milk',
    'what time is it?',
    'hello',
    'tell me a joke',
    'I need to buy bread',
    'can you add water the plants?',
    'the weather is nice today',
  ];
  for (const text of others) {
    it(text, () => {
      expect(isReturnRequest(text)).toBe(false);
      expect(decideReturns(text, null)).toBeNull();
    });
  }
});

describe('while a return is open, words answer the open step', () => {
  const cases: [string, string, unknown][] = [
    ['customer', 'bob@example.com', { name: 'lookup_customer', arguments: { query: 'bob@example.com' } }],
    ['customer', "I'm Carla Rossi", { name: 'lookup_customer', arguments: { query: "I'm Carla Rossi" } }],
    [
      'item',
      'the mug and the headphones',
      { name: 'select_return_items', arguments: { items: ['the mug and the headphones'] } },
    ],
    ['item', 'all of them', { name: 'select_return_items', arguments: { items: ['all of them'] } }],
    [
      'reason',
      'it arrived broken',
      { name: 'select_return_option', arguments: { choice: 'it arrived broken', step: 'reason' } },
    ],
    ['offer', 'no thanks', { name: 'respond_to_offer', arguments: { decision: 'decline' } }],
    ['offer', 'nope, return it anyway', { name: 'respond_to_offer', arguments: { decision: 'decline' } }],
    [
      'offer',
      "yes I'll take the credit",
      { name: 'select_return_option', arguments: { choice: "yes I'll take the credit", step: 'offer' } },
    ],
    [
      'offer',
      'the discount sounds good',
      { name: 'select_return_option', arguments: { choice: 'the discount sounds good', step: 'offer' } },
    ],
    [
      'resolution',
      'full refund please',
      { name: 'select_return_option', arguments: { choice: 'full refund please', step: 'resolution' } },
    ],
    [
      'shipping',
      'drop off',
      { name: 'select_return_option', arguments: { choice: 'drop off', step: 'shipping' } },
    ],
    ['shipping', 'cancel the return', { name: 'cancel_return', arguments: {} }],
    ['reason', 'never mind', { name: 'cancel_return', arguments: {} }],
    ['resolution', 'I want to start another return', { name: 'start_return', arguments: {} }],
  ];
  for (const [step, text, call] of cases) {
    it(`${step}: ${text}`, () => expect(decideReturns(text, step)).toEqual([call]));
  }

  it('todo requests still go to the todo use case', () => {
    expect(decideReturns('add milk to my todos', 'shipping')).toBeNull();
  });

  it('reads the open step from the instructions', () => {
    expect(openStepOf('…\nRETURN FLOW ACTIVE. Current step: offer (Keep…)')).toBe('offer');
    expect(openStepOf('No return has been started in this conversation.')).toBeNull();
  });
});

describe('matching typed answers', () => {
  const lines = [
    { lineId: 'line_1', orderId: 'ORD-1001', productName: 'Wireless Headphones' },
    { lineId: 'line_2', orderId: 'ORD-1001', productName: 'Ceramic Coffee Mug' },
    { lineId: 'line_3', orderId: 'ORD-1002', productName: 'Travel Backpack' },
  ] as OrderLine[];

  it('items by name (typos allowed), by order number, or all', () => {
    expect(matchLines(lines, 'the headphnoes and the mug').map((l) => l.lineId)).toEqual([
      'line_1',
      'line_2',
    ]);
    expect(matchLines(lines, 'everything from ORD-1001').map((l) => l.lineId)).toEqual([
      'line_1',
      'line_2',
      'line_3',
    ]);
    expect(matchLines(lines, 'order ORD-1002').map((l) => l.lineId)).toEqual(['line_3']);
    expect(matchLines(lines, 'both')).toHaveLength(3);
    expect(matchLines(lines, 'the lamp')).toEqual([]);
  });

  it('a reason per item from one sentence', () => {
    const reasons = matchReasons(
      lines,
      'the mug is cracked, the headphones are the wrong item and I changed my mind about the backpack',
    );
    expect(Object.fromEntries([...reasons].map(([id, r]) => [id, r.value]))).toEqual({
      line_2: 'damaged',
      line_1: 'wrong_item',
      line_3: 'changed_mind',
    });
    const one = matchReasons(lines, 'they are all damgaed');
    expect([...one.values()].map((r) => r.value)).toEqual(['damaged', 'damaged', 'damaged']);
  });

  it('options by label, value, keyword or a small typo', () => {
    expect(matchOption(RESOLUTIONS, 'full refund please')?.value).toBe('refund');
    expect(matchOption(RESOLUTIONS, 'store_credit')?.value).toBe('store_credit');
    expect(matchOption(RESOLUTIONS, 'I want a replacment')?.value).toBe('exchange');
    expect(matchOption(SHIPPING_METHODS, 'schedule the pickup please')?.value).toBe('pickup');
    expect(matchOption(SHIPPING_METHODS, "I'll bring it to the post office")?.value).toBe('dropoff');
    expect(matchOption(REASONS, "doesn't fit")?.value).toBe('fit');
    expect(matchOption(REASONS, 'banana')).toBeUndefined();
  });

  it('lookup queries and names', () => {
    expect(parseLookup("I'm Bob, BOB@example.com")).toMatchObject({ email: 'bob@example.com' });
    expect(parseLookup('order number 1003')).toMatchObject({ orderId: 'ORD-1003' });
    expect(parseLookup('ord-1001')).toMatchObject({ orderId: 'ORD-1001' });
    expect(lookupPart('nothing here')).toBeNull();
    const names = (words: string[]) => matchCustomersByName(SAMPLE_CUSTOMERS, words).map((c) => c.id);
    expect(names(['martin'])).toEqual(['cus_alice', 'cus_dan']);
    expect(names(['alice', 'martin'])).toEqual(['cus_alice']);
    expect(names(['carla'])).toEqual(['cus_carla']);
    expect(names(['rosi'])).toEqual(['cus_carla']); // typo
    expect(names(['zaphod'])).toEqual([]);
  });

  it('retention offers grow with the tier', () => {
    const kettle = [{ productName: 'Electric Kettle', priceCents: 3900, quantity: 1 }] as OrderLine[];
    const summary = (tier: Parameters<typeof retentionOffers>[0]) =>
      retentionOffers(tier, kettle).map((o) => `${o.kind} ${o.percent}% ${o.amountCents}`);
    expect(summary('Bronze')).toEqual(['store_credit 10% 390']);
    expect(summary('Silver')).toEqual(['store_credit 15% 585', 'discount 10% 0']);
    expect(summary('Gold')).toEqual(['store_credit 20% 780', 'discount 15% 0']);
    expect(summary('Platinum')).toEqual(['store_credit 25% 975', 'discount 20% 0']);
  });
});

describe('through the intent table, with every demo table registered', () => {
  const INTENTS = [...TODO_INTENTS, ...RETURNS_INTENTS, ...BROWSER_TIME_INTENTS];
  const TOOLS = new Set([
    'add_todo',
    'list_todos',
    'complete_todo',
    'delete_todo',
    'start_return',
    'lookup_customer',
    'select_return_items',
    'set_return_reason',
    'respond_to_offer',
    'select_return_option',
    'cancel_return',
    'get_time',
  ]);
  const START = { calls: [{ name: 'start_return', arguments: {} }] };
  const active = (step: string) => `## Order returns\n${FLOW_ACTIVE_MARKER} Current step: ${step} (…).`;

  const starts = [
    'return my order',
    "I'd like a refund",
    'can I get a refund?',
    'refnud',
    'I want to retrun the shoes',
    'I need to send back a jacket',
    'the shoes do not fit, can I send them back?',
    "the shoes don't fit",
    'my order arrived broken',
    'the lamp came damaged',
    'wrong size',
    'I got the wrong item',
    'please help me return a product',
    'can i swap this for another size',
    'how can I give it back?',
    'the mug arrived cracked',
    'I would like to return an item from my last order',
  ];
  for (const text of starts) {
    it(`starts a return: ${text}`, () => expect(matchIntent(INTENTS, text, TOOLS)?.decision).toEqual(START));
  }

  it('passes the lookup part on', () => {
    expect(matchIntent(INTENTS, 'I want to retrun order ORD-1004', TOOLS)?.decision).toEqual({
      calls: [{ name: 'start_return', arguments: { query: 'ORD-1004' } }],
    });
  });

  it('answers the open step with its own tool, or the generic one when the agent lacks it', () => {
    expect(matchIntent(INTENTS, 'the mug and the lamp', TOOLS, active('item'))?.decision).toEqual({
      calls: [{ name: 'select_return_items', arguments: { items: ['the mug and the lamp'] } }],
    });
    const generic = new Set(['start_return', 'select_return_option']);
    expect(matchIntent(INTENTS, 'alice@example.com', generic, active('customer'))?.decision).toEqual({
      calls: [{ name: 'select_return_option', arguments: { choice: 'alice@example.com', step: 'customer' } }],
    });
  });

  it('mid-return: "return another item" starts anew, todo requests stay todos, "remove it" answers', () => {
    expect(matchIntent(INTENTS, 'I want to return another item', TOOLS, active('reason'))?.decision).toEqual(
      START,
    );
    expect(matchIntent(INTENTS, 'add milk to my todos', TOOLS, active('shipping'))?.decision).toEqual({
      calls: [{ name: 'add_todo', arguments: { title: 'milk' } }],
    });
    expect(matchIntent(INTENTS, 'drop off', TOOLS, active('shipping'))?.intent).toBe('returns.answer');
  });

  it('todo requests that mention a return stay todos', () => {
    expect(matchIntent(INTENTS, 'add return library books', TOOLS)?.intent).toBe('todo.add');
    expect(matchIntent(INTENTS, 'todo: return the drill to Tom', TOOLS)?.intent).toBe('todo.add');
  });
});
