/**
 * Stream events (§4) and the item updates carried by `thread.item.updated` (§5).
 *
 * @module
 */
import type { IconName, JsonObject } from './common.js';
import type {
  Annotation,
  AssistantMessageContent,
  GeneratedImage,
  Task,
  Thread,
  ThreadItem,
} from './items.js';
import type { WidgetComponent, WidgetRoot } from './widgets.js';

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
