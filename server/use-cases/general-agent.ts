/**
 * The general agent (the default when the composer selects no tool): it routes by intent, offering the
 * todo tools, the returns tools and a client tool that asks the browser for its local time.
 *
 * @module
 */
import { z } from 'zod';
import type { Agent } from '../agent/agent.js';
import { defineClientTool } from '../agent/agent-tool.js';
import { describeFlow } from './returns/returns-flow.js';
import type { ReturnsRepository } from './returns/returns-repository.js';
import { createReturnsTools } from './returns/returns-tools.js';
import type { TodoRepository } from './todo/todo-repository.js';
import { createTodoTools } from './todo/todo-tools.js';

/**
 * A client tool: the browser answers with its current time (the demo pages answer `{ time }`, an ISO
 * string; `{ localTime, timeZone }` is understood too). Hosts register it with the element's
 * `onClientTool` option.
 */
export const BROWSER_TIME_TOOL = defineClientTool({
  name: 'get_time',
  description: "Asks the user's browser for its current local time.",
  parameters: z.object({}),
});

/** Creates the general agent. */
export function createGeneralAgent(todos: TodoRepository, returns: ReturnsRepository): Agent {
  return {
    id: 'general',
    showToolStatus: true,
    tools: [...createTodoTools(todos), ...createReturnsTools(returns), BROWSER_TIME_TOOL],
    instructions: async (ctx) =>
      [
        "You are the assistant of the ChatKit Chat demo. You can manage the user's todo list (their todos are shared across conversations), run an order return for the sample shop, and ask the browser for its current time with get_time.",
        'Todo tools show an up-to-date todo card; do not repeat the list in text. Return steps are widgets the user can click; when the user types an answer, call select_return_option.',
        'Answer in one or two short sentences.',
        `Return flow state:\n${await describeFlow(ctx.thread, returns)}`,
      ].join('\n'),
  };
}
