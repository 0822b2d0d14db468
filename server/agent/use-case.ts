/**
 * How an application plugs into the agent: a {@link UseCase} brings its agent (instructions and tools), the
 * widget actions it handles without a model call, and what the offline demo model needs to understand it
 * (intents and example prompts). {@link createAgentServerHooks} turns a list of use cases into ChatKit
 * hooks; the agent itself knows no use case by name.
 *
 * @module
 */
import type { Action, ThreadMetadata, ThreadStreamEvent, WidgetItem } from '../../src/protocol/types.js';
import type { ResponseContext, SyncActionResult } from '../chatkit/types.js';
import type { RequestContext } from '../stores/store.js';
import type { Agent } from './agent.js';
import type { OfflineIntent } from './offline-intents.js';

/** A start-screen or suggestion prompt: what the button says and what it sends. */
export interface StartPrompt {
  label: string;
  prompt: string;
  /** Optional icon name (ChatKit icon set). */
  icon?: string;
}

/** An entry of the composer's tool menu (ChatKit's `composer.tools` option) that selects a use case. */
export interface ComposerToolEntry {
  /** Sent as `inference_options.tool_choice.id`; selects the use case with this id or alias. */
  id: string;
  label: string;
  shortLabel?: string;
  icon?: string;
  placeholderOverride?: string;
  pinned?: boolean;
}

/** Widget actions a use case answers without calling the model. */
export interface UseCaseActions<C extends RequestContext = RequestContext> {
  /** Whether this use case owns the action (usually by its `type` prefix). */
  handles(action: Action): boolean;
  /** The streaming handler (`threads.custom_action`). */
  action(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    ctx: ResponseContext<C>,
  ): AsyncIterable<ThreadStreamEvent>;
  /** The non-streaming handler (`threads.sync_custom_action`); default: nothing to replace. */
  sync?(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    ctx: ResponseContext<C>,
  ): Promise<SyncActionResult>;
}

/** What the offline demo model needs to serve a use case. */
export interface OfflineBehaviour {
  /** Intents, tried by priority (higher first), then in order. */
  intents: readonly OfflineIntent[];
  /** Prompts offered as clickable suggestions when the model cannot place a request. */
  suggestions?: readonly StartPrompt[];
}

/** One application served by the agent. */
export interface UseCase<C extends RequestContext = RequestContext> {
  /** Stable id; `inference_options.tool_choice.id` equal to it (or an alias) selects {@link agent}. */
  id: string;
  /** Other tool-choice ids that select this use case (e.g. `todos` for `todo`). */
  aliases?: readonly string[];
  /** The agent answering when this use case is selected (or is the default). */
  agent: Agent;
  /** Widget actions handled without the model. */
  actions?: UseCaseActions<C>;
  /** Intents and suggestions for the offline demo model. */
  offline?: OfflineBehaviour;
  /** Start-screen prompts this use case contributes. */
  prompts?: readonly StartPrompt[];
  /** The composer tool-menu entry selecting it; absent for a use case that is not picked from the menu. */
  composerTool?: ComposerToolEntry;
}

/** Finds the use case a composer tool-choice id selects (case-insensitive id or alias). */
export function findUseCase<C extends RequestContext>(
  useCases: readonly UseCase<C>[],
  toolChoiceId: string | null | undefined,
): UseCase<C> | undefined {
  const id = toolChoiceId?.toLowerCase();
  if (!id) return undefined;
  return useCases.find(
    (useCase) =>
      useCase.id.toLowerCase() === id || useCase.aliases?.some((alias) => alias.toLowerCase() === id),
  );
}
