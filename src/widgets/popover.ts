/**
 * Placement of the Select and DatePicker popovers. The popup is a `popover="manual"` element (top layer, so
 * no widget or thread `overflow` clips it) with `position: fixed`; its coordinates are written through CSSOM
 * (`style.setProperty`), which strict-CSP pages allow, never through a `style` attribute.
 *
 * @module
 */

/** The side of the anchor the popup opens on (ChatKit's DatePicker `side`). */
export type Side = 'top' | 'bottom' | 'left' | 'right';
/** How the popup lines up with the anchor along that side (`start` follows the text direction). */
export type Align = 'start' | 'center' | 'end';

const GAP = 4;
const MARGIN = 8;

/** Where the popup goes: the requested side, flipped to the opposite one when it does not fit there. */
export function place(
  popup: HTMLElement,
  anchor: HTMLElement,
  side: Side = 'bottom',
  align: Align = 'start',
): { side: Side } {
  const a = anchor.getBoundingClientRect();
  const vw = document.documentElement.clientWidth || window.innerWidth;
  const vh = document.documentElement.clientHeight || window.innerHeight;
  popup.style.setProperty('--anchor-width', `${Math.round(a.width)}px`);
  // Layout size, not the box: an opening animation may be scaling it.
  const p = { width: popup.offsetWidth, height: popup.offsetHeight };
  const rtl = getComputedStyle(anchor).direction === 'rtl';
  const fits: Record<Side, boolean> = {
    bottom: a.bottom + GAP + p.height <= vh - MARGIN,
    top: a.top - GAP - p.height >= MARGIN,
    right: a.right + GAP + p.width <= vw - MARGIN,
    left: a.left - GAP - p.width >= MARGIN,
  };
  const opposite: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };
  const chosen = !fits[side] && fits[opposite[side]] ? opposite[side] : side;
  let top: number;
  let left: number;
  if (chosen === 'top' || chosen === 'bottom') {
    top = chosen === 'bottom' ? a.bottom + GAP : a.top - GAP - p.height;
    // `start` is the reading-direction start: the left edge in LTR, the right edge in RTL.
    const edge = align === 'center' ? 'center' : (align === 'start') !== rtl ? 'left' : 'right';
    left = edge === 'left' ? a.left : edge === 'right' ? a.right - p.width : a.left + (a.width - p.width) / 2;
  } else {
    left = chosen === 'right' ? a.right + GAP : a.left - GAP - p.width;
    top =
      align === 'start' ? a.top : align === 'end' ? a.bottom - p.height : a.top + (a.height - p.height) / 2;
  }
  left = Math.max(MARGIN, Math.min(left, vw - MARGIN - p.width));
  top = Math.max(MARGIN, Math.min(top, vh - MARGIN - p.height));
  popup.style.setProperty('top', `${Math.round(top)}px`);
  popup.style.setProperty('left', `${Math.round(left)}px`);
  popup.dataset.side = chosen;
  return { side: chosen };
}

/** Opens a manual popover (Popover API), or marks it open where the API is missing (CSS shows it). */
export function showPopup(popup: HTMLElement): void {
  if (typeof popup.showPopover === 'function') {
    if (!popup.matches(':popover-open')) popup.showPopover();
  } else popup.toggleAttribute('data-open', true);
}

/** Closes a popup opened by {@link showPopup}. */
export function hidePopup(popup: HTMLElement): void {
  if (typeof popup.hidePopover === 'function') {
    if (popup.matches(':popover-open')) popup.hidePopover();
  } else popup.removeAttribute('data-open');
}

/**
 * While a popup is open: keeps it placed on scroll and resize, and calls `dismiss` on a pointer press outside
 * `owner`. Returns the function that stops all of it.
 */
export function trackPopup(owner: HTMLElement, reposition: () => void, dismiss: () => void): () => void {
  const onPointer = (ev: Event) => {
    if (!ev.composedPath().includes(owner)) dismiss();
  };
  window.addEventListener('scroll', reposition, { capture: true, passive: true });
  window.addEventListener('resize', reposition, { passive: true });
  document.addEventListener('pointerdown', onPointer, true);
  return () => {
    window.removeEventListener('scroll', reposition, { capture: true });
    window.removeEventListener('resize', reposition);
    document.removeEventListener('pointerdown', onPointer, true);
  };
}
