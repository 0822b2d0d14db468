/**
 * `<chatkit-thread>` (internal): the conversation log (`role="log"`). Keeps the view pinned to the newest
 * content only while the reader is already at the bottom (scroll anchoring while streaming), loads older
 * items when the reader scrolls to the top, and shows the transient progress line, notices and inline
 * errors with Retry.
 *
 * @internal
 * @module
 */
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { consumeChat, type ChatContextValue } from '../../context/chat-context.js';
import type { ThreadItem } from '../../protocol/types.js';
import { adoptMoreStyles, sharedStyles } from '../shared/shared.styles.js';
import { threadStyles } from './thread.styles.js';
import { itemStyles } from '../items/item.styles.js';
import type { ItemRenderContext } from '../items/item-context.js';
import { itemRenderersLoaded, loadItemRenderers, renderItem } from '../items/render-item.js';
import { renderTurnEndActions } from '../items/render-misc.js';
import { markdownLabels } from '../items/render-assistant-message.js';
import { uiIcon } from '../shared/ui-icon.js';

// The log's implicit polite live region is turned off (aria-live="off"): it would read every streamed
// delta; the root element announces each finished answer once, throttled, in its own live region instead.

/** Item types that render something in the log (end_of_turn, hidden and unknown types do not). */
const RENDERED_TYPES: ReadonlySet<string> = new Set([
  'user_message',
  'assistant_message',
  'widget',
  'workflow',
  'task',
  'client_tool_call',
  'generated_image',
  'structured_input',
]);

/** How close to the bottom (px) still counts as "at the bottom". */
const STICK_THRESHOLD = 48;
/** How close to the top (px) triggers loading older items. */
const LOAD_OLDER_THRESHOLD = 120;

export class ChatkitThread extends LitElement {
  static override styles = [sharedStyles, threadStyles, itemStyles];
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    ctx: { state: true, attribute: false },
    feedback: { state: true, attribute: false },
    copiedId: { state: true, attribute: false },
    expanded: { state: true, attribute: false },
    atBottom: { state: true, attribute: false },
  };

  private ctx!: ChatContextValue;
  protected readonly ctxConsumer = consumeChat(this, (value) => (this.ctx = value));

  private get scroller(): HTMLElement | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('.scroller') ?? undefined;
  }

  private feedback = new Map<string, 'positive' | 'negative'>();
  private copiedId: string | null = null;
  private expanded = new Map<string, boolean>();
  private atBottom = true;

  /** Whether new content should keep the view at the bottom (false once the reader scrolls up). */
  private stick = true;
  private firstItemId: string | undefined;
  private lastUserId: string | undefined;
  /** The next update scrolls to the bottom (another thread was opened). */
  private jump = true;
  /** An answer streamed since the last sent message (then growth does not scroll without autoScroll). */
  private streamed = false;
  private distanceFromBottom = 0;
  /** Where `scrollToBottom` last put the view (see `handleScroll`). */
  private pinnedTop = 0;
  private resizeObserver?: ResizeObserver;
  private copiedTimer?: ReturnType<typeof setTimeout>;
  /**
   * Set while a widget action runs: the newest item id when it was fired and the widget that fired it. The
   * result of a click is what the reader wants to see next, even when the card sat above the fold.
   */
  private action?: { lastId: string | undefined; widget: Element; sawStream: boolean };

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => this.followContent());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    clearTimeout(this.copiedTimer);
  }

  protected override firstUpdated(): void {
    // The content grows (markdown, images) and the viewport shrinks (the composer grows, questions take
    // over): stay pinned to the bottom either way. Both boxes are always rendered (see render).
    const scroller = this.scroller!;
    this.resizeObserver!.observe(scroller);
    this.resizeObserver!.observe(scroller.firstElementChild!); // .content
    // No scrollToBottom here: `updated`, right after, scrolls (`jump` starts true).
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A stored thread is on its way: fetch the renderers of its workflows, tasks and images meanwhile, so they
    // show with the other items instead of one round trip after them.
    if (this.ctx.view.status === 'loading') void loadItemRenderers().catch(() => undefined);
    this.followAction('before');
    if (changed.has('ctx' as keyof ChatkitThread) && this.scroller) {
      const el = this.scroller;
      // Only a reader away from the bottom needs it (older items prepended, see updated). Why not always:
      // reading layout here, after the root element's writes of this frame, forces a second layout per frame.
      if (!this.stick) this.distanceFromBottom = el.scrollHeight - el.scrollTop;
      const previous = (changed.get('ctx' as keyof ChatkitThread) as ChatContextValue | undefined)?.view;
      // A new chat's first answer creates its thread (no id → an id while streaming): the same conversation.
      const created = previous?.threadId == null && previous?.status === 'streaming';
      if (this.ctx.view.threadId !== previous?.threadId && !created) {
        // Another thread: start at its newest message.
        this.stick = true;
        this.jump = true;
        this.feedback = new Map();
        this.expanded = new Map();
      }
    }
  }

  protected override updated(): void {
    const el = this.scroller;
    if (!el) return;
    this.followAction('after');
    const first = this.ctx.view.items[0]?.id;
    const prepended = first !== this.firstItemId && this.firstItemId !== undefined && !this.stick;
    this.firstItemId = first;
    // Without `thread.autoScroll` (ChatKit's default), a streaming answer does not move the view; a sent
    // message or another thread still brings the newest message into view.
    const lastUser = this.ctx.view.items.findLast((item) => item.type === 'user_message')?.id;
    const sent = lastUser !== this.lastUserId;
    this.lastUserId = lastUser;
    if (sent || this.jump) this.streamed = false;
    // An answer below the message just sent (a short answer can arrive within one notification, so the
    // 'streaming' status is not always seen), or one streaming now.
    const answered = sent && !this.jump && this.ctx.view.items.at(-1)?.id !== lastUser;
    if (answered || this.ctx.view.status === 'streaming') this.streamed = true;
    // While an answer streams, its growth is followed after layout (followContent, once per frame): scrolling
    // here too would set the scroll offset twice per frame, the first time to a height about to change.
    const follow = this.jump || sent || (this.ctx.config.autoScroll && this.ctx.view.status !== 'streaming');
    this.jump = false;
    if (this.stick) {
      if (follow) this.scrollToBottom();
    } else if (prepended) el.scrollTop = el.scrollHeight - this.distanceFromBottom;
  }

  /** Called when rendered content grows outside a Lit update of this element (markdown, images). */
  private followContent() {
    if (this.stick && (this.ctx.config.autoScroll || !this.streamed)) this.scrollToBottom();
  }

  /** A widget fired an action (`chatkit-widget-action-start` from `<chatkit-widget>`). */
  private handleWidgetAction(event: Event) {
    const widget = event
      .composedPath()
      .find((node) => node instanceof Element && node.localName === 'chatkit-widget');
    if (!(widget instanceof Element)) return;
    this.action = { lastId: this.ctx.view.items.at(-1)?.id, widget, sawStream: false };
  }

  /** The reader scrolls by hand while an action runs: they moved on on purpose, so leave the view alone. */
  private cancelFollowAction() {
    this.action = undefined;
  }

  /**
   * Brings a widget action's result into view: new items below pin the view to the bottom (like a sent
   * message, decided before rendering); a result that only replaced the widget in place scrolls that widget
   * into view when the response ends (after rendering). A hand scroll meanwhile cancels both.
   */
  private followAction(phase: 'before' | 'after') {
    const action = this.action;
    if (!action) return;
    const { view: chat } = this.ctx;
    const busy = chat.status === 'streaming' || chat.status === 'cancelling';
    if (busy) action.sawStream = true;
    if (phase === 'before' && chat.items.at(-1)?.id !== action.lastId) {
      this.action = undefined;
      this.stick = true;
      this.atBottom = true;
    } else if (phase === 'after' && action.sawStream && !busy) {
      this.action = undefined;
      const item = action.widget.closest('[data-item-id]') ?? action.widget;
      const el = this.scroller;
      if (!el || !item.isConnected) return;
      // Within the log only (scrollIntoView would scroll the host page too).
      const box = item.getBoundingClientRect();
      const view = el.getBoundingClientRect();
      if (box.bottom > view.bottom) el.scrollTop += Math.min(box.bottom - view.bottom, box.top - view.top);
      else if (box.top < view.top) el.scrollTop -= view.top - box.top;
    }
  }

  private scrollToBottom() {
    const el = this.scroller;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    this.pinnedTop = el.scrollTop;
  }

  private handleScroll() {
    const el = this.scroller!;
    const gap = el.scrollHeight - el.scrollTop - el.clientHeight;
    // Scroll events arrive a frame late: by then a streamed answer may have grown below the position we
    // scrolled to, which is not the reader leaving the bottom. A move from there is, up or down (down: content
    // rendered after the last pin, e.g. a lazily loaded widget, and the reader scrolls into its middle).
    this.stick = gap <= STICK_THRESHOLD || Math.abs(el.scrollTop - this.pinnedTop) <= 1;
    if (!this.stick) this.pinnedTop = Infinity;
    // The reader reached the bottom by hand: a later move away from here is leaving it (the view may never
    // have been pinned, e.g. an answer streamed in without autoScroll).
    else if (gap <= STICK_THRESHOLD) this.pinnedTop = el.scrollTop;
    if (this.atBottom !== this.stick) this.atBottom = this.stick;
    const view = this.ctx.view;
    if (el.scrollTop < LOAD_OLDER_THRESHOLD && view.hasMoreBefore && !view.loadingOlder) {
      void this.ctx.controller.loadOlder();
    }
  }

  private jumpToLatest() {
    this.stick = true;
    this.atBottom = true;
    this.scrollToBottom();
  }

  private itemContext(pending: boolean, endsTurn: boolean, turnUser: string | null): ItemRenderContext {
    return {
      ctx: this.ctx,
      pending,
      endsTurn,
      turnUserMessageId: turnUser,
      feedback: this.feedback,
      copiedId: this.copiedId,
      isExpanded: (id, fallback) => this.expanded.get(id) ?? fallback,
      toggleExpanded: (id, fallback) => {
        this.expanded = new Map(this.expanded).set(id, !(this.expanded.get(id) ?? fallback));
      },
      copy: (copiedItem, text) => void this.copy(copiedItem.id, text),
      giveFeedback: (id, kind) => void this.giveFeedback(id, kind),
      rerender: () => this.requestUpdate(),
      adoptStyles: (styles) => adoptMoreStyles(this, styles),
    };
  }

  private async copy(itemId: string, text: string) {
    try {
      await navigator.clipboard.writeText(text);
      this.copiedId = itemId;
      clearTimeout(this.copiedTimer);
      this.copiedTimer = setTimeout(() => (this.copiedId = null), 2000);
    } catch (error) {
      this.ctx.controller.log('copy.failed', { message: String(error) });
    }
  }

  private async giveFeedback(itemId: string, kind: 'positive' | 'negative') {
    this.feedback = new Map(this.feedback).set(itemId, kind);
    try {
      await this.ctx.controller.feedback(itemId, kind);
    } catch {
      const next = new Map(this.feedback);
      next.delete(itemId);
      this.feedback = next;
    }
  }

  private renderStatus() {
    const { view, strings, controller } = this.ctx;
    return html`
      ${view.notices.map(
        (notice) =>
          html`<div
            class="notice"
            data-level=${notice.level}
            role=${notice.level === 'danger' ? 'alert' : 'status'}
          >
            ${uiIcon(notice.level === 'info' ? 'info' : 'alert-triangle', 16)}
            <div class="notice-body">
              ${notice.title ? html`<strong>${notice.title}</strong>` : nothing}
              <chatkit-markdown .text=${notice.message} .labels=${markdownLabels(strings)}></chatkit-markdown>
            </div>
            <button
              class="icon-button"
              type="button"
              aria-label=${strings.dismiss}
              @click=${() => controller.dismissNotice(notice.id)}
            >
              ${uiIcon('x', 14)}
            </button>
          </div>`,
      )}
      ${
        view.error
          ? html`<div class="error" role="alert">
              ${uiIcon('alert-triangle', 16)}
              <span
                >${view.error.code === 'custom' && view.error.message ? view.error.message : strings.genericError}</span
              >
              ${
                view.error.allowRetry
                  ? html`<button class="text-button" type="button" @click=${() => controller.retry()}>
                      ${uiIcon('rotate-ccw', 14)} ${strings.retry}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        view.progress
          ? html`<div class="progress" role="status">
              ${
                view.progress.icon
                  ? html`<span aria-hidden="true">${uiIcon(view.progress.icon, 14)}</span>`
                  : html`<span class="spin" aria-hidden="true">${uiIcon('loader', 14)}</span>`
              }<span class="progress-text">${view.progress.text}</span>
            </div>`
          : view.status === 'streaming' && !view.pending.size
            ? html`<div class="progress typing" role="status" aria-label=${strings.thinking}>
                <span></span><span></span><span></span>
              </div>`
            : nothing
      }
    `;
  }

  override render() {
    const { view, strings } = this.ctx;
    const items = view.items;
    // Turns: a user message and what follows it. The last item of a turn that renders something ends it
    // (markers such as end_of_turn and unknown types render nothing, so they cannot take the actions).
    const turns: { user: string | null; items: ThreadItem[] }[] = [];
    for (const item of items) {
      if (item.type === 'user_message' || !turns.length) turns.push({ user: null, items: [] });
      const turn = turns[turns.length - 1];
      if (item.type === 'user_message') turn.user = item.id;
      if (RENDERED_TYPES.has(item.type)) turn.items.push(item);
    }
    const places = new Map<
      string,
      { endsTurn: boolean; turn: { user: string | null; items: ThreadItem[] } }
    >();
    for (const turn of turns) {
      turn.items.forEach((item, index) => {
        places.set(item.id, { endsTurn: index === turn.items.length - 1, turn });
      });
    }
    // Everything an item's rendering reads besides the item: unchanged, the item is not rendered again (a
    // streamed delta re-renders its own answer only, whatever the length of the thread).
    const { config, controller } = this.ctx;
    const busy = view.status === 'streaming' || view.status === 'cancelling';
    const widgetHost = controller.widgetHost;
    const imageProxyUrl = widgetHost.imageProxyUrl;
    return html`<div
        class="scroller"
        part="thread"
        role="log"
        aria-live="off"
        aria-label=${strings.conversation}
        aria-busy=${view.status === 'loading' ? 'true' : 'false'}
        tabindex="0"
        @scroll=${this.handleScroll}
        @wheel=${this.cancelFollowAction}
        @touchmove=${this.cancelFollowAction}
        @chatkit-widget-action-start=${this.handleWidgetAction}
      >
        <div class="content">
          ${
            view.loadingOlder ? html`<div class="older" role="status">${strings.loadingOlder}</div>` : nothing
          }
          ${
            view.status === 'loading' && !items.length
              ? html`<div class="older" role="status">${strings.loading}</div>`
              : nothing
          }
          ${repeat(
            items,
            (item) => item.id,
            (item) => {
              const place = places.get(item.id);
              if (!place) return nothing;
              const { endsTurn, turn } = place;
              const pending = view.pending.has(item.id);
              const deps = [
                // A generated image also follows the image policy (a click-to-load approval mutates it).
                item.type === 'generated_image' ? this.ctx : item,
                pending,
                endsTurn,
                turn.user,
                this.feedback.get(item.id),
                this.copiedId === item.id,
                this.expanded,
                strings,
                config,
                widgetHost,
                imageProxyUrl,
                view.allowedImageDomains,
                view.imageProgress[item.id],
                busy,
                // Workflows, tasks, tool calls and images render nothing until their renderers arrive.
                itemRenderersLoaded(),
                // The turn's last item copies the whole turn's text.
                ...(endsTurn ? turn.items : []),
              ];
              return guard(deps, () => {
                const rc = this.itemContext(pending, endsTurn, turn.user);
                return html`${renderItem(item, rc)}${renderTurnEndActions(item, turn.items, rc)}`;
              });
            },
          )}
          ${this.renderStatus()}
        </div>
      </div>
      ${
        this.atBottom
          ? nothing
          : html`<button
              class="jump icon-button"
              type="button"
              aria-label=${strings.jumpToLatest}
              @click=${this.jumpToLatest}
            >
              ${uiIcon('arrow-down', 16)}
            </button>`
      }`;
  }
}
