/**
 * The returns agent's tools (seed 001's lookup_customer, set_user_selection, …): each makes the same state
 * change the matching click makes. Status rows (`statusTitle`) are written for the customer and never show
 * internal ids: a model passes line ids like `line_1004_1` and customer ids like `cus_carla`, the row
 * reads "Noting your items"; once done it reads "Items noted" ({@link RETURNS_TOOL_STATUS}).
 *
 * @module
 */
import { z } from 'zod';
import { type AgentTool, defineTool } from '../../agent/agent-tool.js';
import type { AgentContext } from '../../agent/agent-context.js';
import {
  type FlowResult,
  answerOffer,
  answerStep,
  cancelFlow,
  chooseOption,
  lookupCustomer,
  selectItems,
  setReasons,
  startFlow,
} from './returns-flow.js';
import { REASONS } from './returns-options.js';
import type { ReturnsRepository } from './returns-repository.js';

const REASON_CODES = new Set(REASONS.map((r) => r.value));

const OPTION_STATUS: Record<string, [running: string, done: string]> = {
  customer: ['Looking up your account', 'Account looked up'],
  item: ['Noting your items', 'Items noted'],
  reason: ['Noting the reason', 'Reason noted'],
  offer: ['Noting your answer to the offer', 'Answer to the offer noted'],
  resolution: ['Noting how to make it right', 'Resolution noted'],
  shipping: ['Arranging the return shipping', 'Shipping arranged'],
};

/** Running and finished wording of each tool's status row. */
export const RETURNS_TOOL_STATUS: Record<
  string,
  { running: (args: Record<string, unknown>) => string; done: (args: Record<string, unknown>) => string }
> = {
  start_return: {
    running: (a) => (a.query ? 'Starting a return and looking up your account' : 'Starting a return'),
    done: (a) => (a.query ? 'Return started, account looked up' : 'Return started'),
  },
  lookup_customer: { running: () => 'Looking up your account', done: () => 'Account looked up' },
  select_return_items: {
    running: (a) =>
      Array.isArray(a.items) && a.items.length > 1 ? `Noting ${a.items.length} items` : 'Noting your item',
    done: (a) =>
      Array.isArray(a.items) && a.items.length > 1 ? `${a.items.length} items noted` : 'Item noted',
  },
  set_return_reason: { running: () => 'Noting the reason', done: () => 'Reason noted' },
  respond_to_offer: {
    running: (a) => (a.decision === 'accept' ? 'Applying your offer' : 'Continuing your return'),
    done: (a) => (a.decision === 'accept' ? 'Offer applied' : 'Offer declined'),
  },
  select_return_option: {
    running: (a) => OPTION_STATUS[String(a.step)]?.[0] ?? 'Updating your return',
    done: (a) => OPTION_STATUS[String(a.step)]?.[1] ?? 'Return updated',
  },
  cancel_return: { running: () => 'Cancelling the return', done: () => 'Return cancelled' },
};

/** What a failed step's row says once finished (the step is still open). */
function failedWording(name: string): string {
  return name === 'lookup_customer' || name === 'start_return'
    ? 'No matching account yet'
    : 'Waiting for your answer';
}

/**
 * The running and finished wording of a tool's status row: the runner shows `statusTitle` while the tool
 * runs and `doneTitle` once it is done ("Account looked up"), or what is still missing after a failure.
 */
const status = (name: string) => ({
  statusTitle: (args: unknown) => RETURNS_TOOL_STATUS[name].running((args ?? {}) as Record<string, unknown>),
  doneTitle: (args: unknown, result?: unknown) =>
    result && typeof result === 'object' && typeof (result as FlowResult).error === 'string'
      ? failedWording(name)
      : RETURNS_TOOL_STATUS[name].done((args ?? {}) as Record<string, unknown>),
});

/** Runs a flow operation; parallel calls take turns in the order the model made them. */
function serial(ctx: AgentContext, work: () => Promise<FlowResult>): Promise<FlowResult> {
  return ctx.serialize('returns-flow', work);
}

/** Builds the returns tools over a repository. */
export function createReturnsTools(repo: ReturnsRepository): AgentTool<any>[] {
  return [
    defineTool({
      name: 'start_return',
      description:
        'Starts an order return and shows the account lookup. Call when the user wants to return, send back or get a refund for something and no return is in progress. Pass `query` when the user already gave an email, order number or name.',
      parameters: z.object({
        query: z.string().optional().describe('Email, order number or name the user gave, if any'),
      }),
      ...status('start_return'),
      execute: ({ query }, ctx) => serial(ctx, () => startFlow(ctx, repo, { query })),
    }),
    defineTool({
      name: 'lookup_customer',
      description:
        "Finds the customer's account by email address, order number (ORD-1234) or name, and shows their returnable items.",
      parameters: z.object({ query: z.string().min(1).describe('Email, order number or name') }),
      ...status('lookup_customer'),
      execute: ({ query }, ctx) => serial(ctx, () => lookupCustomer(ctx, repo, { query })),
    }),
    defineTool({
      name: 'select_return_items',
      description:
        'Chooses the items to return (several allowed): line ids from the instructions, product names or order numbers, or "all".',
      parameters: z.object({
        items: z.array(z.string().min(1)).min(1).describe('Line ids (preferred) or product names'),
      }),
      ...status('select_return_items'),
      execute: ({ items }, ctx) => serial(ctx, () => selectItems(ctx, repo, { items })),
    }),
    defineTool({
      name: 'set_return_reason',
      description:
        "Records why items are returned. `reason` is a reason code (damaged, wrong_item, fit, changed_mind) or the user's words; `items` are the line ids it applies to (omit for every selected item without a reason). Call once per distinct reason.",
      parameters: z.object({
        reason: z.string().min(1),
        items: z.array(z.string().min(1)).optional(),
      }),
      ...status('set_return_reason'),
      execute: ({ reason, items }, ctx) =>
        serial(ctx, () =>
          // A code, or words about given items, applies as one reason; free words may name several.
          items?.length || REASON_CODES.has(reason)
            ? setReasons(ctx, repo, { reason, items })
            : setReasons(ctx, repo, { text: reason }),
        ),
    }),
    defineTool({
      name: 'respond_to_offer',
      description:
        'Answers the retention offers: accept one (its id from the instructions) so the customer keeps the items, or decline and continue the return.',
      parameters: z.object({
        decision: z.enum(['accept', 'decline']),
        offer_id: z.string().optional().describe('The accepted offer id (default: the first offer)'),
      }),
      ...status('respond_to_offer'),
      execute: ({ decision, offer_id }, ctx) =>
        serial(ctx, () =>
          answerOffer(ctx, repo, { answer: decision === 'decline' ? 'decline' : (offer_id ?? 'yes') }),
        ),
    }),
    defineTool({
      name: 'select_return_option',
      description:
        'Records the user\'s typed answer for the open step of the return (resolution: refund, exchange, store_credit; shipping: pickup, dropoff; or any other open step) and shows the next step. `choice` is an option value or the user\'s words (e.g. "full refund", "schedule a pickup").',
      parameters: z.object({
        choice: z.string().min(1).describe("Option value or the user's words"),
        step: z
          .enum(['customer', 'item', 'reason', 'offer', 'resolution', 'shipping'])
          .optional()
          .describe('The step being answered'),
      }),
      ...status('select_return_option'),
      execute: ({ choice, step }, ctx) =>
        serial(ctx, () =>
          step === 'resolution' || step === 'shipping'
            ? chooseOption(ctx, repo, step, choice)
            : answerStep(ctx, repo, { value: choice, step }),
        ),
    }),
    defineTool({
      name: 'cancel_return',
      description: 'Cancels the return in progress when the user no longer wants to return anything.',
      parameters: z.object({}),
      ...status('cancel_return'),
      execute: (_args, ctx) => serial(ctx, () => cancelFlow(ctx)),
    }),
  ];
}
