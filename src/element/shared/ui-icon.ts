/**
 * The element's UI icons, drawn by the shared icon module. Decorative (`aria-hidden`): every icon button
 * carries its own accessible name.
 *
 * @internal
 * @module
 */
import type { SVGTemplateResult } from 'lit';
import { icon } from '../../internal/icons.js';

/** An icon of `size` pixels, hidden from assistive technology. */
export function uiIcon(name: string, size = 18): SVGTemplateResult {
  return icon(name, { size });
}
