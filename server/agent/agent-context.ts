/**
 * What a tool gets while it runs: the TypeScript counterpart of chatkit-python's `AgentContext`. Tools use
 * it to show widgets (static or growing), progress lines, a workflow of tasks, client effects, to ask the
 * browser to run a client tool (the turn pauses until `threads.add_client_tool_output`), to store hidden
 * context for later model calls, and to set the thread title.
 *
 * Events a tool emits reach the client while the tool is still running (the runner drains them live).
 *
 * @module
 */
import type {
  ClientToolCallItem,
  HiddenContextItem,
  IconName,
  JsonObject,
  Task,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  WidgetItem,
  WidgetRoot,
  WorkflowItem,
  WorkflowSummary,
} from '../../src/protocol/types.js';
import type { RequestContext, Store } from '../stores/store.js';
import type { ResponseContext } from '../chatkit/types.js';

/** A client tool call a tool (or the model) asked for; the runner ends the turn with it. */
export interface PendingClientToolCall {
  callId: string;
  name: string;
  arguments: JsonObject;
}

/** The per-turn tool context. */
export class AgentContext<C extends RequestContext = RequestContext> {
  /** Set by {@link requestClientToolCall}; read by the runner after the tool round. */
  pendingClientToolCall: PendingClientToolCall | null = null;
  private workflow: WorkflowItem | null = null;
  /** Finished wording of the open workflow's tasks, by task index (see {@link addTask}). */
  private doneTitles = new Map<number, string>();
  private workflowStartedAt = 0;
  /** Summary used when the open workflow ends without one (e.g. closed by a visible item). */
  defaultWorkflowSummary: WorkflowSummary | null = null;

  constructor(
    /** The server's response context (store, ids, clock, signal, event builders). */
    readonly response: ResponseContext<C>,
    private readonly sink: (event: ThreadStreamEvent) => void,
    /**
     * Scratch space shared by every tool of the turn (parallel calls included), e.g. to serialise work on
     * a shared widget or remember what was already shown in this turn.
     */
    readonly turnState: Map<string, unknown> = new Map(),
  ) {}

  /** The thread being answered; mutate it to change title/status/private metadata. */
  get thread(): ThreadMetadata {
    return this.response.thread;
  }

  /** The request context (user id and integration fields). */
  get context(): C {
    return this.response.context;
  }

  /** The thread store. */
  get store(): Store<C> {
    return this.response.store;
  }

  /** Aborted when the client goes away; pass it on to slow work. */
  get signal(): AbortSignal {
    return this.response.signal;
  }

  /**
   * Runs `work` after every earlier `serialize(key, …)` of this turn has settled. Parallel tool calls that
   * touch shared state (a flow, a card) use it to take turns in the order the model called them.
   */
  serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const chainKey = `serialize:${key}`;
    const previous = (this.turnState.get(chainKey) as Promise<unknown> | undefined) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.turnState.set(chainKey, next);
    return next;
  }

  /** Sends any stream event as-is. */
  emit(event: ThreadStreamEvent): void {
    this.sink(event);
  }

  /** Shows a transient status line (`progress_update`). */
  progress(text: string, icon?: IconName): void {
    this.emit(this.response.events.progress(text, icon));
  }

  /** Sends a fire-and-forget instruction to the host page (`client_effect`). */
  clientEffect(name: string, data: JsonObject = {}): void {
    this.emit(this.response.events.clientEffect(name, data));
  }

  /** Sets the thread title; the server announces it with `thread.updated`. */
  setThreadTitle(title: string): void {
    this.thread.title = title;
  }

  /**
   * Streams a widget: a single root is sent as one `thread.item.done`; an async iterable of successive
   * versions is sent as added → diffs → done (§7.7). Closes an open workflow first. Returns the item id.
   */
  async streamWidget(
    widget: WidgetRoot | AsyncIterable<WidgetRoot>,
    options: { copyText?: string | null; id?: string } = {},
  ): Promise<string> {
    const item = await this.streamWidgetItem(widget, options);
    return item.id;
  }

  /** Like {@link streamWidget}, returning the final widget item as sent in `thread.item.done`. */
  async streamWidgetItem(
    widget: WidgetRoot | AsyncIterable<WidgetRoot>,
    options: { copyText?: string | null; id?: string } = {},
  ): Promise<WidgetItem> {
    this.closeWorkflowForVisibleItem();
    const id = options.id ?? this.response.generateId('message');
    let final: WidgetItem | null = null;
    for await (const event of this.response.streamWidget(widget, {
      id,
      copyText: options.copyText ?? null,
    })) {
      if (event.type === 'thread.item.done' && event.item.type === 'widget') final = event.item;
      this.emit(event);
    }
    if (!final) throw new Error('streamWidget produced no final widget item');
    return final;
  }

  /** Replaces a stored item in place (`thread.item.replaced`, persisted by the server). */
  replaceItem(item: ThreadItem): void {
    this.emit(this.response.events.replaced(item));
  }

  /** Opens a custom workflow (tool status shown as a task list). A still-open workflow is ended first. */
  startWorkflow(tasks: Task[] = [], options: { expanded?: boolean } = {}): string {
    if (this.workflow) this.endWorkflow();
    this.workflowStartedAt = Date.now();
    this.doneTitles = new Map();
    this.workflow = {
      id: this.response.generateId('workflow'),
      thread_id: this.thread.id,
      created_at: this.response.now(),
      type: 'workflow',
      workflow: { type: 'custom', tasks: [...tasks], expanded: options.expanded ?? true },
    };
    this.emit(this.response.events.added(structuredClone(this.workflow)));
    return this.workflow.id;
  }

  /** Whether a workflow is open. */
  get hasOpenWorkflow(): boolean {
    return this.workflow !== null;
  }

  /**
   * Appends a task to the open workflow (opening one if needed); returns its index. `doneTitle` replaces
   * the task's title once it is complete ({@link completeTask}, or the workflow ends while it is loading).
   */
  addTask(task: Task, options: { doneTitle?: string } = {}): number {
    if (!this.workflow) this.startWorkflow();
    const workflow = this.workflow as WorkflowItem;
    const index = workflow.workflow.tasks.length;
    workflow.workflow.tasks.push(structuredClone(task));
    if (options.doneTitle) this.doneTitles.set(index, options.doneTitle);
    this.emit(
      this.response.events.updated(workflow.id, { type: 'workflow.task.added', task_index: index, task }),
    );
    return index;
  }

  /** Replaces task `index` of the open workflow (full task, not a delta). Ignored when none is open. */
  updateTask(index: number, task: Task): void {
    const workflow = this.workflow;
    if (!workflow || index < 0 || index >= workflow.workflow.tasks.length) return;
    workflow.workflow.tasks[index] = task;
    this.emit(
      this.response.events.updated(workflow.id, { type: 'workflow.task.updated', task_index: index, task }),
    );
  }

  /**
   * Marks task `index` of the open workflow complete: its title becomes `doneTitle` (default: the one given
   * to {@link addTask}, else unchanged) and a custom task's icon a check.
   */
  completeTask(index: number, doneTitle?: string): void {
    const task = this.workflow?.workflow.tasks[index];
    if (!task || task.status_indicator === 'complete') return;
    const title = doneTitle ?? this.doneTitles.get(index);
    this.updateTask(index, {
      ...task,
      status_indicator: 'complete',
      ...(title ? { title } : {}),
      ...(task.type === 'custom' ? { icon: 'check' } : {}),
    });
  }

  /**
   * Ends the open workflow with a summary (default: the elapsed seconds) and sends it as
   * `thread.item.done`, which the server persists. Loading tasks are shown as complete, in their finished
   * wording.
   */
  endWorkflow(summary?: WorkflowSummary, options: { expanded?: boolean } = {}): void {
    const workflow = this.workflow;
    if (!workflow) return;
    this.workflow = null;
    workflow.workflow.tasks.forEach((task, index) => {
      if (task.status_indicator !== 'loading') return;
      task.status_indicator = 'complete';
      const title = this.doneTitles.get(index);
      if (title) task.title = title;
    });
    workflow.workflow.summary = summary ??
      this.defaultWorkflowSummary ?? {
        duration: Math.max(0, Math.round((Date.now() - this.workflowStartedAt) / 1000)),
      };
    workflow.workflow.expanded = options.expanded ?? false;
    this.emit(this.response.events.done(structuredClone(workflow)));
  }

  /** A visible item closes the workflow first, as the Agents bridge does (§8.13). */
  closeWorkflowForVisibleItem(): void {
    if (this.workflow) this.endWorkflow();
  }

  /**
   * Asks the browser to run a client tool. The runner ends the turn with a pending `client_tool_call`;
   * the client's `threads.add_client_tool_output` resumes it with the result in the model's history.
   */
  requestClientToolCall(name: string, args: JsonObject = {}): void {
    this.pendingClientToolCall = { callId: this.response.generateId('tool_call'), name, arguments: args };
  }

  /**
   * Stores model-only context (never shown to the user) that later model calls in this thread see. It is
   * written straight to the store, as chatkit-python's docs recommend.
   */
  async addHiddenContext(content: unknown): Promise<void> {
    const item: HiddenContextItem = {
      id: this.response.generateId('message'),
      thread_id: this.thread.id,
      created_at: this.response.now(),
      type: 'hidden_context_item',
      content,
    };
    await this.store.addThreadItem(this.thread.id, item, this.context);
  }

  /** Builds the pending client tool call item the runner ends the turn with. */
  clientToolCallItem(call: PendingClientToolCall): ClientToolCallItem {
    return {
      id: this.response.generateId('tool_call'),
      thread_id: this.thread.id,
      created_at: this.response.now(),
      type: 'client_tool_call',
      status: 'pending',
      call_id: call.callId,
      name: call.name,
      arguments: call.arguments,
    };
  }
}
