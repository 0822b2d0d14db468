/**
 * An agent: instructions plus the tools the model may call.
 *
 * @module
 */
import type { AgentContext } from './agent-context.js';
import type { AnyTool } from './agent-tool.js';

/** The definition of an agent. */
export interface Agent {
  /** Stable id; also what `inference_options.tool_choice.id` selects (`todo`, `returns`, `general`). */
  id: string;
  /** System instructions; a function can add per-thread state (e.g. where a flow stands). */
  instructions: string | ((ctx: AgentContext) => string | Promise<string>);
  /** Tools offered to the model. */
  tools: AnyTool[];
  /** Show a workflow with one task per tool call while tools run (tool status). */
  showToolStatus?: boolean;
}
