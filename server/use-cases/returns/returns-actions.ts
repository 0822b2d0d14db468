/**
 * Clicks in the returns widgets: the choice is recorded exactly as the typed path records it, without a
 * model call. Clicks on an already answered step are ignored with a notice.
 *
 * @module
 */
import type { Action, ThreadStreamEvent, WidgetItem } from '../../../src/protocol/types.js';
import { AgentContext } from '../../agent/agent-context.js';
import type { ResponseContext } from '../../chatkit/types.js';
import type { RequestContext } from '../../stores/store.js';
import { chooseOption } from './returns-flow.js';
import type { ReturnsRepository } from './returns-repository.js';
import { RETURNS_SELECT_ACTION } from './returns-widgets.js';

/** Whether an action belongs to the returns flow. */
export function isReturnsAction(action: Action): boolean {
  return action.type === RETURNS_SELECT_ACTION;
}

/** Handles a returns click as a stream of events. */
export async function* handleReturnsAction<C extends RequestContext>(
  repo: ReturnsRepository,
  action: Action,
  _sender: WidgetItem | null,
  ctx: ResponseContext<C>,
): AsyncGenerator<ThreadStreamEvent> {
  const payload = (action.payload ?? {}) as { step?: unknown; value?: unknown };
  if (typeof payload.value !== 'string') return;
  const events: ThreadStreamEvent[] = [];
  const agentCtx = new AgentContext(ctx, (event) => events.push(event));
  const result = await chooseOption(agentCtx, repo, {
    value: payload.value,
    step: typeof payload.step === 'string' ? payload.step : undefined,
  });
  yield* events;
  if (typeof result.error === 'string') yield ctx.events.notice('info', result.error);
}
