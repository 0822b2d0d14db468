/**
 * `cssProps()`: an element directive that applies inline styles through CSSOM (`style.setProperty`) on every
 * render, including the first. Lit's `styleMap` writes a `style` attribute on first render, which a host page
 * with `style-src` and no `'unsafe-inline'` refuses (`style-src-attr` violation, declarations dropped); CSP
 * governs style attributes parsed from markup, not CSSOM property writes, so this works on strict-CSP pages.
 *
 * @module
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** Kebab-case property (or `--custom-property`) → value; `undefined`, `null` and `''` leave it unset. */
export type CssProps = Readonly<Record<string, string | null | undefined>>;

class CssPropsDirective extends Directive {
  private applied = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssProps(): element position only');
  }

  render(_props: CssProps): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [CssProps]): typeof noChange {
    const style = (part.element as HTMLElement | SVGElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === '') continue;
      next.add(name);
      style.setProperty(name, value);
    }
    for (const name of this.applied) if (!next.has(name)) style.removeProperty(name);
    this.applied = next;
    return noChange;
  }
}

/** Applies `props` to the element through CSSOM; never writes a `style` attribute from markup. */
export const cssProps = directive(CssPropsDirective);
