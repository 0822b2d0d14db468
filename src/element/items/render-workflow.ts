/**
 * Workflow items (a collapsible list of tasks with status indicators and a summary) and standalone task
 * items.
 *
 * @internal
 * @module
 */
import { html, nothing } from 'lit';
import type { Task, TaskItem, WorkflowItem } from '../../protocol/types.js';
import type { ItemRenderContext } from './item-context.js';
import { safeUrl } from '../shared/safe-url.js';
import { uiIcon } from '../shared/ui-icon.js';
import type { Strings } from '../../i18n/strings.js';
import { markdownLabels } from './render-assistant-message.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

function renderIndicator(task: Task) {
  if (task.type === 'custom' && task.icon && task.status_indicator !== 'loading') {
    return html`<span class="indicator ${task.status_indicator}" aria-hidden="true"
      >${uiIcon(task.icon, 14)}</span
    >`;
  }
  if (task.status_indicator === 'loading') {
    return html`<span class="indicator loading spin" aria-hidden="true">${uiIcon('loader', 14)}</span>`;
  }
  if (task.status_indicator === 'complete') {
    return html`<span class="indicator complete" aria-hidden="true">${uiIcon('check', 14)}</span>`;
  }
  return html`<span class="indicator dot" aria-hidden="true"></span>`;
}

function taskTitle(task: Task): string {
  if (task.title) return task.title;
  if (task.type === 'web_search') return task.title_query ?? task.queries.join(', ');
  return '';
}

/** One task row (shared by workflows and standalone task items). */
export function renderTask(task: Task, strings: Strings) {
  const title = taskTitle(task);
  let body: unknown = nothing;
  if ((task.type === 'custom' || task.type === 'thought') && task.content) {
    body = html`<chatkit-markdown
      class="task-content"
      .text=${task.content}
      .labels=${markdownLabels(strings)}
    ></chatkit-markdown>`;
  } else if (task.type === 'web_search' && task.sources.length) {
    body = html`<ul class="task-sources">
      ${task.sources.map((source) => {
        const href = safeUrl(source.url);
        return html`<li>
          ${
            href
              ? html`<a href=${href} target="_blank" rel="noopener noreferrer"
                  >${source.title || source.url}</a
                >`
              : source.title
          }
        </li>`;
      })}
    </ul>`;
  } else if (task.type === 'file' && task.sources.length) {
    body = html`<ul class="task-sources">
      ${task.sources.map((source) => html`<li>${source.title || source.filename}</li>`)}
    </ul>`;
  }
  return html`<li class="task" data-status=${task.status_indicator}>
    ${renderIndicator(task)}
    <div class="task-main">${title ? html`<div class="task-title">${title}</div>` : nothing}${body}</div>
  </li>`;
}

/** Renders a `workflow` item: summary button (collapsible) and the task list. */
export function renderWorkflow(item: WorkflowItem, rc: ItemRenderContext) {
  const { strings } = rc.ctx;
  const workflow = item.workflow;
  const summary = workflow.summary;
  let label: string;
  const summaryIcon = summary && 'title' in summary ? summary.icon : null;
  if (summary && 'duration' in summary) label = strings.workedFor(summary.duration);
  else if (summary && 'title' in summary) label = summary.title;
  else label = rc.pending ? strings.thinking : (taskTitle(workflow.tasks.at(-1) ?? ({} as Task)) ?? '');
  // A running workflow is open so the user sees progress; a finished one follows its `expanded` flag.
  const expanded = rc.isExpanded(item.id, rc.pending || workflow.expanded);
  const bodyId = `wf-${item.id}`;
  return html`<section class="workflow" data-item-id=${item.id} ?data-pending=${rc.pending}>
    <button
      type="button"
      class="workflow-summary"
      aria-expanded=${expanded ? 'true' : 'false'}
      aria-controls=${bodyId}
      @click=${() => rc.toggleExpanded(item.id, rc.pending || workflow.expanded)}
    >
      ${
        rc.pending
          ? html`<span class="spin" aria-hidden="true">${uiIcon('loader', 14)}</span>`
          : summaryIcon
            ? uiIcon(summaryIcon, 14)
            : nothing
      }
      <span class="label">${label || strings.thinking}</span>
      ${uiIcon(expanded ? 'chevron-up' : 'chevron-down', 14)}
    </button>
    <ol id=${bodyId} class="tasks" ?hidden=${!expanded}>
      ${workflow.tasks.map((task) => renderTask(task, strings))}
    </ol>
  </section>`;
}

/** Renders a standalone `task` item. */
export function renderTaskItem(item: TaskItem, rc: ItemRenderContext) {
  return html`<ol class="tasks standalone" data-item-id=${item.id}>
    ${renderTask(item.task, rc.ctx.strings)}
  </ol>`;
}
