/**
 * Dispatches a thread item to its renderer. Unknown and hidden types render nothing (§6.1, §6.2).
 *
 * @internal
 * @module
 */
import { nothing } from 'lit';
import type { ThreadItem } from '../../protocol/types.js';
import type { ItemRenderContext } from './item-context.js';
import { renderUserMessage } from './render-user-message.js';
import { renderAssistantMessage } from './render-assistant-message.js';
import { renderWidgetItem } from './render-misc.js';
import type * as OnDemandModule from './render-on-demand.js';

type OnDemand = typeof OnDemandModule;

let onDemand: OnDemand | undefined;
let loading: Promise<OnDemand> | undefined;

/**
 * Loads the renderers of workflows, tasks, client tool calls, generated images and answered questions (once;
 * a failed load is retried by the next item that needs them).
 */
export function loadItemRenderers(): Promise<OnDemand> {
  if (!loading) {
    loading = import('./render-on-demand.js').then((module) => (onDemand = module));
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

/** Whether the on-demand renderers have arrived (a memoised item must render again when they do). */
export function itemRenderersLoaded(): boolean {
  return onDemand !== undefined;
}

/** Renders with the on-demand renderers, or nothing until they arrive (then the log renders again). */
function later(rc: ItemRenderContext, render: (renderers: OnDemand) => unknown) {
  if (onDemand) {
    rc.adoptStyles(onDemand.onDemandItemStyles);
    return render(onDemand);
  }
  void loadItemRenderers().then(() => rc.rerender());
  return nothing;
}

/** Renders one item. */
export function renderItem(item: ThreadItem, rc: ItemRenderContext) {
  switch (item.type) {
    case 'user_message':
      return renderUserMessage(item, rc);
    case 'assistant_message':
      return renderAssistantMessage(item, rc);
    case 'widget':
      return renderWidgetItem(item, rc);
    case 'workflow':
      return later(rc, (r) => r.renderWorkflow(item, rc));
    case 'task':
      return later(rc, (r) => r.renderTaskItem(item, rc));
    case 'client_tool_call':
      return later(rc, (r) => r.renderClientToolCall(item, rc));
    case 'generated_image':
      return later(rc, (r) => r.renderGeneratedImage(item, rc));
    case 'structured_input':
      // A pending question set lives in the composer area; here it shows once answered.
      return item.status === 'pending' ? nothing : later(rc, (r) => r.renderStructuredInputSummary(item, rc));
    default:
      return nothing;
  }
}
