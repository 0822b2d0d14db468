/**
 * Entities shown in the conversation (tags of sent messages, entity citations of answers) and what the host
 * page does with them (ChatKit's `entities.onClick` and `entities.onRequestPreview`). Loaded on demand by the
 * root element once either option is set. The places that render an interactive entity fire two internal,
 * composed DOM events (entity-events.ts) that {@link EntityPreviewController} handles:
 * - `chatkit-entity-click` `{entity}`: activated → `entities.onClick(entity)`;
 * - `chatkit-entity-hover` `{entity, anchor}`: pointer over or focus on it → `entities.onRequestPreview(entity)`;
 *   a returned `{preview}` widget is shown in a popover next to the anchor, rendered by `<chatkit-widget>`.
 *
 * The popover follows WCAG 1.4.13 (content on hover or focus): Escape dismisses it, the pointer may move onto
 * it without it closing, and it stays until the pointer or focus leaves both.
 *
 * Keyboard: focusing a tag or citation shows its preview. When the preview holds controls (a button, a
 * select…) it is a non-modal dialog: Tab on the anchor moves focus to its first control, Tab/Shift+Tab walk its
 * controls, and Tab past the last, Shift+Tab before the first or Escape close it and put focus back on the
 * anchor (without reopening it, so the next Tab continues in page order). A preview without controls is a
 * tooltip: Tab moves on and the preview closes with the focus.
 *
 * Actions: a preview is not an item of the thread, so its actions name no item. Client actions go to
 * `widgets.onAction` (and the cancelable `chatkit.widget.action` event) with the preview as widget item
 * (`id` = `entity-preview-<entity id>`); server actions are sent as `threads.custom_action` on the current
 * thread without `item_id` (the protocol's app-initiated form, like `sendCustomAction(action)`), and close the
 * preview: their answer arrives in the thread. It lives in the top layer
 * (`popover="manual"`), so no overflow clips it, and is placed through CSSOM (`style.setProperty`), so it works
 * on strict-CSP pages: below the anchor, or above when the anchor is in the lower half of the viewport,
 * aligned with the anchor's inline start (its right edge in right-to-left layouts). `null` previews show
 * nothing. Previews are cached per entity id until `onRequestPreview` changes; the newest hover wins.
 *
 * @internal
 * @module
 */
import {
  css,
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { EntitySource, WidgetItem } from '../../protocol/types.js';
import type { WidgetHost } from '../../widgets/widget-host.js';
import type { ChatkitChatOptions, Entity } from '../chatkit-chat/options.js';
import { ensureElement } from '../lazy-elements.js';
import { entityFromSource, type EntityClickDetail, type EntityHoverDetail } from './entity-events.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

type EntitiesOption = NonNullable<ChatkitChatOptions['entities']>;
type Preview = { preview: { type: string } | null };

const GAP = 4;

/** What can take keyboard focus by Tab. */
const TABBABLE =
  'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable=""], [contenteditable="true"]';

/** The controls inside `root` that Tab reaches, in order, looking into open shadow roots. */
function tabbables(root: ParentNode): HTMLElement[] {
  const found: HTMLElement[] = [];
  const walk = (node: ParentNode) => {
    for (const child of Array.from(node.children)) {
      const el = child as HTMLElement;
      if (el.matches(TABBABLE) && el.tabIndex >= 0 && !el.matches(':disabled') && el.checkVisibility()) {
        found.push(el);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
      walk(el);
    }
  };
  walk(root);
  return found;
}

export class EntityPreviewController implements ReactiveController {
  /** The widget shown, with the anchor and entity it belongs to. */
  private shown: { entity: Entity; anchor: HTMLElement; item: WidgetItem } | null = null;
  private hovered: HTMLElement | null = null;
  private request = 0;
  private cache = new Map<string, Promise<Preview | null>>();
  private cachedFor: EntitiesOption['onRequestPreview'];
  /** Focus returns to this anchor from its preview: that focus must not reopen the preview. */
  private returning: HTMLElement | null = null;
  /** Whether the shown preview holds controls (then it is a dialog Tab enters, else a tooltip). */
  private interactive = false;
  /** The widget host given to the preview (the root's, with actions routed as described above). */
  private previewHost?: { base: WidgetHost; host: WidgetHost };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly entities: () => EntitiesOption | undefined,
    private readonly ctx: () => ChatContextValue,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Loaded after the root rendered: its popover's styles join the root's adopted style sheets.
    const root = this.host.shadowRoot;
    const sheet = entityPreviewStyles.styleSheet;
    if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    document.addEventListener('keydown', this.handleKeyDown, true);
  }

  /** After each root update: a preview whose anchor went away (another thread, a new chat) goes too. */
  hostUpdated(): void {
    if (this.shown && !this.shown.anchor.isConnected) queueMicrotask(() => this.hide());
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.handleKeyDown, true);
    this.hide();
  }

  /** The popover element, when rendered. */
  private get popover(): HTMLElement | null {
    return this.host.shadowRoot?.querySelector<HTMLElement>('#entity-preview') ?? null;
  }

  private click(entity: Entity) {
    const onClick = this.entities()?.onClick;
    if (!onClick) return;
    try {
      onClick(entity);
    } catch (error) {
      this.ctx().controller.log('entities.onClick.error', { message: String(error) });
    }
  }

  /**
   * Handles an event of entity-events.ts forwarded by the root element: `chatkit-entity-click`,
   * `chatkit-entity-hover`, or markdown's `chatkit-source-click` (citations: the first interactive entity
   * source goes to `onClick`).
   */
  handle(event: Event): void {
    const detail = (event as CustomEvent<unknown>).detail;
    if (event.type === 'chatkit-entity-click') {
      this.click((detail as EntityClickDetail).entity);
    } else if (event.type === 'chatkit-entity-hover') {
      const { entity, anchor } = detail as EntityHoverDetail;
      if (this.returning === anchor) {
        this.returning = null;
        return;
      }
      if (this.hovered === anchor) return;
      this.hovered = anchor;
      void this.show(entity, anchor);
    } else if (event.type === 'chatkit-source-click') {
      const sources = (detail as { sources?: readonly { type: string }[] } | null)?.sources ?? [];
      const source = sources.find(
        (s): s is EntitySource => s.type === 'entity' && !!(s as EntitySource).interactive,
      );
      if (source) this.click(entityFromSource(source));
    }
  }

  private readonly handleKeyDown = (event: KeyboardEvent) => {
    const shown = this.shown;
    if (!shown || (event.key !== 'Escape' && event.key !== 'Tab')) return;
    const popover = this.popover;
    const target = event.composedPath()[0];
    const inside = !!popover && target instanceof Node && event.composedPath().includes(popover);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (inside) this.returnFocus();
      else this.hide();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || !popover) return;
    const controls = tabbables(popover);
    if (!controls.length) return;
    if (!inside) {
      // Tab on the anchor enters the preview (it follows the anchor in reading order).
      if (event.shiftKey || !event.composedPath().includes(shown.anchor)) return;
      event.preventDefault();
      controls[0].focus();
      return;
    }
    const index = controls.indexOf(target as HTMLElement);
    const leaving = event.shiftKey ? index <= 0 : index === controls.length - 1;
    if (!leaving) return;
    event.preventDefault();
    this.returnFocus();
  };

  /** Closes the preview and puts focus back on its anchor. */
  private returnFocus() {
    const anchor = this.shown?.anchor;
    this.hide();
    if (!anchor?.isConnected) return;
    this.returning = anchor;
    anchor.focus();
    // The anchor may already have had focus (no focus event): nothing is left to skip then.
    queueMicrotask(() => queueMicrotask(() => void (this.returning = null)));
  }

  /** The root's widget host, with the preview's actions routed (see the module comment). */
  private hostFor(base: WidgetHost): WidgetHost {
    if (this.previewHost?.base === base) return this.previewHost.host;
    const host: WidgetHost = Object.create(base) as WidgetHost;
    host.dispatchAction = (request) => {
      if (request.action.handler !== 'client') {
        if (this.popover?.matches(':focus-within')) this.returnFocus();
        else this.hide();
      }
      return base.dispatchAction(request);
    };
    this.previewHost = { base, host };
    return host;
  }

  /** Pointer or focus left `from`: hide unless it went to the anchor or into the popover. */
  private readonly handleLeave = (event: PointerEvent | FocusEvent) => {
    const to = event.relatedTarget as Node | null;
    const popover = this.popover;
    const anchor = this.shown?.anchor ?? this.hovered;
    if (to && ((popover && popover.contains(to)) || (anchor && anchor.contains(to)))) return;
    this.hide();
  };

  private fetchPreview(entity: Entity): Promise<Preview | null> {
    const onRequestPreview = this.entities()?.onRequestPreview;
    if (!onRequestPreview) return Promise.resolve(null);
    if (this.cachedFor !== onRequestPreview) {
      this.cache.clear();
      this.cachedFor = onRequestPreview;
    }
    let pending = this.cache.get(entity.id);
    if (!pending) {
      pending = Promise.resolve()
        .then(() => onRequestPreview(entity))
        .catch((error: unknown) => {
          this.cache.delete(entity.id);
          this.ctx().controller.log('entities.onRequestPreview.error', { message: String(error) });
          return null;
        });
      this.cache.set(entity.id, pending);
    }
    return pending;
  }

  private async show(entity: Entity, anchor: HTMLElement) {
    const request = ++this.request;
    anchor.addEventListener('pointerleave', this.handleLeave);
    anchor.addEventListener('focusout', this.handleLeave);
    const answer = await this.fetchPreview(entity);
    const preview = answer?.preview;
    if (request !== this.request || this.hovered !== anchor) return;
    // The pointer or focus may have left while the preview (or this code) was on its way.
    if (!anchor.isConnected || !(anchor.matches(':hover') || anchor.matches(':focus'))) return this.hide();
    if (!preview || typeof preview !== 'object' || typeof preview.type !== 'string') return this.hide();
    await ensureElement('chatkit-widget').catch(() => undefined);
    if (request !== this.request) return;
    this.detach();
    this.shown = {
      entity,
      anchor,
      item: {
        id: `entity-preview-${entity.id}`,
        type: 'widget',
        thread_id: this.ctx().view.threadId ?? '',
        created_at: new Date().toISOString(),
        widget: preview as WidgetItem['widget'],
      } as WidgetItem,
    };
    // The anchor's own listeners were removed by detach(); the anchor is still the one hovered.
    anchor.addEventListener('pointerleave', this.handleLeave);
    anchor.addEventListener('focusout', this.handleLeave);
    this.host.requestUpdate();
    await this.host.updateComplete;
    const popover = this.popover;
    if (!popover || this.shown?.anchor !== anchor) return;
    this.place(popover, anchor);
    if (typeof popover.showPopover === 'function' && !popover.matches(':popover-open')) popover.showPopover();
    // Tooltips hold no controls: a preview that has some is a non-modal dialog the anchor opens.
    await popover.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('chatkit-widget')
      ?.updateComplete;
    if (this.shown?.anchor !== anchor) return;
    this.interactive = tabbables(popover).length > 0;
    if (this.interactive) {
      anchor.setAttribute('aria-haspopup', 'dialog');
      anchor.setAttribute('aria-expanded', 'true');
    }
    this.host.requestUpdate();
  }

  /** Places the popover next to the anchor (see the module comment). */
  private place(popover: HTMLElement, anchor: HTMLElement) {
    const rect = anchor.getBoundingClientRect();
    const width = window.innerWidth;
    const height = window.innerHeight;
    const below = rect.top + rect.height / 2 < height / 2;
    const rtl = this.ctx().dir === 'rtl';
    const set = (name: string, value: string | null) =>
      value === null ? popover.style.removeProperty(name) : popover.style.setProperty(name, value);
    set('top', below ? `${rect.bottom}px` : null);
    set('bottom', below ? null : `${height - rect.top}px`);
    set('left', rtl ? null : `${Math.max(GAP, Math.min(rect.left, width - GAP - 120))}px`);
    set('right', rtl ? `${Math.max(GAP, Math.min(width - rect.right, width - GAP - 120))}px` : null);
    set(
      '--ck-preview-max-block',
      `${Math.max(120, below ? height - rect.bottom - GAP * 3 : rect.top - GAP * 3)}px`,
    );
    popover.dataset.side = below ? 'bottom' : 'top';
  }

  private detach() {
    const anchor = this.shown?.anchor;
    anchor?.removeAttribute('aria-expanded');
    this.interactive = false;
    anchor?.removeEventListener('pointerleave', this.handleLeave);
    anchor?.removeEventListener('focusout', this.handleLeave);
  }

  /** Hides the preview (Escape, pointer or focus gone). */
  hide(): void {
    this.request++;
    this.hovered?.removeEventListener('pointerleave', this.handleLeave);
    this.hovered?.removeEventListener('focusout', this.handleLeave);
    this.detach();
    this.hovered = null;
    if (!this.shown) return;
    const popover = this.popover;
    if (popover?.matches(':popover-open')) popover.hidePopover();
    this.shown = null;
    this.host.requestUpdate();
  }

  /** The popover (in the root's shadow root), while a preview is shown. */
  render(widgetHost: WidgetHost): TemplateResult | typeof nothing {
    const shown = this.shown;
    if (!shown) return nothing;
    const { strings } = this.ctx();
    const interactive = this.interactive;
    return html`<div
      id="entity-preview"
      part="entity-preview"
      class="entity-preview"
      popover="manual"
      role=${interactive ? 'dialog' : 'tooltip'}
      aria-label=${strings.previewOf(shown.entity.title)}
      data-entity-id=${shown.entity.id}
      @pointerleave=${this.handleLeave}
      @focusout=${this.handleLeave}
    >
      <div class="entity-preview-card">
        <chatkit-widget
          exportparts="widget"
          .item=${shown.item}
          .host=${this.hostFor(widgetHost)}
        ></chatkit-widget>
      </div>
    </div>`;
  }
}

/** Styles of the preview popover (adopted by the root element, whose shadow root holds it). */
export const entityPreviewStyles = css`
  .entity-preview {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: ${GAP}px 0;
    border: 0;
    background: transparent;
    color: var(--chatkit-text);
    overflow: visible;
    max-inline-size: min(24rem, calc(100vw - ${GAP * 2}px));
  }
  .entity-preview-card {
    max-block-size: var(--ck-preview-max-block, 60vh);
    overflow: auto;
    border: 1px solid var(--chatkit-border);
    border-radius: var(--chatkit-radius);
    background: var(--chatkit-surface-elevated, var(--chatkit-surface));
    box-shadow: var(--chatkit-shadow);
  }
`;
