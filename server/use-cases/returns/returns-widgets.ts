/**
 * Widgets of the returns flow: one choice list per step (clickable while the step is open, showing the
 * answer once chosen), the retention offer, the confirmation card (rendered from the
 * `return-confirmation.widget` template) and the "kept it" note.
 *
 * @module
 */
import type { ListViewItemComponent, WidgetRoot } from '../../../src/protocol/types.js';
import { WidgetTemplate } from '../../widgets/widget-template.js';
import type { ChoiceOption } from './returns-options.js';

/** Action type of every choice click; the payload is `{ step, value }`. */
export const RETURNS_SELECT_ACTION = 'returns.select';

/** The template of the confirmation card, loaded once. */
const confirmationTemplate = WidgetTemplate.fromFileSync(
  new URL('./return-confirmation.widget', import.meta.url),
);

/** A step question with its options; `selected` renders the answered, inert version. */
export function choiceWidget(options: {
  step: string;
  question: string;
  hint?: string;
  choices: readonly ChoiceOption[];
  selected?: string | null;
}): WidgetRoot {
  const { step, question, hint, choices, selected } = options;
  const answered = selected != null;
  const shown = answered ? choices.filter((choice) => choice.value === selected) : choices;
  return {
    type: 'ListView',
    key: `returns-${step}`,
    status: {
      text: answered ? `${question} · answered` : question,
      icon: answered ? 'check-circle' : 'circle-question',
    },
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
                type: RETURNS_SELECT_ACTION,
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
                ? [{ type: 'Caption' as const, value: choice.description, color: 'secondary' }]
                : []),
            ],
          },
        ],
      })),
    ],
  };
}

/** Data of the confirmation card. */
export interface ConfirmationData {
  returnId: string;
  customerName: string;
  orderId: string;
  rows: { label: string; value: string }[];
  nextSteps: string;
}

/** The confirmation card, from the `.widget` template. */
export function confirmationWidget(data: ConfirmationData): WidgetRoot {
  return confirmationTemplate.build({ ...data });
}

/** The end of the flow when the customer accepted the retention offer. */
export function keptWidget(productName: string): WidgetRoot {
  return {
    type: 'Card',
    key: 'return-kept',
    size: 'md',
    status: { text: 'No return needed', icon: 'star' },
    children: [
      { type: 'Title', value: `Enjoy your ${productName}!`, size: 'sm' },
      {
        type: 'Text',
        value: '15% of the price has been added to your account as store credit.',
        size: 'sm',
        color: 'secondary',
      },
    ],
  };
}

/** A note when the customer has nothing left to return. */
export function nothingToReturnWidget(customerName: string): WidgetRoot {
  return {
    type: 'Card',
    key: 'return-nothing',
    size: 'md',
    children: [
      { type: 'Title', value: 'Nothing to return', size: 'sm' },
      {
        type: 'Text',
        value: `${customerName} has no returnable items (final-sale items and items already returned are excluded).`,
        size: 'sm',
        color: 'secondary',
      },
    ],
  };
}
