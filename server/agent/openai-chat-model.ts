/**
 * The real provider: any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure OpenAI, Ollama, vLLM,
 * LM Studio) through the official `openai` SDK, streaming text and (parallel) tool calls.
 *
 * @module
 */
import type OpenAI from 'openai';
import type { ChatModel, ModelEvent, ModelRequest } from './chat-model.js';
import { loadOpenAI } from './openai-sdk.js';
import { isAbortError, toProviderStreamError } from './provider-errors.js';

/** Options of {@link OpenAIChatModel}. */
export interface OpenAIChatModelOptions {
  /** API key; providers without auth (Ollama) accept any non-empty string. */
  apiKey: string | null;
  /** Base URL of the provider (`…/v1`); null means OpenAI's. */
  baseURL: string | null;
  /** Model id sent with each request. */
  model: string;
  /** Request timeout in ms (default 60 s). Applies until the response headers and between chunks. */
  timeoutMs?: number;
  /** SDK-level retries before a failure reaches the user (default 2; tests use 0). */
  maxRetries?: number;
  /** Sampling temperature; omitted by default (some reasoning models reject it). */
  temperature?: number;
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * The slot of a streamed tool-call fragment. Providers normally send `index`; some OpenAI-compatible
 * servers omit it and send each call whole with its own `id`, so a new id opens a new slot and a
 * fragment without either continues the latest call.
 */
function callIndex(calls: Map<number, PartialCall>, part: { index?: number; id?: string }): number {
  if (typeof part.index === 'number') return part.index;
  if (part.id) {
    for (const [index, call] of calls) if (call.id === part.id) return index;
    return calls.size;
  }
  return Math.max(0, calls.size - 1);
}

/** A {@link ChatModel} backed by the `openai` SDK's Chat Completions streaming. */
export class OpenAIChatModel implements ChatModel {
  readonly offline = false;
  readonly name: string;
  /** The SDK client, created on the first request (the SDK is imported lazily, see openai-sdk.ts). */
  private client: Promise<OpenAI> | undefined;

  constructor(private readonly options: OpenAIChatModelOptions) {
    this.name = options.model;
  }

  private getClient(): Promise<OpenAI> {
    const { options } = this;
    this.client ??= loadOpenAI().then(
      ({ default: OpenAI }) =>
        new OpenAI({
          // The SDK refuses to start without a key; local providers ignore it.
          apiKey: options.apiKey ?? 'not-needed',
          baseURL: options.baseURL ?? undefined,
          timeout: options.timeoutMs ?? 60_000,
          maxRetries: options.maxRetries ?? 2,
        }),
    );
    return this.client;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    const calls = new Map<number, PartialCall>();
    try {
      const client = await this.getClient();
      const stream = await client.chat.completions.create(
        {
          model: request.model ?? this.options.model,
          messages: request.messages,
          stream: true,
          ...(request.tools.length > 0 ? { tools: request.tools, parallel_tool_calls: true } : {}),
          ...(this.options.temperature !== undefined ? { temperature: this.options.temperature } : {}),
        },
        { signal },
      );
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const delta = choice.delta;
        if (delta?.content) yield { type: 'text_delta', delta: delta.content };
        for (const part of delta?.tool_calls ?? []) {
          const index = callIndex(calls, part);
          const entry = calls.get(index) ?? { id: '', name: '', arguments: '' };
          if (part.id) entry.id = part.id;
          if (part.function?.name) entry.name += part.function.name;
          if (part.function?.arguments) entry.arguments += part.function.arguments;
          calls.set(index, entry);
        }
      }
    } catch (error) {
      if (isAbortError(error, signal)) throw signal.reason ?? error;
      throw toProviderStreamError(error);
    }
    const ordered = [...calls.entries()].sort(([a], [b]) => a - b);
    for (const [index, call] of ordered) {
      yield {
        type: 'tool_call',
        call: { id: call.id || `call_${index}`, name: call.name, arguments: call.arguments },
      };
    }
  }
}
