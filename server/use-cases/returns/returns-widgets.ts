/**
 * Widgets of the returns flow (seed 001): the customer lookup form, the matching accounts when a lookup is
 * ambiguous, the item selection (several items, `selected_items`), the reason per item, the retention
 * offers of the customer's tier, the resolution and shipping choices, the confirmation card (rendered from
 * `return-confirmation.widget`) and the "kept it" card. Every asking widget has an answered version that
 * replaces it in place once the step is done, so the thread reads as a record of the return.
 *
 * @module
 */
import type {
  ListViewItemComponent,
  WidgetComponent,
  WidgetComponentOf,
  WidgetRoot,
} from '../../../src/protocol/types.js';
import { WidgetTemplate } from '../../widgets/widget-template.js';
import { type ChoiceOption, formatPrice, REASONS, type RetentionOffer } from './returns-options.js';
import type { Customer, OrderLine } from './returns-repository.js';
import type { Tier } from './returns-seed.js';

type Badge = WidgetComponentOf<'Badge'>;

/** Action types of the returns widgets. */
export const RETURNS_ACTIONS = {
  /** Lookup form: `{ query }` (the form's input). */
  lookup: 'returns.lookup',
  /** A single choice: `{ step, value }` (account, reason of one item, offer, resolution, shipping). */
  select: 'returns.select',
  /** Item form: `{ selected_items: { [lineId]: boolean } }`. */
  items: 'returns.items',
  /** Reason form: `{ reasons: { [lineId]: reason } }`. */
  reasons: 'returns.reasons',
} as const;

/** @deprecated Use {@link RETURNS_ACTIONS}.select. */
export const RETURNS_SELECT_ACTION = RETURNS_ACTIONS.select;

const confirmationTemplate = WidgetTemplate.fromFileSync(
  new URL('./return-confirmation.widget', import.meta.url),
);

const TIER_COLORS: Record<Tier, NonNullable<Badge['color']>> = {
  Bronze: 'warning',
  Silver: 'secondary',
  Gold: 'success',
  Platinum: 'discovery',
};

const BLOCKED_TEXT: Record<NonNullable<OrderLine['blockedBy']>, string> = {
  final_sale: 'Final sale, not returnable',
  returned: 'Already returned',
  kept: 'Kept with a retention offer',
};

const formatDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  });

/** The tier badge ("Gold member"). */
export function tierBadge(tier: Tier): Badge {
  return { type: 'Badge', label: `${tier} member`, color: TIER_COLORS[tier], variant: 'soft', size: 'sm' };
}

/** The customer's header row: name, email, tier badge. */
function customerRow(customer: Customer): WidgetComponent {
  return {
    type: 'Row',
    gap: 3,
    align: 'center',
    children: [
      { type: 'Icon', name: 'user', size: 'lg', color: 'secondary' },
      {
        type: 'Col',
        gap: 0,
        children: [
          { type: 'Text', value: customer.name, weight: 'semibold', size: 'sm' },
          { type: 'Caption', value: customer.email, color: 'secondary' },
        ],
      },
      { type: 'Spacer' },
      tierBadge(customer.tier),
    ],
  };
}

/** The lookup form (step `customer`); `note` explains a failed lookup. */
export function lookupWidget(options: { note?: string | null } = {}): WidgetRoot {
  return {
    type: 'Card',
    key: 'returns-customer',
    size: 'md',
    status: { text: 'Find your order', icon: 'search' },
    children: [
      { type: 'Title', value: "Let's find your order", size: 'sm' },
      {
        type: 'Text',
        value: 'Enter the email address, order number or name the order was placed with.',
        size: 'sm',
        color: 'secondary',
      },
      {
        type: 'Form',
        gap: 2,
        onSubmitAction: { type: RETURNS_ACTIONS.lookup, loadingBehavior: 'container' },
        children: [
          {
            type: 'Input',
            name: 'query',
            placeholder: 'Email, order number or name',
            required: true,
            autoFocus: true,
          },
          {
            type: 'Row',
            children: [
              { type: 'Spacer' },
              {
                type: 'Button',
                label: 'Find my orders',
                submit: true,
                iconStart: 'search',
                color: 'primary',
              },
            ],
          },
        ],
      },
      ...(options.note
        ? [{ type: 'Text', value: options.note, size: 'sm', color: 'danger' } satisfies WidgetComponent]
        : []),
      {
        type: 'Caption',
        value: 'Sample data: try alice@example.com, ORD-1003 or Carla Rossi.',
        color: 'secondary',
      },
    ],
  };
}

/** The lookup answered: the account found. */
export function customerFoundWidget(customer: Customer): WidgetRoot {
  return {
    type: 'Card',
    key: 'returns-customer',
    size: 'md',
    status: { text: 'Account found', icon: 'check-circle' },
    children: [customerRow(customer)],
  };
}

/** Several accounts match the lookup: the user picks one (step `customer`). */
export function accountChoiceWidget(customers: readonly Customer[], selected?: string | null): WidgetRoot {
  const answered = selected != null;
  const shown = answered ? customers.filter((c) => c.id === selected) : customers;
  return {
    type: 'ListView',
    key: 'returns-account',
    status: answered
      ? { text: 'Account chosen', icon: 'check-circle' }
      : { text: 'Which account is yours?', icon: 'circle-question' },
    children: shown.map((customer): ListViewItemComponent => ({
      type: 'ListViewItem',
      key: customer.id,
      gap: 3,
      align: 'center',
      ...(answered
        ? {}
        : {
            onClickAction: {
              type: RETURNS_ACTIONS.select,
              payload: { step: 'customer', value: customer.id },
              loadingBehavior: 'container',
            },
          }),
      children: [
        { type: 'Icon', name: answered ? 'check' : 'user', color: answered ? 'success' : 'secondary' },
        {
          type: 'Col',
          gap: 0,
          children: [
            { type: 'Text', value: customer.name, weight: 'medium', size: 'sm' },
            { type: 'Caption', value: customer.email, color: 'secondary' },
          ],
        },
        { type: 'Spacer' },
        tierBadge(customer.tier),
      ],
    })),
  };
}

const lineCaption = (line: OrderLine) =>
  `Order ${line.orderId} · ${formatDate(line.orderedAt)}${line.quantity > 1 ? ` · ${line.quantity} pcs` : ''}`;

/** Item selection (step `item`): a checkbox per returnable line, the others shown with why not. */
export function itemsWidget(
  customer: Customer,
  lines: readonly OrderLine[],
  note?: string | null,
): WidgetRoot {
  return {
    type: 'Card',
    key: 'returns-item',
    size: 'md',
    status: { text: 'Which items do you want to return?', icon: 'circle-question' },
    children: [
      customerRow(customer),
      { type: 'Divider', flush: true },
      {
        type: 'Form',
        gap: 3,
        onSubmitAction: { type: RETURNS_ACTIONS.items, loadingBehavior: 'container' },
        children: [
          ...lines.map((line): WidgetComponent => ({
            type: 'Col',
            key: line.lineId,
            gap: 0,
            children: [
              {
                type: 'Row',
                gap: 2,
                align: 'center',
                children: [
                  {
                    type: 'Checkbox',
                    name: `selected_items.${line.lineId}`,
                    label: line.productName,
                    disabled: line.blockedBy !== null,
                  },
                  { type: 'Spacer' },
                  {
                    type: 'Text',
                    value: formatPrice(line.priceCents * line.quantity),
                    size: 'sm',
                    color: line.blockedBy ? 'tertiary' : 'primary',
                  },
                ],
              },
              {
                type: 'Caption',
                value: line.blockedBy
                  ? `${lineCaption(line)} · ${BLOCKED_TEXT[line.blockedBy]}`
                  : lineCaption(line),
                color: 'secondary',
              },
            ],
          })),
          ...(note
            ? [{ type: 'Text', value: note, size: 'sm', color: 'danger' } satisfies WidgetComponent]
            : []),
          {
            type: 'Row',
            children: [
              { type: 'Spacer' },
              { type: 'Button', label: 'Continue', submit: true, iconEnd: 'chevron-right', color: 'primary' },
            ],
          },
        ],
      },
    ],
  };
}

/** Rows "label … value" with a check icon, for answered cards. */
function doneRows(rows: readonly { label: string; value?: string; key: string }[]): WidgetComponent[] {
  return rows.map((row): WidgetComponent => ({
    type: 'Row',
    key: row.key,
    gap: 2,
    align: 'center',
    children: [
      { type: 'Icon', name: 'check', color: 'success', size: 'sm' },
      { type: 'Text', value: row.label, size: 'sm', weight: 'medium' },
      ...(row.value
        ? ([
            { type: 'Spacer' },
            { type: 'Text', value: row.value, size: 'sm', color: 'secondary' },
          ] satisfies WidgetComponent[])
        : []),
    ],
  }));
}

/** The item selection answered. */
export function itemsChosenWidget(customer: Customer, lines: readonly OrderLine[]): WidgetRoot {
  return {
    type: 'Card',
    key: 'returns-item',
    size: 'md',
    status: {
      text: lines.length === 1 ? '1 item selected' : `${lines.length} items selected`,
      icon: 'check-circle',
    },
    children: [
      customerRow(customer),
      { type: 'Divider', flush: true },
      ...doneRows(
        lines.map((line) => ({
          key: line.lineId,
          label: line.productName,
          value: formatPrice(line.priceCents * line.quantity),
        })),
      ),
    ],
  };
}

/** One question with clickable options (reason of a single item, resolution, shipping). */
export function choiceWidget(options: {
  step: string;
  question: string;
  hint?: string;
  choices: readonly ChoiceOption[];
  selected?: string | null;
  /** Status text once answered (default "Answered"). */
  doneText?: string;
}): WidgetRoot {
  const { step, question, hint, choices, selected } = options;
  const answered = selected != null;
  const shown = answered ? choices.filter((choice) => choice.value === selected) : choices;
  return {
    type: 'ListView',
    key: `returns-${step}`,
    status: answered
      ? { text: options.doneText ?? 'Answered', icon: 'check-circle' }
      : { text: question, icon: 'circle-question' },
    children: [
      ...(hint && !answered
        ? ([
            {
              type: 'ListViewItem',
              key: 'hint',
              children: [{ type: 'Caption', value: hint, color: 'secondary' }],
            },
          ] satisfies ListViewItemComponent[])
        : []),
      ...shown.map((choice): ListViewItemComponent => ({
        type: 'ListViewItem',
        key: choice.value,
        gap: 3,
        align: 'center',
        ...(answered
          ? {}
          : {
              onClickAction: {
                type: RETURNS_ACTIONS.select,
                payload: { step, value: choice.value },
                loadingBehavior: 'container',
              },
            }),
        children: [
          {
            type: 'Icon',
            name: answered ? 'check' : (choice.icon ?? 'dot'),
            color: answered ? 'success' : 'secondary',
            size: 'md',
          },
          {
            type: 'Col',
            gap: 0,
            children: [
              { type: 'Text', value: choice.label, weight: 'medium', size: 'sm' },
              ...(choice.description
                ? [
                    {
                      type: 'Caption',
                      value: choice.description,
                      color: 'secondary',
                    } satisfies WidgetComponent,
                  ]
                : []),
            ],
          },
        ],
      })),
    ],
  };
}

/**
 * Reason per item (step `reason`) for several items: a select per item. The catalog's `Select` has no
 * `required`; a submit with a reason missing gets this form back asking for the rest.
 */
export function reasonsFormWidget(
  lines: readonly OrderLine[],
  known: Readonly<Record<string, string>>,
  note?: string | null,
): WidgetRoot {
  return {
    type: 'Card',
    key: 'returns-reason',
    size: 'md',
    status: { text: 'Why are you returning these items?', icon: 'circle-question' },
    children: [
      {
        type: 'Form',
        gap: 3,
        onSubmitAction: { type: RETURNS_ACTIONS.reasons, loadingBehavior: 'container' },
        children: [
          ...lines.map((line): WidgetComponent => ({
            type: 'Col',
            key: line.lineId,
            gap: 1,
            children: [
              { type: 'Label', value: line.productName, fieldName: `reasons.${line.lineId}` },
              {
                type: 'Select',
                name: `reasons.${line.lineId}`,
                placeholder: 'Choose a reason',
                block: true,
                options: REASONS.map((r) => ({ value: r.value, label: r.label })),
                ...(known[line.lineId] ? { defaultValue: known[line.lineId] } : {}),
              },
            ],
          })),
          ...(note
            ? [{ type: 'Text', value: note, size: 'sm', color: 'danger' } satisfies WidgetComponent]
            : []),
          {
            type: 'Row',
            children: [
              { type: 'Spacer' },
              { type: 'Button', label: 'Continue', submit: true, iconEnd: 'chevron-right', color: 'primary' },
            ],
          },
        ],
      },
    ],
  };
}

/** The reasons answered: each item with its reason. */
export function reasonsChosenWidget(
  lines: readonly OrderLine[],
  reasons: Readonly<Record<string, string>>,
): WidgetRoot {
  return {
    type: 'Card',
    key: 'returns-reason',
    size: 'md',
    status: { text: lines.length === 1 ? 'Reason noted' : 'Reasons noted', icon: 'check-circle' },
    children: doneRows(
      lines.map((line) => ({
        key: line.lineId,
        label: line.productName,
        value: REASONS.find((r) => r.value === reasons[line.lineId])?.label ?? '',
      })),
    ),
  };
}

/** The retention offers of the customer's tier (step `offer`), or the answered version. */
export function offersWidget(options: {
  customer: Customer;
  offers: readonly RetentionOffer[];
  /** The accepted offer id, `'decline'`, or undefined while open. */
  answer?: string;
}): WidgetRoot {
  const { customer, offers, answer } = options;
  const accepted = offers.find((o) => o.id === answer);
  if (answer !== undefined) {
    return {
      type: 'Card',
      key: 'returns-offer',
      size: 'md',
      status: { text: accepted ? 'Offer accepted' : 'Offers declined', icon: 'check-circle' },
      children: doneRows([
        accepted
          ? { key: accepted.id, label: accepted.label, value: accepted.description }
          : { key: 'decline', label: 'No thanks, continue with the return' },
      ]),
    };
  }
  return {
    type: 'Card',
    key: 'returns-offer',
    size: 'md',
    status: { text: 'Before you send it back', icon: 'sparkle' },
    children: [
      {
        type: 'Row',
        align: 'center',
        gap: 2,
        children: [
          { type: 'Title', value: `An offer for you, ${customer.name.split(' ')[0]}`, size: 'sm' },
          { type: 'Spacer' },
          tierBadge(customer.tier),
        ],
      },
      ...offers.map((offer): WidgetComponent => ({
        type: 'Box',
        key: offer.id,
        padding: 3,
        radius: 'lg',
        border: { size: 1 },
        children: [
          {
            type: 'Row',
            gap: 3,
            align: 'center',
            children: [
              {
                type: 'Icon',
                name: offer.kind === 'store_credit' ? 'star' : 'sparkle',
                color: 'warning',
                size: 'lg',
              },
              {
                type: 'Col',
                gap: 0,
                flex: 1,
                children: [
                  { type: 'Text', value: offer.label, weight: 'medium', size: 'sm' },
                  { type: 'Caption', value: offer.description, color: 'secondary' },
                ],
              },
              {
                type: 'Button',
                label: 'Accept',
                size: 'sm',
                color: 'primary',
                onClickAction: {
                  type: RETURNS_ACTIONS.select,
                  payload: { step: 'offer', value: offer.id },
                  loadingBehavior: 'container',
                },
              },
            ],
          },
        ],
      })),
      {
        type: 'Row',
        children: [
          { type: 'Spacer' },
          {
            type: 'Button',
            label: 'No thanks, continue with the return',
            variant: 'outline',
            color: 'secondary',
            size: 'sm',
            onClickAction: {
              type: RETURNS_ACTIONS.select,
              payload: { step: 'offer', value: 'decline' },
              loadingBehavior: 'container',
            },
          },
        ],
      },
    ],
  };
}

/** Data of the confirmation card. */
export interface ConfirmationData {
  returnId: string;
  customerName: string;
  tier: string;
  orders: string;
  items: { key: string; label: string; value: string }[];
  rows: { label: string; value: string }[];
  nextSteps: string;
}

/** The confirmation card, from the `.widget` template. */
export function confirmationWidget(data: ConfirmationData): WidgetRoot {
  return confirmationTemplate.build({ ...data });
}

/** The end of the flow when the customer kept everything with an accepted offer. */
export function keptWidget(offer: RetentionOffer, storeCreditCents: number): WidgetRoot {
  return {
    type: 'Card',
    key: 'return-kept',
    size: 'md',
    status: { text: 'No return needed', icon: 'star' },
    children: [
      { type: 'Title', value: 'Enjoy your purchase!', size: 'sm' },
      {
        type: 'Text',
        value:
          offer.kind === 'store_credit'
            ? `${formatPrice(offer.amountCents)} store credit has been added to your account.`
            : `Your ${offer.percent}% discount is applied to your next order automatically.`,
        size: 'sm',
      },
      ...(storeCreditCents > 0
        ? [
            {
              type: 'Caption',
              value: `Store credit balance: ${formatPrice(storeCreditCents)}`,
              color: 'secondary',
            } satisfies WidgetComponent,
          ]
        : []),
    ],
  };
}

/** A note when the customer has nothing left to return. */
export function nothingToReturnWidget(customer: Customer): WidgetRoot {
  return {
    type: 'Card',
    key: 'return-nothing',
    size: 'md',
    children: [
      customerRow(customer),
      { type: 'Title', value: 'Nothing to return', size: 'sm' },
      {
        type: 'Text',
        value:
          'None of your orders has an item that can still be returned (final-sale items and items already returned or kept are excluded).',
        size: 'sm',
        color: 'secondary',
      },
    ],
  };
}

/** The return was cancelled before it was created. */
export function cancelledWidget(): WidgetRoot {
  return {
    type: 'Card',
    key: 'return-cancelled',
    size: 'sm',
    status: { text: 'Return cancelled', icon: 'info' },
    children: [
      {
        type: 'Text',
        value: 'Nothing was sent back and nothing was charged.',
        size: 'sm',
        color: 'secondary',
      },
    ],
  };
}
