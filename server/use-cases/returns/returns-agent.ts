/**
 * The order-returns assistant (seed 001). Its instructions carry where the flow stands, so a model can
 * map the user's words to the open step's options; tool status is shown as a workflow while tools run.
 *
 * @module
 */
import type { Agent } from '../../agent/agent.js';
import { describeFlow } from './returns-flow.js';
import type { ReturnsRepository } from './returns-repository.js';
import { createReturnsTools } from './returns-tools.js';

/** Fixed part of the returns agent's instructions. */
export const RETURNS_INSTRUCTIONS = `You are the order-returns assistant of a small online shop (sample data).
A return goes: customer → item → reason → (for "changed my mind": a retention offer, accept or decline) → resolution → shipping → confirmation.
Start a return with start_return. Every step is shown as a widget the user can click; when the user types an answer instead, call select_return_option with the matching option value (or their words).
Never invent order data; the widgets show the real options. Keep replies to one or two short sentences and do not repeat the options the widget already shows.`;

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
