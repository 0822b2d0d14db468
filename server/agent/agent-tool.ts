/**
 * Tools the agent can call: a name, a description, zod-typed parameters (turned into the JSON schema the
 * model sees) and an `execute` function that gets the parsed arguments and the {@link AgentContext}.
 *
 * @module
 */
import { z } from 'zod';
import type { AgentContext } from './agent-context.js';
import type { ModelTool } from './chat-model.js';

/** A server-side tool. */
export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  parameters: S;
  /**
   * Runs the tool. The return value is sent to the model as the tool result (JSON-encoded unless it is a
   * string). Throw `CustomStreamError`/`StreamError` to end the turn with an error; other exceptions are
   * reported to the model as `{ "error": message }` so it can recover.
   */
  execute(args: z.output<S>, ctx: AgentContext): unknown;
  /**
   * Title of the workflow task shown while this tool runs (agents with `showToolStatus`); `null` keeps the
   * tool out of the status workflow (a tool whose widget is its own status).
   */
  statusTitle?: string | ((args: z.output<S>) => string) | null;
  /**
   * Title of the same task once it is finished ("Loaded your todos" for "Loading your todos"): the expanded
   * workflow and its collapsed summary read as done. `result` is what {@link execute} returned, or
   * `undefined` when a widget the tool shows closes the workflow before the tool returns. Without it the
   * finished row keeps {@link statusTitle}.
   */
  doneTitle?: string | ((args: z.output<S>, result?: unknown) => string);
}

/**
 * A tool that runs in the browser: when the model calls it, the turn ends with a pending
 * `client_tool_call` item; `threads.add_client_tool_output` resumes the turn with the result (§8.5).
 */
export interface ClientTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  parameters: S;
  client: true;
}

/** Either kind of tool. */
export type AnyTool = AgentTool<any> | ClientTool<any>;

/** Declares a server-side tool with inferred argument types. */
export function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool<S> {
  return tool;
}

/** Declares a client-side tool. */
export function defineClientTool<S extends z.ZodType>(tool: Omit<ClientTool<S>, 'client'>): ClientTool<S> {
  return { ...tool, client: true };
}

/** Whether a tool runs in the browser. */
export function isClientTool(tool: AnyTool): tool is ClientTool {
  return (tool as ClientTool).client === true;
}

/** Whether a tool runs on the server. */
export function isServerTool(tool: AnyTool | undefined): tool is AgentTool<any> {
  return tool !== undefined && (tool as ClientTool).client !== true;
}

/** The function-tool declaration sent to the model. */
export function toModelTool(tool: AnyTool): ModelTool {
  const schema = z.toJSONSchema(tool.parameters, { io: 'input' }) as Record<string, unknown>;
  // Providers do not need the meta-schema URL, and some reject unknown top-level keywords.
  delete schema.$schema;
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: schema },
  };
}
