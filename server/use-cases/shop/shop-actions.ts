/**
 * Clicks on the preference card, handled without a model call: the choice is stored as a hidden context
 * item (the model sees it on its next turn, the user never does) and the card is replaced by its answered
 * form. The recommendation card's buttons are client actions the host page handles; they never get here.
 *
 * @module
 */
import type {
  Action,
  HiddenContextItem,
  ThreadStreamEvent,
  WidgetItem,
} from '../../../src/protocol/types.js';
import type { ResponseContext } from '../../chatkit/types.js';
import type { RequestContext } from '../../stores/store.js';
import { type Activity, ACTIVITIES } from './shop-catalog.js';
import { preferenceNote } from './shop-tools.js';
import { preferenceCard, SHOP_ACTIONS } from './shop-widgets.js';

/** Whether the shop handles an action on the server (the preference card). */
export function isShopAction(action: Action): boolean {
  return action.type === SHOP_ACTIONS.preference;
}

/** The activity a preference click chose; null for anything else. */
function chosenActivity(action: Action): Activity | null {
  const activity = (action.payload as Record<string, unknown> | undefined)?.activity;
  return typeof activity === 'string' && (ACTIVITIES as readonly string[]).includes(activity)
    ? (activity as Activity)
    : null;
}

/** Stores the preference and returns the answered card for `sender` (null if nothing to replace). */
export async function applyShopAction<C extends RequestContext>(
  action: Action,
  sender: WidgetItem | null,
  ctx: ResponseContext<C>,
): Promise<WidgetItem | null> {
  const activity = chosenActivity(action);
  if (!activity) return null;
  const note: HiddenContextItem = {
    id: ctx.generateId('message'),
    thread_id: ctx.thread.id,
    created_at: ctx.now(),
    type: 'hidden_context_item',
    content: preferenceNote(activity),
  };
  await ctx.store.addThreadItem(ctx.thread.id, note, ctx.context);
  if (!sender) return null;
  return {
    ...sender,
    widget: preferenceCard(activity),
    copy_text: `Preference: ${activity}`,
  };
}

/** The streaming handler: the answered card replaces the asking one in place. */
export async function* handleShopAction<C extends RequestContext>(
  action: Action,
  sender: WidgetItem | null,
  ctx: ResponseContext<C>,
): AsyncGenerator<ThreadStreamEvent> {
  if (!chosenActivity(action)) {
    yield ctx.events.notice('warning', 'Pick one of hiking, city, travel or winter.');
    return;
  }
  const updated = await applyShopAction(action, sender, ctx);
  if (updated) yield ctx.events.replaced(updated);
}
