/**
 * Text of an element including the text inside its shadow roots (markdown and widgets render in their own
 * shadow DOM, which `textContent` does not see). Whitespace is collapsed.
 */
import type { Locator } from 'playwright-core';

export function deepText(locator: Locator): Promise<string> {
  return locator.evaluate((root) => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof Element && ['STYLE', 'SCRIPT'].includes(node.tagName)) return;
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      for (const child of Array.from(node.childNodes)) walk(child);
    };
    walk(root);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  });
}
