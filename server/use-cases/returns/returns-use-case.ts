/**
 * The order-returns use case (seed 001) as the agent registers it: the returns agent, the step widgets'
 * clicks (no model call), the offline model's intents, a start-screen prompt and a composer tool.
 *
 * @module
 */
import type { UseCase } from '../../agent/use-case.js';
import type { RequestContext } from '../../stores/store.js';
import { handleReturnsAction, isReturnsAction } from './returns-actions.js';
import { createReturnsAgent } from './returns-agent.js';
import { RETURNS_INTENTS, RETURNS_SUGGESTIONS } from './returns-offline.js';
import type { ReturnsRepository } from './returns-repository.js';

/** Creates the returns use case over a repository. */
export function createReturnsUseCase<C extends RequestContext = RequestContext>(
  repo: ReturnsRepository,
): UseCase<C> {
  return {
    id: 'returns',
    aliases: ['return'],
    agent: createReturnsAgent(repo),
    actions: {
      handles: isReturnsAction,
      action: (_thread, action, sender, ctx) => handleReturnsAction(repo, action, sender, ctx),
    },
    offline: { intents: RETURNS_INTENTS, suggestions: RETURNS_SUGGESTIONS },
    prompts: [{ label: 'Return an order', prompt: 'I want to return something', icon: 'cube' }],
    composerTool: {
      id: 'returns',
      label: 'Order returns',
      shortLabel: 'Returns',
      icon: 'cube',
      placeholderOverride: 'Describe what you want to return',
    },
  };
}
