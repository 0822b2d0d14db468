/**
 * TypeScript types of the ChatKit wire protocol (chatkit-python 1.6.5; see PROTOCOL.md).
 *
 * DOM-free and Lit-free: imported by the element and by the Node server alike. Field names are the wire
 * names (snake_case). Optional fields are absent rather than `null` on the wire (§0), but receivers accept
 * `null` where the reference models are nullable, so optional fields are typed `T | null` where that matters.
 *
 * @module
 */

/** An ISO-8601 timestamp string in any of the shapes of §0. */
export type Timestamp = string;

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object with unknown members. */
export type JsonObject = Record<string, any>;

// ───────────────────────────── Icons (§6.7) ─────────────────────────────

/** The 64 built-in icon names. */
// prettier-ignore
export const ICON_NAMES = [
  'agent', 'analytics', 'atom', 'batch', 'bolt', 'book-open', 'book-closed', 'book-clock', 'bug', 'calendar',
  'chart', 'check', 'check-circle', 'check-circle-filled', 'chevron-left', 'chevron-right', 'circle-question',
  'clock', 'compass', 'confetti', 'cube', 'desktop', 'document', 'dot', 'dots-horizontal', 'dots-vertical',
  'empty-circle', 'external-link', 'globe', 'keys', 'lab', 'images', 'info', 'lifesaver', 'lightbulb', 'mail',
  'map-pin', 'maps', 'mobile', 'name', 'notebook', 'notebook-pencil', 'page-blank', 'phone', 'play', 'plus',
  'profile', 'profile-card', 'reload', 'star', 'star-filled', 'search', 'sparkle', 'sparkle-double',
  'square-code', 'square-image', 'square-text', 'suitcase', 'settings-slider', 'user', 'wreath', 'write',
  'write-alt', 'write-alt2',
] as const;

/** A built-in icon name, or a `vendor:`/`lucide:` prefixed name. */
export type IconName = (typeof ICON_NAMES)[number] | `vendor:${string}` | `lucide:${string}` | (string & {});

// ───────────────────────────── Attachments (§6.6) ─────────────────────────────

export interface UploadDescriptor {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
}

interface AttachmentBase {
  id: string;
  name: string;
  mime_type: string;
  upload_descriptor?: UploadDescriptor | null;
  thread_id?: string | null;
}

export interface FileAttachment extends AttachmentBase {
  type: 'file';
}

export interface ImageAttachment extends AttachmentBase {
  type: 'image';
  preview_url: string;
}

export type Attachment = FileAttachment | ImageAttachment;

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

// ───────────────────────────── Item updates (§5) ─────────────────────────────

export interface AssistantMessageContentPartAdded {
  type: 'assistant_message.content_part.added';
  content_index: number;
  content: AssistantMessageContent;
}

export interface AssistantMessageContentPartTextDelta {
  type: 'assistant_message.content_part.text_delta';
  content_index: number;
  delta: string;
}

export interface AssistantMessageContentPartAnnotationAdded {
  type: 'assistant_message.content_part.annotation_added';
  content_index: number;
  annotation_index: number;
  annotation: Annotation;
}

export interface AssistantMessageContentPartDone {
  type: 'assistant_message.content_part.done';
  content_index: number;
  content: AssistantMessageContent;
}

export interface WidgetStreamingTextValueDelta {
  type: 'widget.streaming_text.value_delta';
  component_id: string;
  delta: string;
  done: boolean;
}

export interface WidgetRootUpdated {
  type: 'widget.root.updated';
  widget: WidgetRoot;
}

export interface WidgetComponentUpdated {
  type: 'widget.component.updated';
  component_id: string;
  component: WidgetComponent;
}

export interface WorkflowTaskAdded {
  type: 'workflow.task.added';
  task_index: number;
  task: Task;
}

export interface WorkflowTaskUpdated {
  type: 'workflow.task.updated';
  task_index: number;
  task: Task;
}

export interface GeneratedImageUpdated {
  type: 'generated_image.updated';
  image: GeneratedImage;
  progress?: number | null;
}

export type ThreadItemUpdate =
  | AssistantMessageContentPartAdded
  | AssistantMessageContentPartTextDelta
  | AssistantMessageContentPartAnnotationAdded
  | AssistantMessageContentPartDone
  | WidgetStreamingTextValueDelta
  | WidgetRootUpdated
  | WidgetComponentUpdated
  | WorkflowTaskAdded
  | WorkflowTaskUpdated
  | GeneratedImageUpdated;

export type ThreadItemUpdateType = ThreadItemUpdate['type'];

// ───────────────────────────── Stream events (§4) ─────────────────────────────

export interface ThreadCreatedEvent {
  type: 'thread.created';
  thread: Thread;
}

export interface ThreadUpdatedEvent {
  type: 'thread.updated';
  thread: Thread;
}

export interface ThreadItemAddedEvent {
  type: 'thread.item.added';
  item: ThreadItem;
}

export interface ThreadItemUpdatedEvent {
  type: 'thread.item.updated';
  item_id: string;
  update: ThreadItemUpdate;
}

export interface ThreadItemDoneEvent {
  type: 'thread.item.done';
  item: ThreadItem;
}

export interface ThreadItemRemovedEvent {
  type: 'thread.item.removed';
  item_id: string;
}

export interface ThreadItemReplacedEvent {
  type: 'thread.item.replaced';
  item: ThreadItem;
}

export interface StreamOptions {
  allow_cancel: boolean;
}

export interface StreamOptionsEvent {
  type: 'stream_options';
  stream_options: StreamOptions;
}

export interface ProgressUpdateEvent {
  type: 'progress_update';
  icon?: IconName | null;
  text: string;
}

export interface ClientEffectEvent {
  type: 'client_effect';
  name: string;
  data: JsonObject;
}

export interface ErrorEvent {
  type: 'error';
  code: 'stream.error' | 'custom' | (string & {});
  message?: string | null;
  allow_retry: boolean;
}

export interface NoticeEvent {
  type: 'notice';
  level: 'info' | 'warning' | 'danger';
  message: string;
  title?: string | null;
}

export type ThreadStreamEvent =
  | ThreadCreatedEvent
  | ThreadUpdatedEvent
  | ThreadItemAddedEvent
  | ThreadItemUpdatedEvent
  | ThreadItemDoneEvent
  | ThreadItemRemovedEvent
  | ThreadItemReplacedEvent
  | StreamOptionsEvent
  | ProgressUpdateEvent
  | ClientEffectEvent
  | ErrorEvent
  | NoticeEvent;

export type ThreadStreamEventType = ThreadStreamEvent['type'];

// ───────────────────────────── Actions (§7.3) ─────────────────────────────

export interface ActionConfig {
  type: string;
  payload?: any;
  handler?: 'server' | 'client';
  loadingBehavior?: 'auto' | 'none' | 'self' | 'container';
  streaming?: boolean;
}

/** What travels in `threads.custom_action`: only `type` and `payload`. */
export interface Action {
  type: string;
  payload?: any;
}

// ───────────────────────────── Requests (§2) ─────────────────────────────

export interface ThreadsCreateRequest {
  type: 'threads.create';
  params: { input: UserMessageInput };
  metadata?: JsonObject;
}

export interface ThreadsAddUserMessageRequest {
  type: 'threads.add_user_message';
  params: { thread_id: string; input: UserMessageInput };
  metadata?: JsonObject;
}

export interface ThreadsAddClientToolOutputRequest {
  type: 'threads.add_client_tool_output';
  params: { thread_id: string; result: any };
  metadata?: JsonObject;
}

export interface StructuredInputSubmission {
  status?: 'answered' | 'skipped';
  answers?: Record<string, { values?: string[]; skipped?: boolean }>;
}

export interface ThreadsAddStructuredInputRequest {
  type: 'threads.add_structured_input';
  params: { thread_id: string; item_id: string; input: StructuredInputSubmission };
  metadata?: JsonObject;
}

export interface ThreadsRetryAfterItemRequest {
  type: 'threads.retry_after_item';
  params: { thread_id: string; item_id: string };
  metadata?: JsonObject;
}

export interface CustomActionParams {
  thread_id: string;
  item_id?: string | null;
  action: Action;
}

export interface ThreadsCustomActionRequest {
  type: 'threads.custom_action';
  params: CustomActionParams;
  metadata?: JsonObject;
}

export interface ThreadsSyncCustomActionRequest {
  type: 'threads.sync_custom_action';
  params: CustomActionParams;
  metadata?: JsonObject;
}

export interface ThreadsGetByIdRequest {
  type: 'threads.get_by_id';
  params: { thread_id: string };
  metadata?: JsonObject;
}

export interface ListParams {
  limit?: number | null;
  order?: 'asc' | 'desc';
  after?: string | null;
}

export interface ThreadsListRequest {
  type: 'threads.list';
  params: ListParams;
  metadata?: JsonObject;
}

export interface ThreadsUpdateRequest {
  type: 'threads.update';
  params: { thread_id: string; title: string };
  metadata?: JsonObject;
}

export interface ThreadsDeleteRequest {
  type: 'threads.delete';
  params: { thread_id: string };
  metadata?: JsonObject;
}

export interface ItemsListRequest {
  type: 'items.list';
  params: ListParams & { thread_id: string };
  metadata?: JsonObject;
}

export interface ItemsFeedbackRequest {
  type: 'items.feedback';
  params: { thread_id: string; item_ids: string[]; kind: 'positive' | 'negative' };
  metadata?: JsonObject;
}

export interface AttachmentsCreateRequest {
  type: 'attachments.create';
  params: { name: string; size: number; mime_type: string };
  metadata?: JsonObject;
}

export interface AttachmentsDeleteRequest {
  type: 'attachments.delete';
  params: { attachment_id: string };
  metadata?: JsonObject;
}

export interface InputTranscribeRequest {
  type: 'input.transcribe';
  params: { audio_base64: string; mime_type: string };
  metadata?: JsonObject;
}

export type StreamingRequest =
  | ThreadsCreateRequest
  | ThreadsAddUserMessageRequest
  | ThreadsAddClientToolOutputRequest
  | ThreadsAddStructuredInputRequest
  | ThreadsRetryAfterItemRequest
  | ThreadsCustomActionRequest;

export type NonStreamingRequest =
  | ThreadsSyncCustomActionRequest
  | ThreadsGetByIdRequest
  | ThreadsListRequest
  | ThreadsUpdateRequest
  | ThreadsDeleteRequest
  | ItemsListRequest
  | ItemsFeedbackRequest
  | AttachmentsCreateRequest
  | AttachmentsDeleteRequest
  | InputTranscribeRequest;

export type ChatKitRequest = StreamingRequest | NonStreamingRequest;

export type RequestType = ChatKitRequest['type'];

/** The six request types whose success body is an SSE stream. */
export const STREAMING_REQUEST_TYPES = [
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
] as const satisfies readonly StreamingRequest['type'][];

/** Whether a request type answers with an SSE stream. */
export function isStreamingRequestType(type: string): type is StreamingRequest['type'] {
  return (STREAMING_REQUEST_TYPES as readonly string[]).includes(type);
}

// ───────────────────────────── Responses (§3) ─────────────────────────────

export interface SyncCustomActionResponse {
  updated_item?: ThreadItem | null;
}

export interface TranscribeResponse {
  text: string;
}

// ───────────────────────────── Widgets (§7) ─────────────────────────────

export type ThemeColor = { light: string; dark: string };
export type WidgetColor = string | ThemeColor;
export type SpacingValue = number | string;
export type Spacing = {
  top?: SpacingValue;
  right?: SpacingValue;
  bottom?: SpacingValue;
  left?: SpacingValue;
  x?: SpacingValue;
  y?: SpacingValue;
};
export type Border = {
  size: number;
  color?: WidgetColor;
  style?: 'solid' | 'dashed' | 'dotted' | 'double' | 'groove' | 'ridge' | 'inset' | 'outset';
};
export type Borders = {
  top?: number | Border;
  right?: number | Border;
  bottom?: number | Border;
  left?: number | Border;
  x?: number | Border;
  y?: number | Border;
};
export type WidgetStatus =
  { text: string; favicon?: string; frame?: boolean } | { text: string; icon?: IconName };
export type CardAction = { label: string; action: ActionConfig };
export type RadiusValue =
  '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl' | '4xl' | 'full' | '100%' | 'none';
export type Alignment = 'start' | 'center' | 'end' | 'baseline' | 'stretch';
export type Justification = 'start' | 'center' | 'end' | 'between' | 'around' | 'evenly' | 'stretch';
export type TextAlign = 'start' | 'center' | 'end';
export type TextSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl';
export type TitleSize = 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl' | '4xl' | '5xl';
export type CaptionSize = 'sm' | 'md' | 'lg';
export type IconSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl';
export type ControlVariant = 'solid' | 'soft' | 'outline' | 'ghost';
export type ControlSize = '3xs' | '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl';
export type FontWeight = 'normal' | 'medium' | 'semibold' | 'bold';

/**
 * A widget node. Every node has `type` and optional `id`/`key`; the remaining props depend on the type
 * (§7.5) and unknown props must be tolerated, so nodes are typed loosely here. The per-component prop
 * interfaces below document the catalog and are used by the renderer and by server code that builds trees.
 */
export interface WidgetNode {
  type: string;
  id?: string;
  key?: string;
  [prop: string]: any;
}

/** Any widget component (roots included). */
export type WidgetComponent = WidgetNode;

/** A widget root: `Card`, `ListView` or `Basic`. */
export interface WidgetRoot extends WidgetNode {
  type: 'Card' | 'ListView' | 'Basic';
}

/** The root component types (§7.1). */
export const WIDGET_ROOT_TYPES = ['Card', 'ListView', 'Basic'] as const;

/** Every component type of the catalog (§7.5) plus ChatKit JS's Table family. */
// prettier-ignore
export const WIDGET_COMPONENT_TYPES = [
  'Card', 'ListView', 'Basic', 'ListViewItem', 'Box', 'Row', 'Col', 'Form', 'Spacer', 'Divider', 'Transition',
  'Text', 'Title', 'Caption', 'Markdown', 'Label', 'Badge', 'Icon', 'Image', 'Chart', 'Button', 'Input',
  'Textarea', 'Select', 'DatePicker', 'Checkbox', 'RadioGroup', 'Table', 'Table.Row', 'Table.Cell',
] as const;

export type WidgetComponentType = (typeof WIDGET_COMPONENT_TYPES)[number];
