/**
 * The returns agent's tools: start the flow, and record a typed choice for the open step (the same state
 * change a click makes).
 *
 * @module
 */
import { z } from 'zod';
import { type AgentTool, defineTool } from '../../agent/agent-tool.js';
import { chooseOption, startFlow } from './returns-flow.js';
import type { ReturnsRepository } from './returns-repository.js';

/** Builds the returns tools over a repository. */
export function createReturnsTools(repo: ReturnsRepository): AgentTool<any>[] {
  const startReturn = defineTool({
    name: 'start_return',
    description:
      'Starts an order return for the user and shows the first step (who is returning). Call when the user wants to return or send back something and no return is in progress.',
    parameters: z.object({}),
    statusTitle: 'Starting a return',
    // Parallel calls (e.g. start + the customer's name) run in the order the model made them.
    execute: (_args, ctx) => ctx.serialize('returns-flow', () => startFlow(ctx, repo)),
  });
  const selectOption = defineTool({
    name: 'select_return_option',
    description:
      'Records the user\'s typed answer for the open step of the return in progress (customer, item, reason, offer, resolution or shipping) and shows the next step. `choice` is an option value from the instructions or the user\'s words (e.g. "full refund", "it arrived broken", "Alice").',
    parameters: z.object({
      choice: z.string().min(1).describe("Option value or the user's words"),
      step: z
        .enum(['customer', 'item', 'reason', 'offer', 'resolution', 'shipping'])
        .optional()
        .describe('The step being answered'),
    }),
    statusTitle: (args) => `Recording “${args.choice}”`,
    execute: ({ choice, step }, ctx) =>
      ctx.serialize('returns-flow', () => chooseOption(ctx, repo, { value: choice, step })),
  });
  return [startReturn, selectOption];
}
