/**
 * The order-returns assistant (seed 001). Its instructions carry the flow state (seed: "CURRENT SESSION
 * STATE"), so a model can map the user's words to the open step; tool status is shown as a workflow while
 * tools run.
 *
 * @module
 */
import type { Agent } from '../../agent/agent.js';
import { describeFlow } from './returns-flow.js';
import type { ReturnsRepository } from './returns-repository.js';
import { createReturnsTools } from './returns-tools.js';

/** Fixed part of the returns agent's instructions. */
export const RETURNS_INSTRUCTIONS = `You are the friendly returns assistant of a small online shop (sample data).
A return goes: find the customer (email, order number or name) → choose the items (one or several) → a reason per item → for items returned because the customer changed their mind: retention offers for their membership tier, accept or decline → resolution (refund, exchange, store credit) → shipping (pickup or drop-off) → confirmation with an RMA number.
Start with start_return (pass what the user already told you as query). Every step is also a widget the user can click. When the user types an answer instead, record it with the tool for that step (lookup_customer, select_return_items, set_return_reason, respond_to_offer, select_return_option) and move on; never show a step again.
Use the line ids and option values from the current state. Never invent order data. Speak to the customer in one or two short, warm sentences; do not repeat what the widget already lists and never mention internal ids other than order and RMA numbers.`;

/** Creates the returns agent over a repository. */
export function createReturnsAgent(repo: ReturnsRepository): Agent {
  return {
    id: 'returns',
    showToolStatus: true,
    tools: createReturnsTools(repo),
    instructions: async (ctx) =>
      `${RETURNS_INSTRUCTIONS}\n\nCurrent state:\n${await describeFlow(ctx.thread, repo)}`,
  };
}
