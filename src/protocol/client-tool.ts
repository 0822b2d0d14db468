/**
 * The client tool round trip (§8.5, §9 "Client tools"): runs the host's tool for the pending call a stream
 * ended with and builds the follow-up request. Run by the stream runner inside the same queue slot as the
 * stream; loaded on demand with `session-extras.ts` (a first answer calls no tool).
 *
 * @internal
 * @module
 */
import { ChatKitClientError, CLIENT_ERROR_CODES } from './client-errors.js';
import { completeClientToolCall } from './stream-reducer.js';
import type { StreamRunnerDeps } from './stream-runner.js';
import type { ClientToolCallItem, StreamingRequest } from './types.js';

/** Runs the host's tool for a pending call and builds the follow-up request (exactly once per call). */
export async function runClientTool(
  deps: StreamRunnerDeps,
  handledToolCalls: Set<string>,
  call: ClientToolCallItem,
): Promise<StreamingRequest | null> {
  const state = deps.getThread();
  const threadId = state.thread?.id;
  const newest = state.items[state.items.length - 1];
  if (!threadId || handledToolCalls.has(call.id) || newest?.id !== call.id) {
    deps.log('client_tool.skipped', { name: call.name, itemId: call.id });
    deps.update((s) => s, 'idle');
    return null;
  }
  if (!deps.onClientTool) {
    deps.log('client_tool.unhandled', { name: call.name, itemId: call.id });
    return null;
  }
  handledToolCalls.add(call.id);
  let result: unknown;
  try {
    result = await deps.onClientTool({ name: call.name, params: call.arguments ?? {} });
  } catch (error) {
    // The thread stays blocked on the pending call unless some result is sent (§9), so send the failure.
    const message = error instanceof Error ? error.message : String(error);
    result = { error: message };
    deps.reportError(new ChatKitClientError(CLIENT_ERROR_CODES.clientTool, message, { cause: error }));
  }
  // `result` is a required key; `undefined` would vanish from the JSON body.
  if (result === undefined) result = null;
  deps.update((s) => completeClientToolCall(s, call.id, result));
  return { type: 'threads.add_client_tool_output', params: { thread_id: threadId, result } };
}
