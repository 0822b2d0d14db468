/**
 * The general use case (the default when the composer selects no tool): one agent with the tools of the
 * other use cases plus a client tool that asks the browser for its local time, routing by intent.
 *
 * @module
 */
import { z } from 'zod';
import type { Agent } from '../agent/agent.js';
import { defineClientTool } from '../agent/agent-tool.js';
import type { OfflineIntent } from '../agent/offline-intents.js';
import type { UseCase } from '../agent/use-case.js';
import type { RequestContext } from '../stores/store.js';

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

/** The offline model's intent for the client tool. */
export const BROWSER_TIME_INTENTS: readonly OfflineIntent[] = [
  {
    id: 'general.time',
    tools: ['get_time'],
    vocabulary: ['time', 'clock', 'browser', 'timezone'],
    patterns: [
      /\b(?:what time|what's the time|whats the time|the time|local time|time zone|timezone|my browser|clock|what day)\b/i,
    ],
    decide: () => ({ calls: [{ name: 'get_time', arguments: {} }] }),
  },
];

const INTRO =
  'You are the assistant of the ChatKit Chat demo. You can do everything the parts below describe, and ask the browser for its current time with get_time.';

/** Creates the general use case over the other use cases' agents. */
export function createGeneralUseCase<C extends RequestContext = RequestContext>(
  parts: readonly UseCase<C>[],
): UseCase<C> {
  const agent: Agent = {
    id: 'general',
    showToolStatus: true,
    tools: [...parts.flatMap((part) => part.agent.tools), BROWSER_TIME_TOOL],
    instructions: async (ctx) => {
      const sections = await Promise.all(
        parts.map(async (part) => {
          const text =
            typeof part.agent.instructions === 'string'
              ? part.agent.instructions
              : await part.agent.instructions(ctx);
          return `## ${part.composerTool?.label ?? part.id}\n${text}`;
        }),
      );
      return [INTRO, ...sections, 'Answer in one or two short sentences.'].join('\n\n');
    },
  };
  return {
    id: 'general',
    agent,
    offline: {
      intents: BROWSER_TIME_INTENTS,
      suggestions: [{ label: 'What time is it?', prompt: 'What time is it?', icon: 'clock' }],
    },
    prompts: [{ label: 'What time is it?', prompt: 'What time is it in my browser?', icon: 'clock' }],
  };
}
