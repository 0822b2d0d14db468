/**
 * The returns flow of seed 001: customer lookup (email, order number or name) → items (several,
 * `selected_items`) → a reason per item → (for items returned because the customer changed their mind:
 * retention offers computed for the customer's tier, accept or decline) → resolution → shipping →
 * confirmation with an RMA number stored in the database. An accepted offer is stored too (and its store
 * credit added to the customer's balance); the items it covers are kept.
 *
 * The flow state is the seed's "session context", kept in the thread's private metadata: the thread store
 * saves it (SQLite or PostgreSQL), so it survives a reload and a server restart, never reaches the client,
 * and is the same whether a step is taken by clicking a widget (an action, no model call) or by typing
 * (the agent's tools). Either way the asking widget is replaced in place by its answered version and the
 * next step's widget follows, so no widget is ever shown twice.
 *
 * Every operation returns a result for the model: `summary` is what the assistant tells the user (the
 * offline demo model says it as is), `error` explains what went wrong in the same voice.
 *
 * @module
 */
import type { ThreadMetadata, WidgetRoot } from '../../../src/protocol/types.js';
import type { AgentContext } from '../../agent/agent-context.js';
import {
  type ChoiceOption,
  formatPrice,
  matchCustomersByName,
  matchLines,
  matchOption,
  matchReasons,
  mentions,
  parseLookup,
  REASONS,
  RESOLUTIONS,
  type RetentionOffer,
  retentionOffers,
  SHIPPING_METHODS,
  valueOf,
} from './returns-options.js';
import type { Customer, OrderLine, ReturnsRepository } from './returns-repository.js';
import {
  accountChoiceWidget,
  cancelledWidget,
  choiceWidget,
  confirmationWidget,
  customerFoundWidget,
  itemsChosenWidget,
  itemsWidget,
  keptWidget,
  lookupWidget,
  nothingToReturnWidget,
  offersWidget,
  reasonsChosenWidget,
  reasonsFormWidget,
} from './returns-widgets.js';

/** The steps; `done` ends the flow. */
export type ReturnStep = 'customer' | 'item' | 'reason' | 'offer' | 'resolution' | 'shipping' | 'done';

/** The steps a user can answer. */
export const OPEN_STEPS = ['customer', 'item', 'reason', 'offer', 'resolution', 'shipping'] as const;

/** The per-thread flow state (thread metadata key {@link FLOW_KEY}), seed 001's session context. */
export interface ReturnFlowState {
  step: ReturnStep;
  customerId?: string;
  /** Accounts an ambiguous lookup matched. */
  candidates?: string[];
  /** Order line ids chosen for the return (seed: `selected_items`). */
  selectedItems?: string[];
  /** Reason code per selected line. */
  reasons?: Record<string, string>;
  /** The retention offers shown (computed for the customer's tier). */
  offers?: RetentionOffer[];
  /** The accepted offer id, or `decline`. */
  offerAnswer?: string;
  /** Id of the stored accepted offer (`OFR-…`). */
  acceptedOfferId?: string;
  /** Lines kept thanks to the accepted offer. */
  keptItems?: string[];
  resolution?: string;
  shipping?: string;
  returnId?: string;
  outcome?: 'returned' | 'kept' | 'nothing' | 'cancelled';
  /** The widget item asking the open step's question. */
  askingItemId?: string;
  /** The lookup form, when an account list was shown after it. */
  lookupItemId?: string;
}

/** Key of the flow state in the thread's private metadata. */
export const FLOW_KEY = 'returns_flow';

/** What an operation tells the model. */
export type FlowResult = Record<string, unknown> & { summary?: string; error?: string };

/** Reads the flow state of a thread (null when no return was started). */
export function loadFlow(thread: ThreadMetadata): ReturnFlowState | null {
  const value = thread.metadata?.[FLOW_KEY];
  return value && typeof value === 'object' ? (value as ReturnFlowState) : null;
}

function saveFlow(thread: ThreadMetadata, state: ReturnFlowState): void {
  // A new object so the server's change detection sees the update.
  thread.metadata = { ...thread.metadata, [FLOW_KEY]: structuredClone(state) };
}

/** Whether a return is under way (started and not finished). */
function isFlowActive(thread: ThreadMetadata): boolean {
  const state = loadFlow(thread);
  return state !== null && state.step !== 'done';
}

const QUESTIONS: Record<Exclude<ReturnStep, 'done'>, string> = {
  customer: 'Whose order is it? (email, order number or name)',
  item: 'Which items do you want to return?',
  reason: 'Why are you returning each item?',
  offer: 'Keep the items with a retention offer, or continue with the return?',
  resolution: 'How should we make it right?',
  shipping: 'How will you send it back?',
};

const firstName = (customer: Customer) => customer.name.split(' ')[0];
const labelOf = (options: readonly ChoiceOption[], value?: string) =>
  options.find((o) => o.value === value)?.label ?? value ?? '';
const listText = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
const names = (lines: readonly OrderLine[]) => listText(lines.map((l) => `the ${l.productName}`));

/** Everything the flow needs about the customer, loaded per operation. */
async function loadCustomerData(repo: ReturnsRepository, state: ReturnFlowState) {
  const customer = state.customerId ? await repo.getCustomer(state.customerId) : null;
  const lines = customer ? await repo.listOrderLines(customer.id) : [];
  const byId = new Map(lines.map((line) => [line.lineId, line]));
  const selected = (state.selectedItems ?? []).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return { customer, lines, returnable: lines.filter((l) => l.blockedBy === null), selected };
}

/** Opens {@link describeFlow}'s text while a return is in progress (the offline intents look for it). */
export const FLOW_ACTIVE_MARKER = 'RETURN FLOW ACTIVE.';

/** A description of where the flow stands, for the model's instructions (seed: CURRENT SESSION STATE). */
export async function describeFlow(thread: ThreadMetadata, repo: ReturnsRepository): Promise<string> {
  const state = loadFlow(thread);
  if (!state) return 'No return has been started in this conversation.';
  if (state.step === 'done') {
    const what = {
      returned: `return ${state.returnId} was created`,
      kept: 'the customer accepted a retention offer and keeps the items',
      nothing: 'the customer had nothing left to return',
      cancelled: 'the customer cancelled it',
    }[state.outcome ?? 'cancelled'];
    return `The last return of this conversation is finished: ${what}. Start a new one with start_return if asked.`;
  }
  const { customer, lines, selected } = await loadCustomerData(repo, state);
  const out = [`${FLOW_ACTIVE_MARKER} Current step: ${state.step} (${QUESTIONS[state.step]}).`];
  if (customer) {
    out.push(`Customer: ${customer.name} <${customer.email}>, ${customer.tier} member.`);
    out.push(
      'Order lines (line id: product, order, price, returnable?):',
      ...lines.map(
        (l) =>
          `  - ${l.lineId}: ${l.productName}, ${l.orderId}, ${formatPrice(l.priceCents * l.quantity)}, ${l.blockedBy ? `not returnable (${l.blockedBy})` : 'returnable'}`,
      ),
    );
  } else if (state.candidates?.length) {
    out.push(`Several accounts matched; ask which: ${state.candidates.join(', ')}.`);
  }
  if (selected.length)
    out.push(`Selected items: ${selected.map((l) => `${l.lineId} (${l.productName})`).join(', ')}.`);
  const reasons = Object.entries(state.reasons ?? {});
  if (reasons.length) out.push(`Reasons: ${reasons.map(([id, r]) => `${id} = ${r}`).join(', ')}.`);
  if (state.step === 'reason') {
    const missing = selected.filter((l) => !state.reasons?.[l.lineId]);
    out.push(
      `Reason codes: ${REASONS.map((r) => `${r.value} (${r.label})`).join(', ')}. Still missing for: ${missing.map((l) => l.lineId).join(', ')}.`,
    );
  }
  if (state.step === 'offer' && state.offers)
    out.push(`Offers shown: ${state.offers.map((o) => `${o.id} = ${o.label}`).join('; ')}.`);
  if (state.keptItems?.length) out.push(`Kept with an accepted offer: ${state.keptItems.join(', ')}.`);
  if (state.step === 'resolution')
    out.push(`Options: ${RESOLUTIONS.map((o) => `${o.value} = ${o.label}`).join('; ')}.`);
  if (state.step === 'shipping')
    out.push(`Options: ${SHIPPING_METHODS.map((o) => `${o.value} = ${o.label}`).join('; ')}.`);
  return out.join('\n');
}

/** Replaces a stored widget item's widget (ignored when the item is gone, e.g. deleted by a retry). */
async function replaceWidget(
  ctx: AgentContext,
  itemId: string | undefined,
  widget: WidgetRoot,
): Promise<void> {
  if (!itemId) return;
  try {
    const item = await ctx.store.loadItem(ctx.thread.id, itemId, ctx.context);
    if (item.type !== 'widget') return;
    ctx.replaceItem({ ...item, widget });
  } catch {
    // The widget is gone; nothing to update.
  }
}

async function ask(ctx: AgentContext, state: ReturnFlowState, widget: WidgetRoot, copyText: string) {
  state.askingItemId = await ctx.streamWidget(widget, { copyText });
}

function choiceCopy(question: string, choices: readonly ChoiceOption[]) {
  return `${question}\n${choices.map((c) => `- ${c.label}`).join('\n')}`;
}

/** Runs `work` on the open flow and saves it; reports when no return is open. */
async function withFlow(
  ctx: AgentContext,
  work: (state: ReturnFlowState) => Promise<FlowResult>,
): Promise<FlowResult> {
  const state = loadFlow(ctx.thread);
  if (!state || state.step === 'done') {
    return {
      error:
        state?.outcome === 'returned'
          ? `That return is already created (${state.returnId}). Would you like to start another one?`
          : 'There is no return in progress right now. Would you like to start one?',
    };
  }
  const result = await work(state);
  saveFlow(ctx.thread, state);
  return { ...result, step: state.step };
}

function wrongStep(state: ReturnFlowState, asked: string): FlowResult {
  return {
    error: `We're past that step already. ${QUESTIONS[state.step as Exclude<ReturnStep, 'done'>]}`,
    asked,
  };
}

/** Starts a new return (or reports the open one); with `query`, looks the customer up right away. */
export async function startFlow(
  ctx: AgentContext,
  repo: ReturnsRepository,
  input: { query?: string | null } = {},
): Promise<FlowResult> {
  const existing = loadFlow(ctx.thread);
  if (existing && existing.step !== 'done') {
    if (input.query && existing.step === 'customer') return lookupCustomer(ctx, repo, { query: input.query });
    return {
      status: 'already_started',
      step: existing.step,
      summary: `Your return is already under way. ${QUESTIONS[existing.step]}`,
    };
  }
  const state: ReturnFlowState = { step: 'customer' };
  const query = input.query?.trim();
  if (query) {
    const found = await findCustomers(repo, query);
    if (found.length === 1) {
      await ctx.streamWidget(customerFoundWidget(found[0]), { copyText: found[0].name });
      const result = await setCustomer(ctx, repo, state, found[0]);
      saveFlow(ctx.thread, state);
      return { status: 'started', ...result, step: state.step };
    }
  }
  await ask(ctx, state, lookupWidget(), 'Find your order: email, order number or name');
  saveFlow(ctx.thread, state);
  if (query) {
    const result = await withFlow(ctx, (s) => lookupInState(ctx, repo, s, query));
    return { status: 'started', ...result };
  }
  return {
    status: 'started',
    step: 'customer',
    summary:
      'I can help with that. To find your order, please tell me the email address, order number or name it was placed under.',
  };
}

/** Customers matching a query: by email, then order number, then name. */
export async function findCustomers(repo: ReturnsRepository, query: string): Promise<Customer[]> {
  const parsed = parseLookup(query);
  const customers = await repo.listCustomers();
  if (parsed.email) {
    const byEmail = customers.filter((c) => c.email.toLowerCase() === parsed.email);
    if (byEmail.length) return byEmail;
  }
  if (parsed.orderId) {
    const byOrder = await repo.customerOfOrder(parsed.orderId);
    if (byOrder) return [byOrder];
  }
  return matchCustomersByName(customers, parsed.nameWords);
}

/** Looks the customer up (step `customer`); starts a return first when none is open. */
export async function lookupCustomer(
  ctx: AgentContext,
  repo: ReturnsRepository,
  input: { query: string },
): Promise<FlowResult> {
  if (!isFlowActive(ctx.thread)) return startFlow(ctx, repo, { query: input.query });
  return withFlow(ctx, (state) => lookupInState(ctx, repo, state, input.query));
}

async function lookupInState(
  ctx: AgentContext,
  repo: ReturnsRepository,
  state: ReturnFlowState,
  query: string,
): Promise<FlowResult> {
  if (state.step !== 'customer') return wrongStep(state, 'customer');
  let found = await findCustomers(repo, query);
  if (state.candidates?.length && found.length > 1) {
    const narrowed = found.filter((c) => state.candidates!.includes(c.id));
    if (narrowed.length) found = narrowed;
  }
  if (found.length === 0) {
    const note = `No account found for “${query.trim()}”. Check the spelling, or try the email address or order number.`;
    if (!state.candidates?.length) await replaceWidget(ctx, state.askingItemId, lookupWidget({ note }));
    return {
      error: `I couldn't find an account for “${query.trim()}”. Could you give me the email address or the order number (for example ORD-1001)?`,
    };
  }
  if (found.length > 1) {
    state.candidates = found.map((c) => c.id);
    state.lookupItemId ??= state.askingItemId;
    await ask(
      ctx,
      state,
      accountChoiceWidget(found),
      `Which account is yours?\n${found.map((c) => `- ${c.name}`).join('\n')}`,
    );
    return {
      summary: `I found ${found.length} accounts matching “${query.trim()}”: ${listText(found.map((c) => c.name))}. Which one is yours? You can also give me the email address.`,
    };
  }
  return setCustomer(ctx, repo, state, found[0]);
}

/** Picks an account from the ones an ambiguous lookup listed (a click or typed words). */
async function chooseAccount(
  ctx: AgentContext,
  repo: ReturnsRepository,
  state: ReturnFlowState,
  value: string,
): Promise<FlowResult> {
  const byId = state.candidates?.includes(value) ? await repo.getCustomer(value) : null;
  if (byId) return setCustomer(ctx, repo, state, byId);
  return lookupInState(ctx, repo, state, value);
}

async function setCustomer(
  ctx: AgentContext,
  repo: ReturnsRepository,
  state: ReturnFlowState,
  customer: Customer,
): Promise<FlowResult> {
  if (state.candidates?.length) {
    const candidates = (await Promise.all(state.candidates.map((id) => repo.getCustomer(id)))).filter(
      (c): c is Customer => c !== null,
    );
    await replaceWidget(ctx, state.askingItemId, accountChoiceWidget(candidates, customer.id));
    await replaceWidget(ctx, state.lookupItemId, customerFoundWidget(customer));
  } else {
    await replaceWidget(ctx, state.askingItemId, customerFoundWidget(customer));
  }
  state.customerId = customer.id;
  delete state.candidates;
  delete state.lookupItemId;
  const { lines, returnable } = await loadCustomerData(repo, state);
  if (returnable.length === 0) {
    Object.assign(state, { step: 'done', outcome: 'nothing' });
    delete state.askingItemId;
    await ctx.streamWidget(nothingToReturnWidget(customer), {
      copyText: `${customer.name}: nothing to return`,
    });
    return {
      summary: `Thanks, ${firstName(customer)}. I found your account, but none of your orders has an item that can still be returned.`,
    };
  }
  state.step = 'item';
  await ask(
    ctx,
    state,
    itemsWidget(customer, lines),
    `Which items do you want to return?\n${returnable.map((l) => `- ${l.productName} (${l.orderId})`).join('\n')}`,
  );
  return {
    recorded: { step: 'customer', value: customer.id, label: customer.name },
    customer: { name: customer.name, tier: customer.tier },
    summary: `Thanks, ${firstName(customer)}! I found your account (${customer.tier} member). Which items would you like to return? Tick them in the list, or just tell me.`,
  };
}

/** Chooses the items to return (step `item`): line ids, product names or order numbers, or "all". */
export async function selectItems(
  ctx: AgentContext,
  repo: ReturnsRepository,
  input: { items: readonly string[] },
): Promise<FlowResult> {
  return withFlow(ctx, async (state) => {
    if (state.step !== 'item') return wrongStep(state, 'item');
    const { customer, lines, returnable } = await loadCustomerData(repo, state);
    if (!customer) return { error: 'I lost track of the account; please tell me your email again.' };
    const chosen = new Map<string, OrderLine>();
    const blocked: OrderLine[] = [];
    for (const entry of input.items) {
      const exact = lines.find((l) => l.lineId === entry);
      const matched = exact ? [exact] : matchLines(lines, entry);
      for (const line of matched) {
        if (line.blockedBy) {
          if (!matchLines(returnable, entry).length || exact) blocked.push(line);
        } else chosen.set(line.lineId, line);
      }
    }
    // "all" means every returnable line.
    for (const id of [...chosen.keys()]) if (!returnable.some((l) => l.lineId === id)) chosen.delete(id);
    const canReturn = listText(returnable.map((l) => l.productName));
    if (chosen.size === 0) {
      const why = blocked.length
        ? `${names(blocked)} can't be returned (${blocked.map((l) => (l.blockedBy === 'final_sale' ? 'final sale' : l.blockedBy === 'returned' ? 'already returned' : 'kept with an offer')).join(', ')}). `
        : "I couldn't tell which items you mean. ";
      await replaceWidget(ctx, state.askingItemId, itemsWidget(customer, lines, why.trim()));
      return { error: `${why}You can return ${canReturn}.` };
    }
    const selected = returnable.filter((l) => chosen.has(l.lineId));
    state.selectedItems = selected.map((l) => l.lineId);
    state.reasons = {};
    await replaceWidget(ctx, state.askingItemId, itemsChosenWidget(customer, selected));
    state.step = 'reason';
    await askReasons(ctx, state, selected);
    const skipped = blocked.length ? ` (${names(blocked)} can't be returned.)` : '';
    return {
      selected_items: selected.map((l) => ({ line_id: l.lineId, product: l.productName, order: l.orderId })),
      summary:
        selected.length === 1
          ? `Got it, the ${selected[0].productName}.${skipped} Why are you returning it?`
          : `Got it: ${names(selected)}.${skipped} What's the reason for each?`,
    };
  });
}

async function askReasons(ctx: AgentContext, state: ReturnFlowState, selected: readonly OrderLine[]) {
  if (selected.length === 1) {
    const question = `Why are you returning the ${selected[0].productName}?`;
    await ask(
      ctx,
      state,
      choiceWidget({ step: 'reason', question, choices: REASONS }),
      choiceCopy(question, REASONS),
    );
  } else {
    await ask(
      ctx,
      state,
      reasonsFormWidget(selected, state.reasons ?? {}),
      choiceCopy('Why are you returning these items?', REASONS),
    );
  }
}

/**
 * Records reasons (step `reason`): `byLine` maps line ids to reason codes; `text` is the user's words
 * ("the mug is broken, the headphones I don't need") matched per item. Moves on once every item has one.
 */
export async function setReasons(
  ctx: AgentContext,
  repo: ReturnsRepository,
  input: {
    byLine?: Readonly<Record<string, string>>;
    text?: string;
    items?: readonly string[];
    reason?: string;
  },
): Promise<FlowResult> {
  return withFlow(ctx, async (state) => {
    if (state.step !== 'reason') return wrongStep(state, 'reason');
    const { customer, selected } = await loadCustomerData(repo, state);
    if (!customer || selected.length === 0) return { error: 'Please choose the items first.' };
    const found = new Map<string, ChoiceOption>();
    for (const [lineId, code] of Object.entries(input.byLine ?? {})) {
      const reason = REASONS.find((r) => r.value === code) ?? matchOption(REASONS, code);
      if (reason && selected.some((l) => l.lineId === lineId)) found.set(lineId, reason);
    }
    if (input.reason) {
      const reason = REASONS.find((r) => r.value === input.reason) ?? matchOption(REASONS, input.reason);
      const targets = input.items?.length
        ? selected.filter((l) =>
            input.items!.some((i) => i === l.lineId || matchLines([l], i, { allowAll: true }).length),
          )
        : selected.filter((l) => !state.reasons?.[l.lineId]);
      if (reason) for (const line of targets.length ? targets : selected) found.set(line.lineId, reason);
    }
    if (input.text) for (const [id, reason] of matchReasons(selected, input.text)) found.set(id, reason);
    if (found.size === 0) {
      return {
        error: `Sorry, I didn't catch the reason. Is it damaged or defective, the wrong item, a bad fit, or did you change your mind?`,
      };
    }
    state.reasons = { ...state.reasons, ...Object.fromEntries([...found].map(([id, r]) => [id, r.value])) };
    const missing = selected.filter((l) => !state.reasons![l.lineId]);
    if (missing.length > 0) {
      await replaceWidget(ctx, state.askingItemId, reasonsFormWidget(selected, state.reasons));
      return {
        summary: `Noted. And why are you returning ${names(missing)}?`,
      };
    }
    await replaceWidget(ctx, state.askingItemId, reasonsChosenWidget(selected, state.reasons));
    const changedMind = selected.filter((l) => state.reasons![l.lineId] === 'changed_mind');
    if (changedMind.length > 0) {
      state.step = 'offer';
      state.offers = retentionOffers(customer.tier, changedMind);
      await ask(
        ctx,
        state,
        offersWidget({ customer, offers: state.offers }),
        `Offers for you:\n${state.offers.map((o) => `- ${o.label}`).join('\n')}`,
      );
      return {
        offers: state.offers.map((o) => ({ id: o.id, label: o.label })),
        summary: `Before you send ${changedMind.length === 1 ? 'it' : 'them'} back: as a ${customer.tier} member you can keep ${names(changedMind)} with one of these offers. Would you like one, or shall we continue with the return?`,
      };
    }
    return goToResolution(ctx, state, 'Thanks, noted. How would you like us to make it right?');
  });
}

async function goToResolution(
  ctx: AgentContext,
  state: ReturnFlowState,
  summary: string,
): Promise<FlowResult> {
  state.step = 'resolution';
  const question = 'How should we make it right?';
  await ask(
    ctx,
    state,
    choiceWidget({ step: 'resolution', question, choices: RESOLUTIONS }),
    choiceCopy(question, RESOLUTIONS),
  );
  return { summary };
}

const ACCEPT = [
  'accept',
  'yes',
  'yeah',
  'yep',
  'sure',
  'ok',
  'okay',
  'deal',
  'sounds good',
  'keep',
  "i'll take",
  'take it',
  'take the',
];
const DECLINE = [
  'decline',
  'no',
  'nope',
  'not interested',
  'continue',
  'return it',
  'return them',
  'still return',
  'no thanks',
  "i'd rather return",
];

/** Answers the retention offers (step `offer`): an offer id, `decline`, or the user's words. */
export async function answerOffer(
  ctx: AgentContext,
  repo: ReturnsRepository,
  input: { answer: string },
): Promise<FlowResult> {
  return withFlow(ctx, async (state) => {
    if (state.step !== 'offer') return wrongStep(state, 'offer');
    const { customer, selected } = await loadCustomerData(repo, state);
    const offers = state.offers ?? [];
    if (!customer) return { error: 'I lost track of the account; please start again.' };
    const text = input.answer.toLowerCase().trim();
    let offer = offers.find((o) => o.id === input.answer);
    let decline = text === 'decline';
    if (!offer && !decline) {
      const declines = DECLINE.some((k) => mentions(text, k));
      const byKind = /credit/.test(text)
        ? offers.find((o) => o.kind === 'store_credit')
        : /discount|% off|percent|next order/.test(text)
          ? offers.find((o) => o.kind === 'discount')
          : undefined;
      if (byKind && !/\b(?:no|not|don'?t)\b/.test(text)) offer = byKind;
      else if (declines) decline = true;
      else if (ACCEPT.some((k) => mentions(text, k))) offer = offers[0];
    }
    if (!offer && !decline) {
      return {
        error: `Would you like to ${listText(offers.map((o) => o.label.charAt(0).toLowerCase() + o.label.slice(1)))}? Or shall we continue with the return?`,
      };
    }
    await replaceWidget(
      ctx,
      state.askingItemId,
      offersWidget({ customer, offers, answer: offer ? offer.id : 'decline' }),
    );
    if (!offer) {
      state.offerAnswer = 'decline';
      return goToResolution(
        ctx,
        state,
        "No problem, we'll continue with the return. How would you like us to make it right?",
      );
    }
    const kept = selected.filter((l) => state.reasons?.[l.lineId] === 'changed_mind');
    const record = await repo.acceptOffer({
      customerId: customer.id,
      offerId: offer.id,
      kind: offer.kind,
      label: offer.label,
      percent: offer.percent,
      amountCents: offer.amountCents,
      lineIds: kept.map((l) => l.lineId),
      threadId: ctx.thread.id,
      userId: ctx.context.userId,
    });
    state.offerAnswer = offer.id;
    state.acceptedOfferId = record.id;
    state.keptItems = kept.map((l) => l.lineId);
    const perk =
      offer.kind === 'store_credit'
        ? `${formatPrice(offer.amountCents)} store credit is on your account`
        : `your ${offer.percent}% discount applies to your next order`;
    const remaining = selected.filter((l) => !state.keptItems!.includes(l.lineId));
    if (remaining.length === 0) {
      Object.assign(state, { step: 'done', outcome: 'kept' });
      delete state.askingItemId;
      const updated = (await repo.getCustomer(customer.id)) ?? customer;
      await ctx.streamWidget(keptWidget(offer, updated.storeCreditCents), { copyText: offer.label });
      return {
        accepted_offer: { id: record.id, label: offer.label },
        summary: `Done: you keep ${names(kept)} and ${perk}. No return needed. Anything else I can help with?`,
      };
    }
    return goToResolution(
      ctx,
      state,
      `Done: you keep ${names(kept)} and ${perk}. For ${names(remaining)}, how would you like us to make it right?`,
    );
  });
}

/** Chooses the resolution or the shipping method (an option value or the user's words). */
export async function chooseOption(
  ctx: AgentContext,
  repo: ReturnsRepository,
  step: 'resolution' | 'shipping',
  value: string,
): Promise<FlowResult> {
  return withFlow(ctx, async (state) => {
    if (state.step !== step) return wrongStep(state, step);
    const choices = step === 'resolution' ? RESOLUTIONS : SHIPPING_METHODS;
    const choice = choices.find((c) => c.value === value) ?? matchOption(choices, value);
    if (!choice) {
      return {
        error: `Sorry, I didn't catch that. You can choose ${listText(choices.map((c) => c.label.toLowerCase()))}.`,
      };
    }
    const question = step === 'resolution' ? 'How should we make it right?' : 'How will you send it back?';
    await replaceWidget(
      ctx,
      state.askingItemId,
      choiceWidget({
        step,
        question,
        choices,
        selected: choice.value,
        doneText: step === 'resolution' ? 'Resolution chosen' : 'Shipping chosen',
      }),
    );
    const recorded = { step, value: choice.value, label: choice.label };
    if (step === 'resolution') {
      state.resolution = choice.value;
      state.step = 'shipping';
      const next = 'How will you send it back?';
      await ask(
        ctx,
        state,
        choiceWidget({ step: 'shipping', question: next, choices: SHIPPING_METHODS }),
        choiceCopy(next, SHIPPING_METHODS),
      );
      return { recorded, summary: `${choice.label} it is. How would you like to send the parcel back?` };
    }
    state.shipping = choice.value;
    return { recorded, ...(await finish(ctx, repo, state)) };
  });
}

/** Creates the return and shows the confirmation card. */
async function finish(
  ctx: AgentContext,
  repo: ReturnsRepository,
  state: ReturnFlowState,
): Promise<FlowResult> {
  const { customer, selected } = await loadCustomerData(repo, state);
  const items = selected.filter((l) => l.blockedBy === null && !state.keptItems?.includes(l.lineId));
  if (!customer || items.length === 0) {
    Object.assign(state, { step: 'item', selectedItems: [], reasons: {} });
    if (customer)
      await ask(ctx, state, itemsWidget(customer, await repo.listOrderLines(customer.id)), 'Which items?');
    return { error: 'Those items can no longer be returned; please choose again.' };
  }
  const value = valueOf(items);
  const resolution = state.resolution ?? 'refund';
  const amountCents =
    resolution === 'refund' ? value : resolution === 'store_credit' ? Math.round(value * 1.1) : 0;
  const record = await repo.createReturn({
    customerId: customer.id,
    resolution,
    shipping: state.shipping ?? 'dropoff',
    amountCents,
    threadId: ctx.thread.id,
    userId: ctx.context.userId,
    items: items.map((l) => ({
      lineId: l.lineId,
      orderId: l.orderId,
      productName: l.productName,
      quantity: l.quantity,
      priceCents: l.priceCents,
      reason: state.reasons?.[l.lineId] ?? 'unspecified',
    })),
  });
  Object.assign(state, { step: 'done', outcome: 'returned', returnId: record.id });
  delete state.askingItemId;
  const pickup = record.shipping === 'pickup';
  const money =
    resolution === 'refund'
      ? `${formatPrice(amountCents)} back to your original payment method`
      : resolution === 'store_credit'
        ? `${formatPrice(amountCents)} store credit (10% extra)`
        : 'a replacement, sent as soon as your parcel arrives';
  await ctx.streamWidget(
    confirmationWidget({
      returnId: record.id,
      customerName: customer.name,
      tier: customer.tier,
      orders: [...new Set(items.map((l) => l.orderId))].join(', '),
      items: items.map((l) => ({
        key: l.lineId,
        label: l.productName,
        value: labelOf(REASONS, state.reasons?.[l.lineId]),
      })),
      rows: [
        { label: 'Resolution', value: labelOf(RESOLUTIONS, resolution) },
        ...(amountCents > 0
          ? [{ label: resolution === 'refund' ? 'Refund' : 'Credit', value: formatPrice(amountCents) }]
          : []),
        { label: 'Shipping', value: labelOf(SHIPPING_METHODS, record.shipping) },
      ],
      nextSteps: pickup
        ? `A courier will contact ${customer.email} to arrange the pickup.`
        : `We emailed a drop-off QR code to ${customer.email}.`,
    }),
    {
      copyText: `Return ${record.id}: ${items.map((l) => l.productName).join(', ')} (${labelOf(RESOLUTIONS, resolution)})`,
    },
  );
  return {
    return_id: record.id,
    summary: `All set! Your return ${record.id} is confirmed: you'll get ${money}. ${pickup ? 'A courier will contact you to arrange the pickup.' : "We've emailed you a drop-off QR code."}`,
  };
}

/** Answers the open step with an option value or the user's words (the convergence point of both paths). */
export async function answerStep(
  ctx: AgentContext,
  repo: ReturnsRepository,
  input: { value: string; step?: string },
): Promise<FlowResult> {
  const state = loadFlow(ctx.thread);
  if (state && state.step !== 'done' && input.step && input.step !== state.step)
    return wrongStep(state, input.step);
  switch (state?.step) {
    case 'customer':
      return state.candidates?.length
        ? withFlow(ctx, (s) => chooseAccount(ctx, repo, s, input.value))
        : lookupCustomer(ctx, repo, { query: input.value });
    case 'item':
      return selectItems(ctx, repo, { items: [input.value] });
    case 'reason':
      return REASONS.some((r) => r.value === input.value)
        ? setReasons(ctx, repo, { reason: input.value })
        : setReasons(ctx, repo, { text: input.value });
    case 'offer':
      return answerOffer(ctx, repo, { answer: input.value });
    case 'resolution':
    case 'shipping':
      return chooseOption(ctx, repo, state.step, input.value);
    default:
      return withFlow(ctx, async () => ({}));
  }
}

/** Cancels the return in progress (nothing is stored). */
export async function cancelFlow(ctx: AgentContext): Promise<FlowResult> {
  return withFlow(ctx, async (state) => {
    Object.assign(state, { step: 'done', outcome: 'cancelled' });
    delete state.askingItemId;
    await ctx.streamWidget(cancelledWidget(), { copyText: 'Return cancelled' });
    return {
      summary: "Okay, I've cancelled the return. Nothing was sent back. Anything else I can do for you?",
    };
  });
}
