/**
 * The model interface shared by the real provider (OpenAI-compatible Chat Completions) and the offline demo
 * model, so the tool loop in {@link runAgent} is the same for both.
 *
 * Messages and tool specs use the OpenAI Chat Completions shapes: they are the lingua franca of
 * OpenAI-compatible providers, and the offline model reads them like a provider would.
 *
 * @module
 */
import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';

/** One message of the model input. */
export type ModelMessage = ChatCompletionMessageParam;

/** A function tool as the model sees it (name, description, JSON schema of the parameters). */
export type ModelTool = ChatCompletionFunctionTool;

/** A complete function call requested by the model. `arguments` is the raw JSON text. */
export interface ModelToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** What one model call streams back. */
export type ModelEvent =
  | { type: 'text_delta'; delta: string }
  /** Emitted once per call, after the call's arguments are complete. */
  | { type: 'tool_call'; call: ModelToolCall };

/** One model call. */
export interface ModelRequest {
  messages: ModelMessage[];
  tools: ModelTool[];
  /** Overrides the model's default id (the composer's model picker). */
  model?: string;
}

/** A streaming chat model. */
export interface ChatModel {
  /** A label for logs and the UI ("gpt-4.1-mini", "offline demo model"). */
  readonly name: string;
  /** True for the embedded offline demo model. */
  readonly offline: boolean;
  /**
   * Streams one completion. Must stop promptly when `signal` aborts (throwing the abort reason). Provider
   * failures are thrown as `CustomStreamError`s with `allowRetry` set (see provider-errors.ts).
   */
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent>;
}
