/**
 * Clickable follow-up prompts: the `suggest_prompts` tool shows a small card of prompt buttons; a click
 * (action {@link SUGGESTION_ACTION}) marks the card as used and sends the prompt as the user's next message,
 * answered like a typed one. The offline demo model calls it for requests it cannot place; a real model may
 * call it when a request is unclear.
 *
 * @module
 */
import { z } from 'zod';
import type {
  Action,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
  WidgetRoot,
} from '../../src/protocol/types.js';
import type { ResponseContext } from '../chatkit/types.js';
import type { RequestContext } from '../stores/store.js';
import { type AgentTool, defineTool } from './agent-tool.js';
import type { StartPrompt } from './use-case.js';

/** Name of the suggestion tool. */
export const SUGGEST_TOOL = 'suggest_prompts';
/** Action fired by a suggestion button; payload `{ prompt }`. */
export const SUGGESTION_ACTION = 'chat.suggestion';
/** `key` of the suggestion card's root. */
export const SUGGESTION_CARD_KEY = 'suggestions';

/** The suggestion card: a short caption and one button per prompt (`chosen`: the clicked one, card disabled). */
export function suggestionCard(prompts: readonly StartPrompt[], chosen?: string): WidgetRoot {
  return {
    type: 'Card',
    key: SUGGESTION_CARD_KEY,
    size: 'sm',
    children: [
      {
        type: 'Caption',
        value: chosen === undefined ? 'Try one of these:' : 'You picked:',
        color: 'secondary',
      },
      {
        type: 'Row',
        gap: 2,
        wrap: 'wrap',
        children: prompts.map((prompt) => ({
          type: 'Button',
          key: prompt.prompt,
          label: prompt.label,
          size: 'sm',
          variant: chosen === prompt.prompt ? 'solid' : 'outline',
          color: chosen === prompt.prompt ? 'primary' : 'secondary',
          disabled: chosen !== undefined,
          ...(prompt.icon ? { iconStart: prompt.icon } : {}),
          onClickAction: {
            type: SUGGESTION_ACTION,
            payload: { prompt: prompt.prompt },
            loadingBehavior: 'self',
          },
        })),
      },
    ],
  };
}

/**
 * The tool: `prompts` are what the user could say next (1–4, as short labels that are also the message
 * sent). `known` fills in labels and icons for prompts a use case registered.
 */
export function createSuggestionTool(known: readonly StartPrompt[] = []): AgentTool<any> {
  return defineTool({
    name: SUGGEST_TOOL,
    description:
      'Shows up to four clickable follow-up prompts under your answer when the request is unclear or the user asks what you can do. Each prompt is the exact message sent when clicked.',
    parameters: z.object({ prompts: z.array(z.string().min(1).max(80)).min(1).max(4) }),
    statusTitle: null,
    async execute({ prompts }, ctx) {
      const items = (prompts as string[]).map(
        (prompt) => known.find((entry) => entry.prompt === prompt) ?? { label: prompt, prompt },
      );
      await ctx.streamWidget(suggestionCard(items), {
        copyText: items.map((item) => `- ${item.prompt}`).join('\n'),
      });
      // The card is the answer; nothing more to say.
      return { shown: items.map((item) => item.prompt), summary: '' };
    },
  });
}

/** Whether an action is a suggestion click. */
export function isSuggestionAction(action: Action): boolean {
  return action.type === SUGGESTION_ACTION;
}

/**
 * Handles a suggestion click: marks the card (`thread.item.replaced`) and stores the prompt as a user
 * message (`thread.item.done`). Returns that message for the caller to answer, or null when the click does
 * not carry a prompt or the card was already used.
 */
export function* acceptSuggestion<C extends RequestContext>(
  action: Action,
  sender: WidgetItem | null,
  ctx: ResponseContext<C>,
  result: { message: UserMessageItem | null },
): Generator<ThreadStreamEvent> {
  result.message = null;
  const prompt = (action.payload as { prompt?: unknown } | undefined)?.prompt;
  if (typeof prompt !== 'string' || !prompt.trim()) return;
  if (sender?.widget?.key === SUGGESTION_CARD_KEY) {
    if (containsDisabled(sender.widget)) return;
    const prompts = buttonsOf(sender.widget);
    yield ctx.events.replaced({ ...sender, widget: suggestionCard(prompts, prompt) });
  }
  const message: UserMessageItem = {
    id: ctx.generateId('message'),
    thread_id: ctx.thread.id,
    created_at: ctx.now(),
    type: 'user_message',
    content: [{ type: 'input_text', text: prompt.trim() }],
    attachments: [],
    inference_options: {},
  };
  yield ctx.events.done(message);
  result.message = message;
}

function buttonsOf(widget: WidgetRoot): StartPrompt[] {
  const out: StartPrompt[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Button' && node.onClickAction?.type === SUGGESTION_ACTION)
      out.push({ label: node.label, prompt: node.onClickAction.payload.prompt, icon: node.iconStart });
    for (const child of node.children ?? []) walk(child);
  };
  walk(widget);
  return out;
}

function containsDisabled(widget: WidgetRoot): boolean {
  return JSON.stringify(widget).includes('"disabled":true');
}
