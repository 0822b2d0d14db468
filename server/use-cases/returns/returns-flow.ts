/**
 * The returns flow: customer → returnable item → reason → (for "changed my mind": retention offer, accept
 * or decline) → resolution → shipping → confirmation with a return id stored in the database.
 *
 * The flow state lives in the thread's private metadata, so it is saved by the thread store, survives a
 * server restart and a reload, and is the same whether a step is taken by clicking the widget (an action,
 * no model call) or by typing (the agent's selection tool). Either way the open step's widget is replaced
 * by its answered version and the next step's widget follows, so a typed choice never repeats a widget.
 *
 * @module
 */
import type { ThreadMetadata, WidgetItem } from '../../../src/protocol/types.js';
import type { AgentContext } from '../../agent/agent-context.js';
import {
  type ChoiceOption,
  customerOptions,
  formatPrice,
  itemOptions,
  matchOption,
  OFFER_CHOICES,
  REASONS,
  RESOLUTIONS,
  SHIPPING_METHODS,
} from './returns-options.js';
import type { ReturnsRepository } from './returns-repository.js';
import { choiceWidget, confirmationWidget, keptWidget, nothingToReturnWidget } from './returns-widgets.js';

/** The steps; `done` ends the flow. */
export type ReturnStep = 'customer' | 'item' | 'reason' | 'offer' | 'resolution' | 'shipping' | 'done';

/** The per-thread flow state (thread metadata key {@link FLOW_KEY}). */
export interface ReturnFlowState {
  step: ReturnStep;
  customerId?: string;
  lineId?: string;
  reason?: string;
  offer?: 'accept' | 'decline';
  resolution?: string;
  shipping?: string;
  returnId?: string;
  outcome?: 'returned' | 'kept' | 'nothing';
  /** The widget item asking the open step's question. */
  askingItemId?: string;
}

/** Key of the flow state in the thread's private metadata. */
export const FLOW_KEY = 'returns_flow';

/** Reads the flow state of a thread (null when no return was started). */
export function loadFlow(thread: ThreadMetadata): ReturnFlowState | null {
  const value = thread.metadata?.[FLOW_KEY];
  return value && typeof value === 'object' ? (value as ReturnFlowState) : null;
}

function saveFlow(thread: ThreadMetadata, state: ReturnFlowState): void {
  // A new object so the server's change detection sees the update.
  thread.metadata = { ...thread.metadata, [FLOW_KEY]: { ...state } };
}

const QUESTIONS: Record<Exclude<ReturnStep, 'done'>, { question: string; hint?: string }> = {
  customer: {
    question: 'Who is returning?',
    hint: 'Pick your customer account (sample data), or type your name or email.',
  },
  item: { question: 'Which item do you want to return?' },
  reason: { question: 'Why are you returning it?' },
  offer: { question: 'Before you go: keep it and get 15% back as store credit?' },
  resolution: { question: 'How should we make it right?' },
  shipping: { question: 'How will you send it back?' },
};

/** The options of the open step. */
export async function optionsFor(state: ReturnFlowState, repo: ReturnsRepository): Promise<ChoiceOption[]> {
  switch (state.step) {
    case 'customer':
      return customerOptions(await repo.listCustomers());
    case 'item':
      return state.customerId ? itemOptions(await repo.listReturnableItems(state.customerId)) : [];
    case 'reason':
      return REASONS;
    case 'offer':
      return OFFER_CHOICES;
    case 'resolution':
      return RESOLUTIONS;
    case 'shipping':
      return SHIPPING_METHODS;
    default:
      return [];
  }
}

/** Opens {@link describeFlow}'s text while a return is in progress (the offline intents look for it). */
export const FLOW_ACTIVE_MARKER = 'RETURN FLOW ACTIVE.';

/** A description of where the flow stands, for the model's instructions. */
export async function describeFlow(thread: ThreadMetadata, repo: ReturnsRepository): Promise<string> {
  const state = loadFlow(thread);
  if (!state) return 'No return has been started in this conversation.';
  if (state.step === 'done') {
    return `The return flow is finished (outcome: ${state.outcome}${state.returnId ? `, return id ${state.returnId}` : ''}).`;
  }
  const options = await optionsFor(state, repo);
  return [
    `${FLOW_ACTIVE_MARKER} Current step: ${state.step} (${QUESTIONS[state.step].question}).`,
    `Choices so far: ${JSON.stringify({ ...state, askingItemId: undefined })}.`,
    `Options for this step: ${options.map((o) => `${o.value} = ${o.label}`).join('; ')}.`,
  ].join('\n');
}

/** Shows the open step's question as a new widget and remembers its item id. */
async function ask(ctx: AgentContext, repo: ReturnsRepository, state: ReturnFlowState): Promise<void> {
  if (state.step === 'done') return;
  const choices = await optionsFor(state, repo);
  const { question, hint } = QUESTIONS[state.step];
  state.askingItemId = await ctx.streamWidget(choiceWidget({ step: state.step, question, hint, choices }), {
    copyText: `${question}\n${choices.map((c) => `- ${c.label}`).join('\n')}`,
  });
}

/** Starts a new return (or reports the open one). Returns a summary for the model. */
export async function startFlow(
  ctx: AgentContext,
  repo: ReturnsRepository,
): Promise<Record<string, unknown>> {
  const existing = loadFlow(ctx.thread);
  if (existing && existing.step !== 'done') {
    return {
      status: 'already_started',
      step: existing.step,
      summary: `A return is already under way: ${QUESTIONS[existing.step].question}`,
    };
  }
  const state: ReturnFlowState = { step: 'customer' };
  await ask(ctx, repo, state);
  saveFlow(ctx.thread, state);
  return {
    status: 'started',
    step: 'customer',
    summary: "Let's start your return. First, who is returning?",
  };
}

/** Replaces the widget that asked the open step with its answered version. */
async function markAnswered(
  ctx: AgentContext,
  state: ReturnFlowState,
  choices: readonly ChoiceOption[],
  value: string,
) {
  if (!state.askingItemId || state.step === 'done') return;
  let item: WidgetItem;
  try {
    const loaded = await ctx.store.loadItem(ctx.thread.id, state.askingItemId, ctx.context);
    if (loaded.type !== 'widget') return;
    item = loaded;
  } catch {
    return; // The widget is gone (e.g. deleted by a retry); nothing to update.
  }
  const { question } = QUESTIONS[state.step];
  ctx.replaceItem({
    ...item,
    widget: choiceWidget({ step: state.step, question, choices, selected: value }),
  });
}

/**
 * Records a choice for the open step (`value` is an option value, or typed text matched against the
 * options), moves to the next step and shows it. Returns a summary for the model, or an error with the
 * valid options.
 */
export async function chooseOption(
  ctx: AgentContext,
  repo: ReturnsRepository,
  input: { value: string; step?: string },
): Promise<Record<string, unknown>> {
  const state = loadFlow(ctx.thread);
  if (!state || state.step === 'done') return { error: 'No return is in progress. Start one first.' };
  if (input.step && input.step !== state.step) {
    return {
      error: `That step (${input.step}) is already answered; the open step is ${state.step}.`,
      step: state.step,
    };
  }
  const choices = await optionsFor(state, repo);
  const choice = choices.find((c) => c.value === input.value) ?? matchOption(choices, input.value);
  if (!choice) {
    return {
      error: `“${input.value}” does not match an option of step ${state.step}.`,
      options: choices.map((c) => ({ value: c.value, label: c.label })),
    };
  }
  ctx.progress(`Recording: ${choice.label}`, 'check');
  await markAnswered(ctx, state, choices, choice.value);
  const step = state.step;
  const summary = await advance(ctx, repo, state, step, choice);
  saveFlow(ctx.thread, state);
  return { recorded: { step, value: choice.value, label: choice.label }, next: state.step, ...summary };
}

/** Applies a choice to the state and shows what comes next. */
async function advance(
  ctx: AgentContext,
  repo: ReturnsRepository,
  state: ReturnFlowState,
  step: ReturnStep,
  choice: ChoiceOption,
): Promise<Record<string, unknown>> {
  switch (step) {
    case 'customer': {
      state.customerId = choice.value;
      const items = await repo.listReturnableItems(choice.value);
      if (items.length === 0) {
        Object.assign(state, { step: 'done', outcome: 'nothing' });
        await ctx.streamWidget(nothingToReturnWidget(choice.label));
        return { summary: `${choice.label} has nothing left to return.` };
      }
      state.step = 'item';
      break;
    }
    case 'item':
      state.lineId = choice.value;
      state.step = 'reason';
      break;
    case 'reason':
      state.reason = choice.value;
      state.step = choice.value === 'changed_mind' ? 'offer' : 'resolution';
      break;
    case 'offer':
      state.offer = choice.value as 'accept' | 'decline';
      if (choice.value === 'accept') {
        const item =
          state.customerId && state.lineId
            ? await repo.getReturnableItem(state.customerId, state.lineId)
            : null;
        Object.assign(state, { step: 'done', outcome: 'kept' });
        await ctx.streamWidget(keptWidget(item?.productName ?? 'item'));
        return {
          summary: 'The customer keeps the item and gets 15% back as store credit. No return was created.',
        };
      }
      state.step = 'resolution';
      break;
    case 'resolution':
      state.resolution = choice.value;
      state.step = 'shipping';
      break;
    case 'shipping':
      state.shipping = choice.value;
      return finish(ctx, repo, state);
    default:
      break;
  }
  await ask(ctx, repo, state);
  return {
    summary: `Noted: ${choice.label}. Next: ${QUESTIONS[state.step as Exclude<ReturnStep, 'done'>].question}`,
  };
}

const labelOf = (options: readonly ChoiceOption[], value?: string) =>
  options.find((o) => o.value === value)?.label ?? value ?? '';

/** Creates the return row and shows the confirmation card. */
async function finish(
  ctx: AgentContext,
  repo: ReturnsRepository,
  state: ReturnFlowState,
): Promise<Record<string, unknown>> {
  const customer = state.customerId ? await repo.getCustomer(state.customerId) : null;
  const item = customer && state.lineId ? await repo.getReturnableItem(customer.id, state.lineId) : null;
  if (!customer || !item) {
    Object.assign(state, { step: 'item' });
    await ask(ctx, repo, state);
    return { error: 'That item can no longer be returned; please pick another one.' };
  }
  const record = await repo.createReturn({
    customerId: customer.id,
    lineId: item.lineId,
    reason: state.reason ?? 'unspecified',
    resolution: state.resolution ?? 'refund',
    shipping: state.shipping ?? 'dropoff',
    threadId: ctx.thread.id,
    userId: ctx.context.userId,
  });
  Object.assign(state, { step: 'done', outcome: 'returned', returnId: record.id });
  const resolution = labelOf(RESOLUTIONS, record.resolution);
  await ctx.streamWidget(
    confirmationWidget({
      returnId: record.id,
      customerName: customer.name,
      orderId: item.orderId,
      rows: [
        { label: 'Item', value: `${item.productName} (${formatPrice(item.priceCents)})` },
        { label: 'Reason', value: labelOf(REASONS, record.reason) },
        { label: 'Resolution', value: resolution },
        { label: 'Shipping', value: labelOf(SHIPPING_METHODS, record.shipping) },
      ],
      nextSteps: `We emailed the ${record.shipping === 'pickup' ? 'pickup details' : 'drop-off QR code'} to ${customer.email}.`,
    }),
    { copyText: `Return ${record.id}: ${item.productName}, ${resolution}` },
  );
  return {
    returnId: record.id,
    summary: `Return ${record.id} is created for the ${item.productName} (${resolution}).`,
  };
}
