/**
 * The offline demo model's todo phrasings: what people type (plain, polite, dictated, with typos) and the
 * tool calls it must become. Tried with every demo intent table registered, in the demo's order, as the
 * general agent offers them; arguments keep the user's words.
 */
import { describe, expect, it } from 'vitest';
import { matchIntent, type OfflineDecision } from '../../../server/agent/offline-intents.js';
import { OfflineDemoModel } from '../../../server/agent/offline-demo-model.js';
import { SUGGEST_TOOL } from '../../../server/agent/suggestions.js';
import { BROWSER_TIME_INTENTS } from '../../../server/use-cases/general-agent.js';
import { RETURNS_INTENTS } from '../../../server/use-cases/returns/returns-offline.js';
import { TODO_INTENTS, TODO_SUGGESTIONS } from '../../../server/use-cases/todo/todo-offline.js';

const INTENTS = [...TODO_INTENTS, ...RETURNS_INTENTS, ...BROWSER_TIME_INTENTS];
const TOOLS = new Set([
  'add_todo',
  'list_todos',
  'complete_todo',
  'delete_todo',
  'start_return',
  'select_return_option',
  'get_time',
  SUGGEST_TOOL,
]);

const add = (...titles: string[]): OfflineDecision => ({
  calls: titles.map((title) => ({ name: 'add_todo', arguments: { title } })),
});
const list: OfflineDecision = { calls: [{ name: 'list_todos', arguments: {} }] };
const complete = (todo: string, done = true): OfflineDecision => ({
  calls: [{ name: 'complete_todo', arguments: { todo, done } }],
});
const remove = (todo: string): OfflineDecision => ({ calls: [{ name: 'delete_todo', arguments: { todo } }] });

/** [what the user types, what the model does]. */
const PHRASINGS: [string, OfflineDecision][] = [
  // Adding
  ['add buy milk', add('buy milk')],
  ['Add buy milk to my todos.', add('buy milk')],
  ['add eggs, bread and call mom', add('eggs', 'bread', 'call mom')],
  ['Add buy milk and call mom', add('buy milk', 'call mom')],
  ['I need to buy bread', add('buy bread')],
  ['can you add water the plants?', add('water the plants')],
  ['todo: book dentist', add('book dentist')],
  ['Todo - renew passport', add('renew passport')],
  ['new task: pay rent', add('pay rent')],
  ['add a todo: buy stamps', add('buy stamps')],
  ['please add "walk the dog" to my list', add('walk the dog')],
  ['could you please put take out the trash on my todo list', add('take out the trash')],
  ['remind me to call the bank', add('call the bank')],
  ['remember to pick up the kids', add('pick up the kids')],
  ["don't forget to feed the cat", add('feed the cat')],
  ['I have to finish the report', add('finish the report')],
  ['we need milk', add('buy milk')],
  ["we're out of coffee", add('buy coffee')],
  ['I should call grandma', add('call grandma')],
  ['create a task to clean the garage', add('clean the garage')],
  ['write down: email Sarah', add('email Sarah')],
  // Typos
  ['ad buy milk', add('buy milk')],
  ['addd bread', add('bread')],
  ['remmber to buy eggs', add('buy eggs')],
  ['tood: book flights', add('book flights')],
  // Listing
  ['show my todos', list],
  ['What are my tasks?', list],
  ["what's on my list", list],
  ['my todos', list],
  ['todos', list],
  ['list todos', list],
  ['show me the list', list],
  ['what do I have to do today?', list],
  ["what's left", list],
  ['shwo my todos', list],
  ['lsit my tasks', list],
  ['show my todso', list],
  ['can you show me my to-do list please', list],
  // Completing and reopening
  ['complete buy milk', complete('buy milk')],
  ['mark call mom as done', complete('call mom')],
  ['check off bread', complete('bread')],
  ['tick off the first one', complete('1')],
  ['done: walk the dog', complete('walk the dog')],
  ['I finished the report', complete('report')],
  ['buy milk is done', complete('buy milk')],
  ['compelte buy milk', complete('buy milk')],
  ['mark 2 as done', complete('2')],
  ['uncheck buy milk', complete('buy milk', false)],
  ['mark bread as not done', complete('bread', false)],
  // Deleting
  ['delete buy milk', remove('buy milk')],
  ['delete buy milk from my todo list', remove('buy milk')],
  ['remove bread from the list', remove('bread')],
  ['get rid of call mom', remove('call mom')],
  ['delte the last one', remove('-1')],
  ['remvoe todo 3', remove('3')],
  ['please drop walk the dog', remove('walk the dog')],
];

describe('offline demo model: todo phrasings', () => {
  it('has at least 40 phrasings', () => expect(PHRASINGS.length).toBeGreaterThanOrEqual(40));
  for (const [text, decision] of PHRASINGS) {
    it(text, () => expect(matchIntent(INTENTS, text, TOOLS)?.decision).toEqual(decision));
  }

  it('leaves what is not a todo request to others', () => {
    expect(matchIntent(INTENTS, 'I need to return my order', TOOLS)?.intent).toBe('returns.start');
    expect(matchIntent(INTENTS, 'I need help', TOOLS)).toBeNull();
    expect(matchIntent(INTENTS, 'tell me a joke', TOOLS)).toBeNull();
    expect(matchIntent(INTENTS, 'what time is it?', TOOLS)?.intent).toBe('general.time');
  });

  it('the todo agent alone (no returns tools) still places todo requests, and nothing else', () => {
    const todoTools = new Set(['add_todo', 'list_todos', 'complete_todo', 'delete_todo']);
    expect(matchIntent(INTENTS, 'I need to buy bread', todoTools)?.decision).toEqual(add('buy bread'));
    expect(matchIntent(INTENTS, 'what time is it', todoTools)).toBeNull();
  });

  it('answers what it cannot place with a short reply and the todo suggestions', () => {
    const model = new OfflineDemoModel({
      pace: null,
      behaviours: [{ intents: TODO_INTENTS, suggestions: TODO_SUGGESTIONS }],
    });
    const decision = model.decide('sing me a song', TOOLS);
    expect(decision.text!.length).toBeLessThan(120);
    expect(decision.calls).toEqual([
      { name: SUGGEST_TOOL, arguments: { prompts: TODO_SUGGESTIONS.map((s) => s.prompt) } },
    ]);
  });
});
