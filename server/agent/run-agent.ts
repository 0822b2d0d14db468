/**
 * The tool loop: stream a model completion, relay its text as assistant message events (§8.13), run the
 * tool calls it asked for in parallel (their widgets, progress and workflow events reach the client while
 * they run), feed the results back, and repeat until the model answers without tools, a client tool call
 * pauses the turn, or the round cap is reached.
 *
 * @module
 */
import type { AssistantMessageItem, ThreadStreamEvent, UserMessageItem } from '../../src/protocol/types.js';
import { CustomStreamError, StreamError } from '../chatkit/errors.js';
import type { ResponseContext } from '../chatkit/types.js';
import type { RequestContext } from '../stores/store.js';
import type { Agent } from './agent.js';
import { AgentContext } from './agent-context.js';
import { type AnyTool, isClientTool, isServerTool, toModelTool } from './agent-tool.js';
import type { ChatModel, ModelMessage, ModelToolCall } from './chat-model.js';
import { EventQueue } from './event-queue.js';
import { inlinePrivateImages } from './inline-images.js';
import { threadItemsToMessages } from './thread-to-messages.js';
import { generateTitle, type TitleMode } from './thread-title.js';

/** Options of {@link runAgent}. */
export interface RunAgentOptions {
  agent: Agent;
  model: ChatModel;
  /** The new user message, or null when resuming (client tool output). */
  input: UserMessageItem | null;
  /** Maximum model calls that may request tools; one final call without tools follows (default 6). */
  maxRounds?: number;
  /** How many stored items the model sees (default 40). */
  historyLimit?: number;
  /** Model id override (composer model picker). */
  modelId?: string;
  /** How to title a new thread after its first exchange (default `model`, offline models: first message). */
  titles?: TitleMode;
}

/** One model round's outcome. */
interface RoundResult {
  text: string;
  calls: ModelToolCall[];
}

/** Runs an agent turn and yields the stream events of the response. */
export async function* runAgent<C extends RequestContext>(
  ctx: ResponseContext<C>,
  options: RunAgentOptions,
): AsyncGenerator<ThreadStreamEvent, void, undefined> {
  const { agent, model } = options;
  const maxRounds = options.maxRounds ?? 6;
  const tools = new Map<string, AnyTool>(agent.tools.map((tool) => [tool.name, tool]));
  const modelTools = agent.tools.map(toModelTool);

  const queue: ThreadStreamEvent[] = [];
  const agentCtx = new AgentContext(ctx, (event) => queue.push(event));
  const instructions =
    typeof agent.instructions === 'string' ? agent.instructions : await agent.instructions(agentCtx);
  yield* drain(queue);

  const history = options.model.offline
    ? await ctx.loadHistory(options.historyLimit ?? 40)
    : await inlinePrivateImages(await ctx.loadHistory(options.historyLimit ?? 40), ctx.signal);
  const messages: ModelMessage[] = [
    { role: 'system', content: instructions },
    ...threadItemsToMessages(history),
  ];

  for (let round = 0; ; round++) {
    const offerTools = round < maxRounds && modelTools.length > 0;
    const result: RoundResult = { text: '', calls: [] };
    yield* streamRound(
      ctx,
      agentCtx,
      model,
      { messages, tools: offerTools ? modelTools : [], model: options.modelId },
      result,
    );
    if (result.calls.length === 0) break;
    messages.push({
      role: 'assistant',
      content: result.text || null,
      tool_calls: result.calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    });
    const clientCall = result.calls.find((call) => {
      const tool = tools.get(call.name);
      return tool !== undefined && isClientTool(tool);
    });
    if (clientCall) {
      agentCtx.pendingClientToolCall = {
        callId: clientCall.id,
        name: clientCall.name,
        arguments: parseArguments(clientCall.arguments) ?? {},
      };
    }
    const serverCalls = result.calls.filter((call) => call !== clientCall);
    yield* runTools(agentCtx, agent, tools, serverCalls, messages);
    if (agentCtx.pendingClientToolCall) {
      agentCtx.closeWorkflowForVisibleItem();
      yield* drain(queue);
      yield ctx.events.done(agentCtx.clientToolCallItem(agentCtx.pendingClientToolCall));
      break;
    }
  }
  agentCtx.closeWorkflowForVisibleItem();
  yield* drain(queue);

  if (options.input && !ctx.thread.title) {
    const title = await generateTitle(
      model,
      options.input,
      options.titles ?? (model.offline ? 'first-message' : 'model'),
      ctx.signal,
    );
    if (title) ctx.thread.title = title;
  }
}

function* drain(queue: ThreadStreamEvent[]): Generator<ThreadStreamEvent> {
  while (queue.length > 0) yield queue.shift() as ThreadStreamEvent;
}

/** Streams one model call; text deltas become an assistant message, tool calls are collected. */
async function* streamRound<C extends RequestContext>(
  ctx: ResponseContext<C>,
  agentCtx: AgentContext<C>,
  model: ChatModel,
  request: Parameters<ChatModel['stream']>[0],
  result: RoundResult,
): AsyncGenerator<ThreadStreamEvent> {
  let message: AssistantMessageItem | null = null;
  for await (const event of model.stream(request, ctx.signal)) {
    if (event.type === 'tool_call') {
      result.calls.push(event.call);
      continue;
    }
    if (!event.delta) continue;
    if (!message) {
      const pending: ThreadStreamEvent[] = [];
      agentCtx.closeWorkflowForVisibleItem();
      message = ctx.assistantMessage();
      pending.push(ctx.events.added({ ...message, content: [] }));
      pending.push(
        ctx.events.updated(message.id, {
          type: 'assistant_message.content_part.added',
          content_index: 0,
          content: { type: 'output_text', text: '', annotations: [] },
        }),
      );
      yield* pending;
    }
    result.text += event.delta;
    yield ctx.events.textDelta(message.id, event.delta, 0);
  }
  if (message) {
    const content = { type: 'output_text' as const, text: result.text, annotations: [] };
    yield ctx.events.updated(message.id, {
      type: 'assistant_message.content_part.done',
      content_index: 0,
      content,
    });
    yield ctx.events.done({ ...message, content: [content] });
  }
}

function parseArguments(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Runs server tool calls in parallel, relaying their events live, and appends the tool results. */
async function* runTools<C extends RequestContext>(
  agentCtx: AgentContext<C>,
  agent: Agent,
  tools: Map<string, AnyTool>,
  calls: ModelToolCall[],
  messages: ModelMessage[],
): AsyncGenerator<ThreadStreamEvent> {
  if (calls.length === 0) return;
  const live = new EventQueue<ThreadStreamEvent>();
  const late: ThreadStreamEvent[] = [];
  let running = true;
  // Tool events go out live while the tools run; events after that (closing the workflow) are drained after.
  const runCtx = new AgentContext(
    agentCtx.response,
    (event) => (running ? live.push(event) : late.push(event)),
    agentCtx.turnState,
  );
  runCtx.pendingClientToolCall = agentCtx.pendingClientToolCall;
  const taskIndexes = new Map<string, number>();
  // Tools that show their own result (e.g. suggestions) stay out of the status workflow.
  const statusCalls = agent.showToolStatus
    ? calls.filter((call) => {
        const tool = tools.get(call.name);
        return !(isServerTool(tool) && tool.statusTitle === null);
      })
    : [];
  const doneTitles = new Map<string, string>();
  if (statusCalls.length > 0) {
    const done: string[] = [];
    for (const call of statusCalls) {
      const tool = tools.get(call.name);
      const title = statusTitle(tool, call);
      const finished = doneTitle(tool, call) ?? title;
      done.push(finished);
      doneTitles.set(call.id, finished);
      taskIndexes.set(
        call.id,
        runCtx.addTask(
          { type: 'custom', title, status_indicator: 'loading', icon: 'bolt' },
          { doneTitle: finished },
        ),
      );
    }
    // Shown on the collapsed workflow, whether a widget closes it early or the round ends.
    runCtx.defaultWorkflowSummary = workflowSummary(done);
  }
  let fatal: unknown = null;
  const results = new Array<string>(calls.length);
  const all = Promise.all(
    calls.map(async (call, i) => {
      try {
        results[i] = await executeCall(runCtx, tools, call);
      } catch (error) {
        if (error instanceof StreamError || error instanceof CustomStreamError || runCtx.signal.aborted) {
          fatal ??= error;
        }
        results[i] = JSON.stringify({ error: (error as Error)?.message ?? String(error) });
      }
      const index = taskIndexes.get(call.id);
      if (index !== undefined) {
        // The finished row may depend on the outcome ("No matching account yet").
        const finished = doneTitle(tools.get(call.name), call, parseResult(results[i])) ?? undefined;
        if (finished) doneTitles.set(call.id, finished);
        runCtx.completeTask(index, finished);
      }
    }),
  ).finally(() => {
    running = false;
    live.close();
  });
  for await (const event of live) yield event;
  await all;
  if (fatal) throw fatal;
  if (runCtx.hasOpenWorkflow) {
    if (doneTitles.size > 0)
      runCtx.defaultWorkflowSummary = workflowSummary(
        statusCalls.map((call) => doneTitles.get(call.id) ?? call.name),
      );
    runCtx.endWorkflow();
  }
  yield* drain(late);
  agentCtx.pendingClientToolCall = runCtx.pendingClientToolCall;
  calls.forEach((call, i) => messages.push({ role: 'tool', tool_call_id: call.id, content: results[i] }));
}

function statusTitle(tool: AnyTool | undefined, call: ModelToolCall): string {
  if (!isServerTool(tool) || !tool.statusTitle) return call.name;
  if (typeof tool.statusTitle === 'string') return tool.statusTitle;
  try {
    return tool.statusTitle(parseArguments(call.arguments) ?? {});
  } catch {
    return call.name;
  }
}

/**
 * The finished wording of a call's status row (the tool's `doneTitle`); null when the tool has none.
 * `result` is the tool's output once it returned.
 */
function doneTitle(tool: AnyTool | undefined, call: ModelToolCall, result?: unknown): string | null {
  if (!isServerTool(tool) || !tool.doneTitle) return null;
  if (typeof tool.doneTitle === 'string') return tool.doneTitle;
  try {
    return tool.doneTitle(parseArguments(call.arguments) ?? {}, result) || null;
  } catch {
    return null;
  }
}

/** The collapsed workflow's summary: the first finished row, and how many more there are. */
function workflowSummary(titles: readonly string[]): { title: string; icon: 'check-circle' } {
  return {
    title: titles.length === 1 ? titles[0] : `${titles[0]} and ${titles.length - 1} more`,
    icon: 'check-circle',
  };
}

/** A tool result as the tool returned it (results travel JSON-encoded). */
function parseResult(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function executeCall<C extends RequestContext>(
  ctx: AgentContext<C>,
  tools: Map<string, AnyTool>,
  call: ModelToolCall,
): Promise<string> {
  const tool = tools.get(call.name);
  if (!isServerTool(tool)) return JSON.stringify({ error: `Unknown tool ${call.name}` });
  const raw = parseArguments(call.arguments);
  if (raw === null) return JSON.stringify({ error: 'Arguments are not a JSON object' });
  const parsed = tool.parameters.safeParse(raw);
  if (!parsed.success) {
    return JSON.stringify({
      error: 'Invalid arguments',
      issues: parsed.error.issues.map(
        (i: { path: PropertyKey[]; message: string }) => `${i.path.join('.')}: ${i.message}`,
      ),
    });
  }
  const value = await tool.execute(parsed.data, ctx);
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}
