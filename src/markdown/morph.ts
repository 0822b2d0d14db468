/**
 * `sanitizedHTML(html)`: an element directive that keeps an element's children equal to a sanitized HTML
 * string, changing only the nodes that differ from the previous value.
 *
 * Why not `unsafeHTML`: while an answer streams, its last block is rendered again on every frame, and
 * `unsafeHTML` replaces all of the block's nodes each time. Replacing them costs removal and insertion, lays
 * out and repaints the whole block, and restarts the streaming caret's blink animation (a pseudo-element of
 * the last paragraph), which then needs a style pass on every frame of its own. Usually only the last text
 * node grew; updating that node alone keeps the rest of the block, and the caret, as they are.
 *
 * Safety is that of `unsafeHTML`: every node inserted comes from parsing the given string (which callers
 * have sanitized) in an inert template, and existing nodes only take text from such nodes; an element whose
 * tag or attributes differ is replaced, never patched.
 *
 * @internal
 * @module
 */
import { noChange, nothing, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/** Whether `a` can be kept in place of `b`: same node type and, for elements, same tag and attributes. */
function sameShape(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== Node.ELEMENT_NODE) return true;
  const x = a as Element;
  const y = b as Element;
  if (x.tagName !== y.tagName) return false;
  const attributes = x.attributes;
  if (attributes.length !== y.attributes.length) return false;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i]!;
    if (y.getAttribute(attribute.name) !== attribute.value) return false;
  }
  return true;
}

/**
 * Makes `target`'s children equal to `source`'s: matching nodes are kept (text updated, elements compared
 * recursively), others are moved over from `source`, extra ones removed. `source` is consumed.
 *
 * @param target - live element whose children are updated.
 * @param source - parsed, sanitized content (its nodes may be moved into `target`).
 */
export function morphChildren(target: Node, source: Node): void {
  let current = target.firstChild;
  let next = source.firstChild;
  while (next) {
    const after: ChildNode | null = next.nextSibling;
    if (current && sameShape(current, next)) {
      if (current.nodeType === Node.ELEMENT_NODE) morphChildren(current, next);
      else if (current.nodeValue !== next.nodeValue) current.nodeValue = next.nodeValue;
      current = current.nextSibling;
    } else target.insertBefore(next, current);
    next = after;
  }
  while (current) {
    const after: ChildNode | null = current.nextSibling;
    current.remove();
    current = after;
  }
}

class SanitizedHTMLDirective extends Directive {
  private value: string | undefined;
  private template?: HTMLTemplateElement;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('sanitizedHTML() must be used on an element');
  }

  render(_html: string): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [html]: [string]): typeof noChange {
    if (html === this.value) return noChange;
    this.value = html;
    const template = (this.template ??= document.createElement('template'));
    // The string is sanitized (sanitize.ts); an inert template parses it, as `unsafeHTML` does.
    // eslint-disable-next-line no-restricted-properties
    template.innerHTML = html;
    morphChildren(part.element, template.content);
    return noChange;
  }
}

/**
 * Keeps the element's children equal to `html`, which must already be sanitized (see sanitize.ts). The
 * element's children belong to the directive: give it an element with no other content.
 */
export const sanitizedHTML = directive(SanitizedHTMLDirective);
