/**
 * Clicks and form submits in the returns widgets: each runs the same flow operation the typed path runs,
 * without a model call (seed 001: "actions bypass the LLM"). A click on a step that is already answered
 * changes nothing and says so in a notice; a problem (e.g. no item ticked) is reported in the widget and
 * a notice.
 *
 * @module
 */
import type { Action, ThreadStreamEvent, WidgetItem } from '../../../src/protocol/types.js';
import { AgentContext } from '../../agent/agent-context.js';
import type { ResponseContext } from '../../chatkit/types.js';
import type { RequestContext } from '../../stores/store.js';
import {
  answerStep,
  type FlowResult,
  loadFlow,
  lookupCustomer,
  selectItems,
  setReasons,
} from './returns-flow.js';
import type { ReturnsRepository } from './returns-repository.js';
import { RETURNS_ACTIONS } from './returns-widgets.js';

const TYPES = new Set<string>(Object.values(RETURNS_ACTIONS));

/** Whether an action belongs to the returns flow. */
export function isReturnsAction(action: Action): boolean {
  return TYPES.has(action.type);
}

const STEP_OF: Record<string, string> = {
  [RETURNS_ACTIONS.lookup]: 'customer',
  [RETURNS_ACTIONS.items]: 'item',
  [RETURNS_ACTIONS.reasons]: 'reason',
};

/** Names of the ticked boxes of a `{ [name]: boolean }` form group. */
function ticked(group: unknown): string[] {
  if (!group || typeof group !== 'object') return [];
  return Object.entries(group as Record<string, unknown>)
    .filter(([, on]) => on === true || on === 'true')
    .map(([name]) => name);
}

/** Handles a returns click or submit as a stream of events. */
export async function* handleReturnsAction<C extends RequestContext>(
  repo: ReturnsRepository,
  action: Action,
  _sender: WidgetItem | null,
  ctx: ResponseContext<C>,
): AsyncGenerator<ThreadStreamEvent> {
  const payload = (action.payload ?? {}) as Record<string, unknown>;
  const state = loadFlow(ctx.thread);
  const step = typeof payload.step === 'string' ? payload.step : STEP_OF[action.type];
  if (!state || state.step === 'done' || (step && step !== state.step)) {
    yield ctx.events.notice(
      'info',
      state?.step === 'done' ? 'This return is already finished.' : 'That step is already answered.',
    );
    return;
  }
  const events: ThreadStreamEvent[] = [];
  const agentCtx = new AgentContext(ctx, (event) => events.push(event));
  let result: FlowResult;
  switch (action.type) {
    case RETURNS_ACTIONS.lookup:
      result = await lookupCustomer(agentCtx, repo, { query: String(payload.query ?? '') });
      break;
    case RETURNS_ACTIONS.items: {
      const items = ticked(payload.selected_items);
      result =
        items.length === 0
          ? { error: 'Tick at least one item to return.' }
          : await selectItems(agentCtx, repo, { items });
      break;
    }
    case RETURNS_ACTIONS.reasons: {
      const reasons = payload.reasons && typeof payload.reasons === 'object' ? payload.reasons : {};
      result = await setReasons(agentCtx, repo, {
        byLine: Object.fromEntries(
          Object.entries(reasons as Record<string, unknown>).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        ),
      });
      break;
    }
    default:
      if (typeof payload.value !== 'string') return;
      result = await answerStep(agentCtx, repo, { value: payload.value, step });
  }
  yield* events;
  if (typeof result.error === 'string') yield ctx.events.notice('warning', result.error);
}
