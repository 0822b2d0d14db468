/**
 * The "controlled once" directive for form controls: a control's value is set from the widget's default on
 * first render, and later only when the default itself changes. Re-renders caused by other updates
 * (`widget.root.updated` with the same defaults, streaming text elsewhere) never overwrite what the user typed.
 *
 * @module
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const UNSET = Symbol('unset');

class ControlledDefault extends Directive {
  private last: unknown = UNSET;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT)
      throw new Error('controlledDefault() belongs on a form control element');
  }

  render(_value: string | boolean | undefined): unknown {
    return noChange;
  }

  override update(part: ElementPart, [value]: [string | boolean | undefined]): unknown {
    if (!Object.is(value, this.last)) {
      this.last = value;
      apply(part.element as Control, value);
    }
    return noChange;
  }
}

function apply(el: Control, value: string | boolean | undefined): void {
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
    el.checked = el.type === 'checkbox' ? value === true : value === el.value;
    return;
  }
  const text = typeof value === 'string' ? value : '';
  if (el instanceof HTMLSelectElement) {
    // Why later: the options are child parts, committed after this element part.
    queueMicrotask(() => {
      el.value = text;
      if (el.value !== text) el.selectedIndex = text === '' ? 0 : -1;
      el.dispatchEvent(new Event('ck-sync'));
    });
    return;
  }
  el.value = text;
  // Why later: on first render the control is still in a detached fragment; listeners (auto-resize) need layout.
  queueMicrotask(() => el.dispatchEvent(new Event('ck-sync')));
}

/**
 * Sets a control's value (or checkedness) to `value` on first render and whenever `value` changes; leaves it
 * alone otherwise. For a checkbox pass a boolean; for a radio pass the group's default value.
 */
export const controlledDefault = directive(ControlledDefault);
