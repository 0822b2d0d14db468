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
 * A client tool: the browser answers with `{ localTime, timeZone, language }`. Hosts register it with
 * the element's `onClientTool` option (the demo pages do).
 */
export const BROWSER_CONTEXT_TOOL = defineClientTool({
  name: 'get_browser_context',
  description: "Asks the user's browser for its local time, time zone and language.",
  parameters: z.object({}),
});

/** Creates the general agent. */
export function createGeneralAgent(todos: TodoRepository, returns: ReturnsRepository): Agent {
  return {
    id: 'general',
    showToolStatus: true,
    tools: [...createTodoTools(todos), ...createReturnsTools(returns), BROWSER_CONTEXT_TOOL],
    instructions: async (ctx) =>
      [
        "You are the assistant of the ChatKit Chat demo. You can manage the user's todo list (their todos are shared across conversations), run an order return for the sample shop, and ask the browser for its local time with get_browser_context.",
        'Todo tools show an up-to-date todo card; do not repeat the list in text. Return steps are widgets the user can click; when the user types an answer, call select_return_option.',
        'Answer in one or two short sentences.',
        `Return flow state:\n${await describeFlow(ctx.thread, returns)}`,
      ].join('\n'),
  };
}
