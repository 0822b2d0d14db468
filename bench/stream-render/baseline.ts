/**
 * The incremental baseline of the render bench: what a careful hand-written streaming renderer does. Deltas are
 * appended to a string; once per animation frame the text is split at the last blank line, blocks before it are
 * rendered once (marked + DOMPurify) and frozen in the DOM, and only the tail is rendered again.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function createBaseline(host: HTMLElement) {
  let text = '';
  let frozenUpTo = 0;
  let scheduled = false;
  const tail = document.createElement('div');
  host.append(tail);
  const render = (final: boolean) => {
    scheduled = false;
    const cut = final ? text.length : text.lastIndexOf('\n\n') + 2;
    // Blocks wholly before the cut can no longer change; render them once and freeze them.
    if (cut > frozenUpTo && text.slice(frozenUpTo, cut).split('```').length % 2 === 1) {
      const frozen = document.createElement('div');
      frozen.innerHTML = DOMPurify.sanitize(
        marked.parse(text.slice(frozenUpTo, cut), { async: false }) as string,
      );
      host.insertBefore(frozen, tail);
      frozenUpTo = cut;
    }
    tail.innerHTML = DOMPurify.sanitize(marked.parse(text.slice(frozenUpTo), { async: false }) as string);
    host.scrollTop = host.scrollHeight;
  };
  return {
    push(delta: string) {
      text += delta;
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(() => render(false));
      }
    },
    finish() {
      render(true);
      return new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r)));
    },
  };
}
