/**
 * The DOM of a markdown image (dom.ts's builder writes it through {@link DomWriter}). Loaded with
 * lexer-extras.ts, which the lexer loads the first time its text holds an image: most answers have none.
 *
 * An image whose URL the policy allows is an `img` with policy.ts's forced attributes; one whose host the policy
 * refuses keeps its alt text and gets a "Load image from <host>" control (the element loads that one image on
 * click); an unsafe URL keeps only the alt text.
 *
 * @module
 */
import type { LinkToken } from './lexer.js';
import { sanitizeUrl } from '../internal/url.js';
import { decideImage } from '../internal/image-policy.js';
import { IMAGE_FORCED_ATTR, LINK_FORCED_ATTR, LOAD_CONTROL_FORCED_ATTR } from './policy.js';
import { imagePolicyOf, loadImageLabel } from './sanitize.js';
import type { DomWriter } from './dom.js';

const FORCED_IMAGE = Object.entries(IMAGE_FORCED_ATTR).flat();
const FORCED_LINK = Object.entries(LINK_FORCED_ATTR).flat();
const FORCED_LOAD = Object.entries(LOAD_CONTROL_FORCED_ATTR).flat();
const NONE: readonly string[] = [];

/** Writes the image token `t`. */
export function image(t: LinkToken, w: DomWriter): void {
  const alt = w.alt(t);
  const url = w.url(t);
  const decision = url === null ? null : decideImage(url, imagePolicyOf(w.opts), w.base);
  if (decision?.kind === 'load') {
    const title = w.title(t);
    // Forced attributes first, so `loading="lazy"` is in place when `src` starts the request.
    w.el('img', [
      ...FORCED_IMAGE,
      'src',
      decision.src,
      'alt',
      w.attrText(alt),
      ...(title ? ['title', title] : NONE),
    ]);
    return;
  }
  w.el('span', ['class', 'md-image-blocked'], () => {
    w.text(alt);
    if (decision?.kind !== 'blocked') return;
    const href = sanitizeUrl(decision.url, { base: w.base });
    if (href === null) return;
    w.el('a', ['class', 'md-image-load', 'href', href, ...FORCED_LINK, ...FORCED_LOAD], () =>
      w.linkText(() => w.text(loadImageLabel(w.opts, decision.host))),
    );
  });
}
