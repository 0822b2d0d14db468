/**
 * What the offline demo model does for the returns use case, as rows of the agent's intent table
 * ({@link RETURNS_INTENTS}): which everyday phrasings start a return ("I want to return something", "my
 * kettle arrived broken", "refnud please", "return order ORD-1003" — with the lookup part passed on), and,
 * while a return is open, which tool call answers the open step with the user's words. Table-driven:
 * {@link START_PHRASES} lists the words that mean "return" (typos within one or two letters are accepted),
 * {@link OPEN_STEP_CALLS} maps each open step to its tool.
 *
 * @module
 */
import type { OfflineCall, OfflineIntent } from '../../agent/offline-intents.js';
import type { StartPrompt } from '../../agent/use-case.js';
import { FLOW_ACTIVE_MARKER } from './returns-flow.js';
import { mentions, parseLookup } from './returns-options.js';

export type { OfflineCall };

/** Words and phrases that mean the user wants to return something. */
export const START_PHRASES = [
  'return',
  'returns',
  'returning',
  'refund',
  'refunds',
  'send back',
  'send it back',
  'send them back',
  'sending back',
  'give back',
  'take back',
  'bring back',
  'money back',
  'rma',
  'exchange',
  'swap',
];

/** "send this back", "ship them bakc", "give the lamp back". */
const SEND_BACK = /\b(?:send|ship|mail|post|take|give|bring)\b(?:\s+[\w']+){0,3}\s+(?:back|bakc|bak|bck)\b/;

/** Complaints that lead to a return even without the word ("my kettle arrived broken"). */
const COMPLAINTS = [
  'broken',
  'damaged',
  'defective',
  'faulty',
  'cracked',
  'wrong item',
  'wrong size',
  "doesn't fit",
  'doesnt fit',
  'does not fit',
  'does not work',
  "doesn't work",
  'stopped working',
];
/** Complaints that only a purchase has, enough on their own ("wrong size", "the shoes don't fit"). */
const STRONG_COMPLAINTS =
  /\bwrong (?:size|item|colou?r|product|order)\b|\b(?:doesn'?t|does not|don'?t|do not|didn'?t|did not) fit\b|\btoo (?:small|big|large|tight)\b/;
const PURCHASE = /\b(?:order(?:ed)?|bought|arrived|delivered|received|came|package|parcel|item|my)\b/;

/** Words that mark a todo request, which the returns intent must leave alone ("add return books to my todos"). */
const TODO_WORDS = /\b(?:todos?|to-dos?|task list|tasks?|remind me|reminder)\b|^\s*(?:add|todo:)/i;

const CANCEL =
  /\b(?:cancel|stop|abort|never ?mind|forget (?:it|about it)|don'?t want to return|no longer want to return)\b/i;
const NEW_RETURN =
  /\b(?:another|new|second|one more)\s+return\b|\breturn (?:something else|another (?:thing|item|one|product|order)|one more)\b/i;

const ACCEPT =
  /\b(?:yes|yeah|yep|yup|sure|ok(?:ay)?|deal|sounds good|accept|i'?ll take|take (?:it|the)|keep (?:it|them|the)|why not)\b/i;
const DECLINE =
  /\b(?:no|nope|nah|decline|not interested|no thanks|continue|still (?:want to )?return|return (?:it|them) anyway|rather return)\b/i;

const normalise = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

/** Whether the text asks to return something (typos tolerated), and not for a todo. */
export function isReturnRequest(text: string): boolean {
  const t = normalise(text);
  if (!t || TODO_WORDS.test(t)) return false;
  if (START_PHRASES.some((p) => mentions(t, p)) || SEND_BACK.test(t)) return true;
  if (STRONG_COMPLAINTS.test(t)) return true;
  return COMPLAINTS.some((c) => mentions(t, c)) && PURCHASE.test(t);
}

/** The lookup part of a request ("… for alice@example.com", "… order 1003", "I'm Carla"), if any. */
export function lookupPart(text: string): string | null {
  const parsed = parseLookup(text);
  if (parsed.email) return parsed.email;
  if (parsed.orderId) return parsed.orderId;
  const named =
    /\b(?:[Ii]'?m|I am|[Mm]y name is|[Nn]ame'?s|[Tt]his is|for|under)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/.exec(
      text,
    );
  return named ? named[1] : null;
}

/** The tool call answering each open step with the user's words. */
export const OPEN_STEP_CALLS: Record<string, (text: string) => OfflineCall> = {
  customer: (text) => ({ name: 'lookup_customer', arguments: { query: text } }),
  item: (text) => ({ name: 'select_return_items', arguments: { items: [text] } }),
  reason: (text) => ({ name: 'select_return_option', arguments: { choice: text, step: 'reason' } }),
  offer: (text) => {
    const t = normalise(text);
    // "no, I'll take the credit" accepts; "no thanks" declines.
    const credit =
      /\b(?:credit|discount|% off|percent off|offer)\b/.test(t) &&
      !/\b(?:no|not|don'?t)\b.*\b(?:credit|discount|offer)\b/.test(t);
    if (credit || (ACCEPT.test(t) && !DECLINE.test(t)))
      return { name: 'select_return_option', arguments: { choice: text, step: 'offer' } };
    if (DECLINE.test(t)) return { name: 'respond_to_offer', arguments: { decision: 'decline' } };
    return { name: 'select_return_option', arguments: { choice: text, step: 'offer' } };
  },
  resolution: (text) => ({ name: 'select_return_option', arguments: { choice: text, step: 'resolution' } }),
  shipping: (text) => ({ name: 'select_return_option', arguments: { choice: text, step: 'shipping' } }),
};

/** The open step named in the returns instructions ("RETURN FLOW ACTIVE. Current step: item"), if any. */
export function openStepOf(instructions: string): string | null {
  const at = instructions.indexOf(FLOW_ACTIVE_MARKER);
  if (at < 0) return null;
  return /^\s*Current step: (\w+)/.exec(instructions.slice(at + FLOW_ACTIVE_MARKER.length))?.[1] ?? null;
}

/**
 * The offline model's returns decision for a user message, or null when the message is not about returns
 * (then other use cases or the help answer take it). `openStep` is the step of the return in progress.
 */
export function decideReturns(text: string, openStep: string | null): OfflineCall[] | null {
  const t = normalise(text);
  if (!t) return null;
  if (openStep) {
    if (TODO_WORDS.test(t)) return null;
    if (CANCEL.test(t)) return [{ name: 'cancel_return', arguments: {} }];
    if (NEW_RETURN.test(t)) return [{ name: 'start_return', arguments: {} }];
    const call = OPEN_STEP_CALLS[openStep];
    return call ? [call(text.trim())] : null;
  }
  if (!isReturnRequest(text)) return null;
  const query = lookupPart(text);
  return [{ name: 'start_return', arguments: query ? { query } : {} }];
}

/** The returns rows of the offline model's intent table. */
export const RETURNS_INTENTS: readonly OfflineIntent[] = [
  {
    // While a return is open, the user's words answer its step ("drop off", "it broke", "Alice").
    id: 'returns.answer',
    tools: ['select_return_option'],
    priority: 10,
    when: (request) => openStepOf(request.instructions) !== null,
    patterns: [/^(?<choice>.+)$/s],
    decide: ({ choice }, request) => {
      const calls = decideReturns(choice, openStepOf(request.instructions));
      if (!calls) return null;
      // An agent without a step's own tool still has the generic one.
      const step = openStepOf(request.instructions);
      return {
        calls: calls.map((call) =>
          request.tools.has(call.name)
            ? call
            : { name: 'select_return_option', arguments: { choice, ...(step ? { step } : {}) } },
        ),
      };
    },
  },
  {
    id: 'returns.start',
    tools: ['start_return'],
    vocabulary: ['return', 'returns', 'refund', 'exchange', 'broken', 'damaged', 'defective'],
    patterns: [/^(?<text>.+)$/s],
    decide: ({ text }, request) => {
      const calls = decideReturns(text, null) ?? decideReturns(request.normalized, null);
      if (!calls) return null;
      // The lookup part is taken from what the user typed (the corrected text may have changed a name).
      const query = lookupPart(text);
      return { calls: [{ name: 'start_return', arguments: query ? { query } : {} }] };
    },
  },
];

/** Suggestions the offline model shows for requests it cannot place. */
export const RETURNS_SUGGESTIONS: readonly StartPrompt[] = [
  { label: 'Return an order', prompt: 'I want to return something', icon: 'cube' },
];
