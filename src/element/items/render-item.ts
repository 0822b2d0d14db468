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
import { renderTaskItem, renderWorkflow } from './render-workflow.js';
import {
  renderClientToolCall,
  renderGeneratedImage,
  renderStructuredInputSummary,
  renderWidgetItem,
} from './render-misc.js';

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
      return renderWorkflow(item, rc);
    case 'task':
      return renderTaskItem(item, rc);
    case 'client_tool_call':
      return renderClientToolCall(item, rc);
    case 'generated_image':
      return renderGeneratedImage(item, rc);
    case 'structured_input':
      // A pending question set lives in the composer area; here it shows once answered.
      return item.status === 'pending' ? nothing : renderStructuredInputSummary(item, rc);
    default:
      return nothing;
  }
}
