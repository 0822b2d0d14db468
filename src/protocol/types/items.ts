/**
 * Thread items and what they contain: user input, sources and annotations, tasks and workflows, structured
 * input, the eleven item types, threads and pages (§2, §3, §6).
 *
 * @module
 */
import type { Attachment } from './attachments.js';
import type { IconName, JsonObject, Timestamp } from './common.js';
import type { WidgetRoot } from './widgets.js';

// ───────────────────────────── User input (§2) ─────────────────────────────

export interface InputTextContent {
  type: 'input_text';
  text: string;
}

export interface InputTagContent {
  type: 'input_tag';
  id: string;
  text: string;
  data: JsonObject;
  group?: string | null;
  interactive?: boolean;
}

export type UserMessageContent = InputTextContent | InputTagContent;

export interface InferenceOptions {
  tool_choice?: { id: string } | null;
  model?: string | null;
}

export interface UserMessageInput {
  content: UserMessageContent[];
  /** Attachment ids. Required (send `[]`). */
  attachments: string[];
  quoted_text?: string | null;
  /** Required (send `{}`). */
  inference_options: InferenceOptions;
}

// ───────────────────────────── Sources and annotations (§6.4) ─────────────────────────────

interface SourceBase {
  title: string;
  description?: string | null;
  timestamp?: string | null;
  group?: string | null;
}

export interface URLSource extends SourceBase {
  type: 'url';
  url: string;
  attribution?: string | null;
}

export interface FileSource extends SourceBase {
  type: 'file';
  filename: string;
}

export interface EntitySource extends SourceBase {
  type: 'entity';
  id: string;
  icon?: IconName | null;
  label?: string | null;
  inline_label?: string | null;
  interactive: boolean;
  data: JsonObject;
  preview?: 'lazy' | null;
}

export type Source = URLSource | FileSource | EntitySource;

export interface Annotation {
  type: 'annotation';
  source: Source;
  index?: number | null;
}

export interface AssistantMessageContent {
  type: 'output_text';
  text: string;
  annotations: Annotation[];
}

// ───────────────────────────── Tasks and workflows (§6.3) ─────────────────────────────

export type TaskStatusIndicator = 'none' | 'loading' | 'complete';

interface TaskBase {
  status_indicator: TaskStatusIndicator;
  title?: string | null;
}

export interface CustomTask extends TaskBase {
  type: 'custom';
  icon?: IconName | null;
  content?: string | null;
}

export interface WebSearchTask extends TaskBase {
  type: 'web_search';
  title_query?: string | null;
  queries: string[];
  sources: URLSource[];
}

export interface ThoughtTask extends TaskBase {
  type: 'thought';
  content: string;
}

export interface FileTask extends TaskBase {
  type: 'file';
  sources: FileSource[];
}

export interface ImageTask extends TaskBase {
  type: 'image';
}

export type Task = CustomTask | WebSearchTask | ThoughtTask | FileTask | ImageTask;

export type WorkflowSummary = { title: string; icon?: IconName | null } | { duration: number };

export interface Workflow {
  type: 'custom' | 'reasoning';
  tasks: Task[];
  summary?: WorkflowSummary | null;
  expanded: boolean;
}

// ───────────────────────────── Structured input (§6.2) ─────────────────────────────

export interface StructuredInputAnswer {
  values: string[];
  skipped: boolean;
}

export interface MultipleChoiceInput {
  type: 'multiple_choice';
  id: string;
  question: string;
  answer?: StructuredInputAnswer | null;
  options: { value: string }[];
  multiple: boolean;
}

export interface FreeformInput {
  type: 'freeform';
  id: string;
  question: string;
  answer?: StructuredInputAnswer | null;
  description?: string | null;
}

export type StructuredInput = MultipleChoiceInput | FreeformInput;

// ───────────────────────────── Thread items (§6.1, §6.2) ─────────────────────────────

export interface ThreadItemBase {
  id: string;
  thread_id: string;
  created_at: Timestamp;
}

export interface UserMessageItem extends ThreadItemBase {
  type: 'user_message';
  content: UserMessageContent[];
  attachments: Attachment[];
  quoted_text?: string | null;
  inference_options: InferenceOptions;
}

export interface AssistantMessageItem extends ThreadItemBase {
  type: 'assistant_message';
  content: AssistantMessageContent[];
}

export interface ClientToolCallItem extends ThreadItemBase {
  type: 'client_tool_call';
  status: 'pending' | 'completed';
  call_id: string;
  name: string;
  arguments: JsonObject;
  output?: any;
}

export interface WidgetItem extends ThreadItemBase {
  type: 'widget';
  widget: WidgetRoot;
  copy_text?: string | null;
}

export interface GeneratedImage {
  id: string;
  url: string;
}

export interface GeneratedImageItem extends ThreadItemBase {
  type: 'generated_image';
  image?: GeneratedImage | null;
}

export interface StructuredInputItem extends ThreadItemBase {
  type: 'structured_input';
  status: 'pending' | 'answered' | 'skipped';
  inputs: StructuredInput[];
}

export interface WorkflowItem extends ThreadItemBase {
  type: 'workflow';
  workflow: Workflow;
}

export interface TaskItem extends ThreadItemBase {
  type: 'task';
  task: Task;
}

export interface EndOfTurnItem extends ThreadItemBase {
  type: 'end_of_turn';
}

/** Server-private integration context. Never sent to clients (§8.10). */
export interface HiddenContextItem extends ThreadItemBase {
  type: 'hidden_context_item';
  content: any;
}

/** Server-private SDK note (e.g. the cancellation note). Never sent to clients (§8.10). */
export interface SDKHiddenContextItem extends ThreadItemBase {
  type: 'sdk_hidden_context';
  content: string;
}

export type ThreadItem =
  | UserMessageItem
  | AssistantMessageItem
  | ClientToolCallItem
  | WidgetItem
  | GeneratedImageItem
  | StructuredInputItem
  | WorkflowItem
  | TaskItem
  | EndOfTurnItem
  | HiddenContextItem
  | SDKHiddenContextItem;

export type ThreadItemType = ThreadItem['type'];

/** The item types the server keeps to itself. */
export const HIDDEN_ITEM_TYPES: ReadonlySet<string> = new Set(['hidden_context_item', 'sdk_hidden_context']);

/** Whether an item is server-private context that must never reach a client. */
export function isHiddenItem(item: { type: string }): boolean {
  return HIDDEN_ITEM_TYPES.has(item.type);
}

// ───────────────────────────── Threads and pages (§3) ─────────────────────────────

export type ThreadStatus =
  | { type: 'active' }
  | { type: 'locked'; reason?: string | null }
  | { type: 'closed'; reason?: string | null };

export interface Page<T> {
  data: T[];
  has_more: boolean;
  after?: string | null;
}

/** Thread metadata as stored (private `metadata` included; never put it on the wire). */
export interface ThreadMetadata {
  id: string;
  title?: string | null;
  created_at: Timestamp;
  status: ThreadStatus;
  allowed_image_domains?: string[] | null;
  metadata: JsonObject;
}

/** A thread on the wire: metadata (with `metadata` always `{}`) plus a page of items. */
export interface Thread extends ThreadMetadata {
  items: Page<ThreadItem>;
}
