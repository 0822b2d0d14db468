/**
 * How the offline demo model understands todo requests: an intent table (patterns → tool calls) in the
 * shape of `OfflineIntent`. Each row names the tools it needs; the matcher corrects small typos of the
 * vocabulary words before the patterns run, and hands the named groups over as the user typed them.
 *
 * @module
 */
import type { OfflineDecision, OfflineIntent } from '../../agent/offline-intents.js';
import type { StartPrompt } from '../../agent/use-case.js';

/** Polite lead-ins people put before a request ("can you please …"). */
const POLITE = String.raw`(?:(?:hey|hi|ok|okay|so)[, ]+)?(?:(?:please|pls|plz|kindly|can you|could you|would you|will you|can u|could u|i want you to|i'd like you to|go ahead and|just)[, ]+)*`;
/** Filler people end a request with. */
const PLEASE = String.raw`(?:,? (?:please|pls|plz|thanks|thank you|now))?`;
/** Words for the list itself. */
const LIST_NOUN = String.raw`(?:todo|todos|to-do|to-dos|to do|to dos|tasks?|list|todo list|to-do list|task list|checklist)`;
/** "to my todo list", "on the list", "onto my tasks" at the end of an add request. */
const ADD_SUFFIX = new RegExp(
  String.raw`\s+(?:to|on|onto|in|into)\s+(?:my|the|our)?\s*${LIST_NOUN}(?:\s+list)?(?:\s+please)?$`,
  'i',
);
/** "from my list" at the end of a delete request. */
const FROM_SUFFIX = new RegExp(
  String.raw`\s+(?:from|off|of)\s+(?:my|the|our)?\s*${LIST_NOUN}(?:\s+list)?$`,
  'i',
);
/** Filler at the end ("for me", "please", "too"). */
const TAIL = /\s+(?:for me|please|pls|too|as well|thanks|thank you|now)$/i;
/** Things that are not todos even when they follow "I need to …". */
const NOT_A_TODO =
  /^(?:help|know|ask|talk|chat|speak|see|check|understand|something|anything|a hand|assistance)\b/i;

const ORDINALS: Record<string, string> = {
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  fifth: '5',
  sixth: '6',
  last: '-1',
};

/** Cleans an item text: quotes, "a todo to", trailing filler and punctuation. */
function cleanTitle(text: string, suffix: RegExp = ADD_SUFFIX): string {
  let title = text.trim();
  for (let i = 0; i < 3; i++) {
    title = title
      .replace(suffix, '')
      .replace(TAIL, '')
      .replace(
        /^(?:a |an |the )?(?:new )?(?:todo|to-do|task|item|reminder|note)(?:\s+(?:to|that|saying|called|named))?\s*:?\s+/i,
        '',
      )
      .replace(/^(?:that i (?:need|have|must|should) to|to)\s+/i, '')
      .replace(/^["'“‘]+|["'”’.!?,;:]+$/g, '')
      .trim();
  }
  return title;
}

/** "buy milk, eggs and bread" → three items; "salt and pepper" stays one when `split` is false. */
function splitTitles(text: string, split = true): string[] {
  const titles = split ? text.split(/\s*,\s*(?:and\s+)?|\s*;\s*|\s+and\s+(?:also\s+)?/i) : [text];
  return titles.map((title) => cleanTitle(title)).filter(Boolean);
}

/** A todo reference ("the first one", "#2", "milk") as the tools take it. */
function reference(text: string): string {
  const ref = cleanTitle(text, FROM_SUFFIX)
    .replace(/\s+(?:as\s+)?(?:done|complete|completed|finished)$/i, '')
    .replace(/^(?:the|my)\s+/i, '')
    .replace(/\s+(?:one|item|todo|task)$/i, '')
    .replace(/^(?:todo|task|item|number|no\.?)\s*#?(?=\d)/i, '')
    .trim();
  return ORDINALS[ref.toLowerCase()] ?? ref;
}

const add = (titles: string[]): OfflineDecision | null =>
  titles.length > 0 ? { calls: titles.map((title) => ({ name: 'add_todo', arguments: { title } })) } : null;

/** The todo intents. */
export const TODO_INTENTS: readonly OfflineIntent[] = [
  {
    id: 'todo.list',
    tools: ['list_todos'],
    vocabulary: ['show', 'list', 'todos', 'todo', 'tasks', 'display', 'what', 'open', 'view'],
    patterns: [
      new RegExp(
        String.raw`^${POLITE}(?:show|list|see|view|display|open|print|read|give|tell)(?: me)?(?: all)?(?: of)? (?:my|the|our)? ?(?:current |open |whole )?${LIST_NOUN}(?: list)?(?: again)?${PLEASE}$`,
        'i',
      ),
      new RegExp(String.raw`^(?:my|the|our) ?${LIST_NOUN}$|^${LIST_NOUN}\??$`, 'i'),
      new RegExp(
        String.raw`^what(?:'s| is| are|s)? (?:on |in )?(?:my|the|our) ?${LIST_NOUN}(?: list)?${PLEASE}$`,
        'i',
      ),
      /^what (?:do|should|must) i (?:still )?(?:have to |need to )?do(?: today)?$/i,
      /^what(?:'s| is|s) (?:left|still open|open|pending|next)(?: to do| on my list)?$/i,
      new RegExp(String.raw`^(?:do i have|are there) (?:any )?(?:open )?${LIST_NOUN}$`, 'i'),
      new RegExp(String.raw`^${POLITE}(?:show|list) (?:them|it|everything)$`, 'i'),
    ],
    decide: () => ({ calls: [{ name: 'list_todos', arguments: {} }] }),
  },
  {
    id: 'todo.reopen',
    tools: ['complete_todo'],
    vocabulary: ['uncheck', 'reopen', 'untick', 'undone'],
    patterns: [
      new RegExp(String.raw`^${POLITE}(?:uncheck|untick|reopen|undo) (?<ref>.+)$`, 'i'),
      new RegExp(
        String.raw`^${POLITE}mark (?<ref>.+?) as (?:not done|undone|open|incomplete|not finished)$`,
        'i',
      ),
    ],
    decide: ({ ref }) => {
      const todo = reference(ref);
      return todo ? { calls: [{ name: 'complete_todo', arguments: { todo, done: false } }] } : null;
    },
  },
  {
    id: 'todo.complete',
    tools: ['complete_todo'],
    vocabulary: ['complete', 'finish', 'finished', 'check', 'mark', 'done', 'tick', 'cross'],
    patterns: [
      new RegExp(
        String.raw`^${POLITE}(?:complete|finish|check off|check|tick off|tick|cross off|cross out|strike|mark|close) (?<ref>.+?)(?: as| to)? (?:done|complete|completed|finished|checked)$`,
        'i',
      ),
      new RegExp(
        String.raw`^${POLITE}(?:complete|finish|check off|tick off|cross off|cross out|strike through|strike|close)(?: off)? (?<ref>.+)$`,
        'i',
      ),
      /^(?:done|finished|completed)(?: with)?\s*:?\s+(?<ref>.+)$/i,
      /^i(?:'ve| have)? (?:done|finished|completed) (?<ref>.+)$/i,
      /^(?<ref>.+?) (?:is|are) (?:done|finished|completed|complete)$/i,
    ],
    decide: ({ ref }) => {
      const todo = reference(ref);
      return todo ? { calls: [{ name: 'complete_todo', arguments: { todo, done: true } }] } : null;
    },
  },
  {
    id: 'todo.delete',
    tools: ['delete_todo'],
    vocabulary: ['delete', 'remove', 'drop', 'erase', 'scratch'],
    patterns: [
      new RegExp(
        String.raw`^${POLITE}(?:delete|remove|drop|erase|scratch|get rid of|take|cancel|forget about|forget) (?<ref>.+?)(?: off| from)? ?(?:(?:from|off|of) (?:my|the|our)? ?${LIST_NOUN}(?: list)?)?$`,
        'i',
      ),
    ],
    // "delete my account" is not a todo reference; anything else is left to the tool to find.
    decide: ({ ref }) => {
      const todo = reference(ref);
      if (!todo || /^(?:it|that|this|everything|all)$/i.test(todo)) return null;
      return { calls: [{ name: 'delete_todo', arguments: { todo } }] };
    },
  },
  {
    id: 'todo.add',
    tools: ['add_todo'],
    vocabulary: ['todo', 'todos', 'task', 'remember', 'remind', 'create', 'forget', 'note', 'write'],
    patterns: [
      // "todo: book dentist", "new task - pay rent", "add a todo: buy stamps"
      /^(?:(?:add|create|make|new)\s+(?:a\s+)?(?:new\s+)?)?(?:todo|to-do|to do|task|item|reminder)\s*[:\-–]\s*(?<items>.+)$/i,
      new RegExp(
        String.raw`^${POLITE}(?:add|ad|addd|put|create|make|write down|write|jot down|note down|note|insert|include|append|stick)(?: a)?(?: new)?(?: (?:todo|to-do|task|item|reminder|note))?(?: (?:to|on) (?:my|the) ${LIST_NOUN})?\s*:?\s+(?<items>.+)$`,
        'i',
      ),
      new RegExp(
        String.raw`^${POLITE}(?:remind me|remember|remember me|don't let me forget|dont let me forget|don't forget|dont forget|make sure i)(?: to)? (?<items>.+)$`,
        'i',
      ),
    ],
    decide: ({ items }) => add(splitTitles(items)),
  },
  {
    // "I need to buy bread": the plainest way people dictate a todo. Low priority so other use cases'
    // intents ("I need to return my order") are tried first.
    id: 'todo.add-need',
    tools: ['add_todo'],
    priority: -10,
    vocabulary: ['need', 'have', 'should', 'must'],
    patterns: [
      /^(?:i|we) (?:still |really |also )?(?:need|have|got|gotta|must|should|ought|want|wanna)(?: to)? (?<item>(?:buy|get|call|pick|pay|book|write|send|clean|fix|water|walk|feed|go|make|take|finish|email|read|wash|cook|order|visit|renew|cancel|prepare|bring|print|sign|file|mow|vacuum|do)\b.+)$/i,
      /^(?:i|we) (?:still |really |also )?(?:need|have|got|gotta|ought|want)(?: to) (?<item>.+)$/i,
      /^(?:i|we)(?:'ve| have) got to (?<item>.+)$/i,
      /^(?:i|we) (?:still |really |also )?need (?:some |more |a |an )?(?<thing>[^,.!?]{1,40})$/i,
      /^(?:we(?:'re| are)|i(?:'m| am)) (?:out of|running out of|low on) (?<thing>.+)$/i,
    ],
    decide: ({ item, thing }) => {
      const text = item ?? thing;
      if (!text || NOT_A_TODO.test(text)) return null;
      // "I need bread", "we're out of milk": the todo is to buy it.
      const title = cleanTitle(item ? text : `buy ${text}`);
      return add(title ? [title] : []);
    },
  },
];

/** Suggestions the offline model shows for todo requests it cannot place. */
export const TODO_SUGGESTIONS: readonly StartPrompt[] = [
  { label: 'Show my todos', prompt: 'Show my todos', icon: 'notebook' },
  { label: 'Add “buy milk”', prompt: 'Add buy milk', icon: 'plus' },
];
