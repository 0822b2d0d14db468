/**
 * The offline demo model's returns phrasings (intent table in server/use-cases/returns/returns-offline.ts):
 * what people type to start a return, and how plain answers go to the open step while a return is in
 * progress. Tried with every demo intent table registered, in the demo's order.
 */
import { describe, expect, it } from 'vitest';
import { matchIntent } from '../../../server/agent/offline-intents.js';
import { BROWSER_TIME_INTENTS } from '../../../server/use-cases/general-agent.js';
import { FLOW_ACTIVE_MARKER } from '../../../server/use-cases/returns/returns-flow.js';
import { RETURNS_INTENTS } from '../../../server/use-cases/returns/returns-offline.js';
import { TODO_INTENTS } from '../../../server/use-cases/todo/todo-offline.js';

const INTENTS = [...TODO_INTENTS, ...RETURNS_INTENTS, ...BROWSER_TIME_INTENTS];
const TOOLS = new Set([
  'add_todo',
  'list_todos',
  'complete_todo',
  'delete_todo',
  'start_return',
  'select_return_option',
  'get_time',
]);
const ACTIVE = `${FLOW_ACTIVE_MARKER} Current step: reason`;
const START = { calls: [{ name: 'start_return', arguments: {} }] };

/** Ways to ask for a return (no return open yet). */
const STARTS = [
  'I want to return something',
  'return my order',
  "I'd like a refund",
  'refund please',
  'How do I return an item?',
  'retrun my order',
  'I want to retrun the shoes',
  'can I get a refund?',
  'refnud',
  'I need to send back a jacket',
  'the shoes do not fit, can I send them back?',
  "the shoes don't fit",
  'my order arrived broken',
  'the lamp came damaged',
  'start a return',
  'I want to exchange my shoes',
  'wrong size',
  'I got the wrong item',
  'I want my money back',
  'I need to return my order',
  'please help me return a product',
  'returns',
  'can i swap this for another size',
  'how can I give it back?',
  'the mug arrived cracked',
  'I would like to return an item from my last order',
];

/** Answers while a return is open: they go to the open step as typed. */
const ANSWERS = [
  'Alice',
  'alice@example.com',
  'order 1004',
  'the blue jacket',
  'it arrived broken',
  'changed my mind',
  'too small',
  'full refund please',
  'store credit',
  'yes, accept the offer',
  'no thanks',
  'drop off',
  'schedule a pickup',
  'remove it',
];

describe('offline demo model: returns phrasings', () => {
  it('has at least 40 phrasings', () => expect(STARTS.length + ANSWERS.length).toBeGreaterThanOrEqual(40));

  for (const text of STARTS) {
    it(`starts a return: ${text}`, () => expect(matchIntent(INTENTS, text, TOOLS)?.decision).toEqual(START));
  }

  for (const choice of ANSWERS) {
    it(`answers the open step: ${choice}`, () =>
      expect(matchIntent(INTENTS, choice, TOOLS, ACTIVE)?.decision).toEqual({
        calls: [{ name: 'select_return_option', arguments: { choice } }],
      }));
  }

  it('while a return is open, "I want to return another item" starts a new one and todo requests stay todos', () => {
    expect(matchIntent(INTENTS, 'I want to return another item', TOOLS, ACTIVE)?.decision).toEqual(START);
    expect(matchIntent(INTENTS, 'add milk to my todos', TOOLS, ACTIVE)?.decision).toEqual({
      calls: [{ name: 'add_todo', arguments: { title: 'milk' } }],
    });
  });

  it('todo requests that mention a return stay todos', () => {
    expect(matchIntent(INTENTS, 'add return library books', TOOLS)?.intent).toBe('todo.add');
    expect(matchIntent(INTENTS, 'todo: return the drill to Tom', TOOLS)?.intent).toBe('todo.add');
  });
});
