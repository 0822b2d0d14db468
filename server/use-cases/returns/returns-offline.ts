/**
 * How the offline demo model understands order-return requests: an intent table in the shape of
 * `OfflineIntent`. While a return is in progress (the returns instructions start with
 * {@link FLOW_ACTIVE_MARKER}), plain answers belong to its open step; otherwise return, refund and
 * send-back phrasings start one.
 *
 * @module
 */
import type { OfflineIntent } from '../../agent/offline-intents.js';
import type { StartPrompt } from '../../agent/use-case.js';
import { FLOW_ACTIVE_MARKER } from './returns-flow.js';

/** Phrasings that ask for a return, a refund or an exchange. */
const START_RETURN =
  /\b(?:return(?:s|ing|ed)?|refund(?:s|ed)?|send (?:it |them |this |something |these |that |\w+ )?back|sent (?:it |them )?back|give (?:it |them )?back|take (?:it |them )?back|exchange|swap|money back|rma)\b/i;
/** Complaints about a delivery that lead to a return. */
const COMPLAINT =
  /\b(?:arrived|came|is|was|are|were)\s+(?:broken|damaged|defective|faulty|cracked|torn|wrong|late)\b|\b(?:doesn't|does not|don't|do not|didn't|did not)\s+fit\b|\bwrong (?:size|item|colou?r)\b/i;
/** Wanting words: "I want to return" starts a new return even while one is open. */
const WANT = /\b(?:want|like|need|start|begin|new|another|how (?:do|can) i)\b/i;
/** Requests that name the todo list belong to the todo intents even mid-return. */
const MENTIONS_TODOS = /\b(?:todos?|to-dos?|tasks?|my list)\b/i;

const startReturn = { calls: [{ name: 'start_return', arguments: {} }] };

/** The returns intents. */
export const RETURNS_INTENTS: readonly OfflineIntent[] = [
  {
    // While a return is open, plain answers ("drop off", "it broke", "Alice") answer its step.
    id: 'returns.answer',
    tools: ['select_return_option'],
    priority: 10,
    vocabulary: ['return', 'refund', 'exchange', 'credit', 'shipping', 'pickup'],
    when: (request) => request.instructions.includes(FLOW_ACTIVE_MARKER),
    patterns: [/^(?<choice>.+)$/s],
    decide: ({ choice }, request) => {
      if (request.tools.has('start_return') && START_RETURN.test(request.normalized) && WANT.test(choice))
        return startReturn;
      if (MENTIONS_TODOS.test(choice)) return null;
      return { calls: [{ name: 'select_return_option', arguments: { choice } }] };
    },
  },
  {
    id: 'returns.start',
    tools: ['start_return'],
    vocabulary: ['return', 'refund', 'exchange', 'order', 'broken', 'damaged', 'defective', 'back'],
    patterns: [START_RETURN, COMPLAINT],
    decide: (_groups, request) => (MENTIONS_TODOS.test(request.normalized) ? null : startReturn),
  },
];

/** Suggestions the offline model shows for requests it cannot place. */
export const RETURNS_SUGGESTIONS: readonly StartPrompt[] = [
  { label: 'Return an order', prompt: 'I want to return something', icon: 'cube' },
];
