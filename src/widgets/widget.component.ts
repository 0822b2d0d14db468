/**
 * `<chatkit-widget>`: renders one widget item (§7) and turns its actions into {@link WidgetHost} calls.
 *
 * @module
 */
import { html, LitElement, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { ActionConfig, WidgetItem } from '../protocol/types.js';
import { collectValues, mergeValues, validate } from './form-values.js';
import { renderChildren, renderNode } from './registry.js';
import { labelledFields, type ActionSite, type RenderContext } from './render-context.js';
import { oneOf, type Scheme } from './values.js';
import { DEFAULT_WIDGET_STRINGS } from './widget-strings.js';
import { widgetStyles } from './widget.styles.js';
import { provideChatkitIcons } from '../internal/icons.js';
import { CHATKIT_ICON_DATA } from '../internal/icon-data-chatkit.js';
import { provideImagePolicy } from '../internal/url.js';
import { IMAGE_POLICY } from '../internal/image-policy.js';
import type { ResolvedLoadingBehavior, WidgetActionRequest, WidgetHost } from './widget-host.js';

// Widgets name any ChatKit icon: their data comes with the renderer (the element itself ships only its UI icons).
provideChatkitIcons(CHATKIT_ICON_DATA);
// And the image decisions the element's widget host answers with (see provideImagePolicy).
provideImagePolicy(IMAGE_POLICY);

/** `loadingBehavior: "auto"` per binding site (§7.3). */
const AUTO_LOADING: Record<ActionSite, ResolvedLoadingBehavior> = {
  click: 'self',
  item: 'self',
  change: 'none',
  confirm: 'container',
  submit: 'container',
  cancel: 'container',
};

/** Detail of the `chatkit-widget-log` event, shaped for ChatKit's `chatkit.log` (`{name, data}`). */
export interface WidgetLogDetail {
  /** A stable name: `widget.form.collision`, `widget.action.failed`, `widget.action.no_host`. */
  name: string;
  level: 'warn' | 'error';
  /** What happened, plus the specifics (`message` is repeated here so `chatkit.log` listeners see it). */
  data: { message: string; [key: string]: unknown };
}

type FormElement = HTMLElement & { ckSubmit?: ActionConfig | null; ckSite?: ActionSite };

let instances = 0;

/**
 * Renders a ChatKit widget item: every component of §7.5, forms (§7.4), actions (§7.3) with loading states,
 * and live updates that keep what the user typed and where the focus is.
 *
 * @summary One server-driven widget.
 * @event chatkit-widget-log - {WidgetLogDetail} A problem worth logging (form value dropped by a payload
 *   collision, an action that failed); bubbles and is composed so the root element can forward it.
 * @csspart widget - The widget's outer box.
 * @internal
 */
export class ChatkitWidget extends LitElement {
  static override styles = widgetStyles;
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    containerBusy: { state: true, attribute: false },
    item: { attribute: false },
    host: { attribute: false },
  };

  private readonly uid = `ckw${++instances}-`;
  private schemeObserver?: MutationObserver;
  private readonly ui = new Map<string, unknown>();
  private autofocusDone = false;

  /** Pending actions whose loading state covers the whole widget. */
  private containerBusy = 0;

  /** The widget item to render; a new object (or a new `widget` tree) re-renders it. */
  item?: WidgetItem;

  /** The root element's services: action dispatch, image policy, color scheme, locale. */
  host?: WidgetHost;

  override connectedCallback(): void {
    super.connectedCallback();
    // Why: outside `<chatkit-chat>` (gallery, tests) no `--chatkit-*` tokens are inherited, so the widget
    // declares its own; inside it, the inherited (possibly customised) tokens must win.
    this.removeAttribute('data-standalone');
    if (getComputedStyle(this).getPropertyValue('--chatkit-text').trim() === '') {
      this.setAttribute('data-standalone', '');
    }
    // Why: the root keeps one host object whose `colorScheme` is a getter, so a scheme switch changes no
    // property here. `ThemeColor` values are resolved in script, so watch the chat's scheme attribute.
    const chat = this.schemeSource();
    if (chat) {
      this.schemeObserver = new MutationObserver(() => this.requestUpdate('host'));
      this.schemeObserver.observe(chat, { attributes: true, attributeFilter: ['data-color-scheme'] });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.schemeObserver?.disconnect();
    this.schemeObserver = undefined;
  }

  /** The nearest ancestor (across shadow roots) that carries the chat's `data-color-scheme`. */
  private schemeSource(): Element | null {
    let node: Node | null = this.parentNode;
    while (node) {
      if (node instanceof Element && node.hasAttribute('data-color-scheme')) return node;
      node = node instanceof ShadowRoot ? node.host : node.parentNode;
    }
    return null;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('item') && !changed.has('host')) return;
    const forced = oneOf(this.item?.widget?.theme, ['light', 'dark'] as const);
    const hostScheme = this.host?.colorScheme ?? 'light';
    this.setAttribute('data-color-scheme', forced ?? hostScheme);
    // A root's `theme` that differs from the chat's scheme needs that scheme's token values.
    this.toggleAttribute(
      'data-own-tokens',
      this.hasAttribute('data-standalone') || (!!forced && forced !== hostScheme),
    );
  }

  protected override updated(): void {
    if (this.autofocusDone || !this.item) return;
    this.autofocusDone = true;
    // Why here: `autofocus` is not honoured for elements inserted after page load (or in shadow trees).
    this.renderRoot.querySelector<HTMLElement>('[autofocus]')?.focus();
  }

  private get scheme(): Scheme {
    return this.getAttribute('data-color-scheme') === 'dark' ? 'dark' : 'light';
  }

  private log(level: WidgetLogDetail['level'], name: string, message: string, data: object = {}): void {
    this.dispatchEvent(
      new CustomEvent<WidgetLogDetail>('chatkit-widget-log', {
        bubbles: true,
        composed: true,
        detail: { name, level, data: { message, ...data } },
      }),
    );
  }

  private setSelfLoading(source: HTMLElement, on: boolean): void {
    source.classList.toggle('loading', on);
    if (on) source.setAttribute('aria-busy', 'true');
    else source.removeAttribute('aria-busy');
    if ('disabled' in source) {
      const control = source as HTMLButtonElement;
      if (on) {
        source.dataset.wasDisabled = String(control.disabled);
        control.disabled = true;
      } else {
        control.disabled = source.dataset.wasDisabled === 'true';
        delete source.dataset.wasDisabled;
      }
    } else {
      source.toggleAttribute('aria-disabled', on);
    }
  }

  /** Applies defaults, resolves `auto`, merges form values, shows the loading state and dispatches. */
  private fire(config: ActionConfig | undefined | null, site: ActionSite, source: HTMLElement): void {
    if (!config || typeof config !== 'object' || typeof config.type !== 'string' || !this.item) return;
    // A control showing its own loading state is busy (rows cannot be disabled, so guard here).
    if (source.classList.contains('loading')) return;
    if (!this.host) {
      this.log('error', 'widget.action.no_host', `Widget action "${config.type}" fired without a host`);
      return;
    }
    const behavior = oneOf(config.loadingBehavior, ['auto', 'none', 'self', 'container'] as const) ?? 'auto';
    const loading = behavior === 'auto' ? AUTO_LOADING[site] : behavior;
    let payload: unknown = config.payload ?? null;
    const form = source.closest<FormElement>('[data-form]');
    if (form) {
      const merged = mergeValues(payload, collectValues(form));
      payload = merged.payload;
      for (const { name } of merged.collisions) {
        this.log(
          'warn',
          'widget.form.collision',
          `Form value "${name}" dropped: the action payload already has that key`,
          {
            field: name,
            action: config.type,
          },
        );
      }
    }
    const request: WidgetActionRequest = {
      action: {
        type: config.type,
        handler: config.handler === 'client' ? 'client' : 'server',
        loadingBehavior: behavior,
        streaming: config.streaming !== false,
        payload,
      },
      item: this.item,
      source,
      loading,
    };
    if (loading === 'self') this.setSelfLoading(source, true);
    if (loading === 'container') this.containerBusy++;
    // The thread brings the action's result into view (new items below, or this widget when replaced).
    this.dispatchEvent(new Event('chatkit-widget-action-start', { bubbles: true, composed: true }));
    let pending: Promise<void>;
    try {
      pending = Promise.resolve(this.host.dispatchAction(request));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending
      .catch((error: unknown) =>
        this.log('error', 'widget.action.failed', `Widget action "${config.type}" failed`, {
          action: config.type,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        if (loading === 'self') this.setSelfLoading(source, false);
        if (loading === 'container') {
          this.containerBusy--;
          if (this.containerBusy === 0) void this.restoreFocus(source);
        }
      });
  }

  /**
   * Why: an inert widget drops focus to the page; once it is interactive again, focus returns to the control
   * that fired (or, if a live update replaced it, stays where the user left it).
   */
  private async restoreFocus(source: HTMLElement): Promise<void> {
    await this.updateComplete;
    const active = this.shadowRoot?.activeElement;
    const onPage = document.activeElement === document.body || document.activeElement === null;
    if (!active && onPage && source.isConnected && this.shadowRoot?.contains(source)) {
      // Why preventScroll: the card may sit above the fold now; scrolling back to it would hide the action's
      // result below (the thread scrolls that into view).
      source.focus({ preventScroll: true });
    }
  }

  private submit(source: HTMLElement, fallback?: ActionConfig | null): void {
    const form = source.closest<FormElement>('[data-form]');
    const config = form?.ckSubmit ?? fallback;
    if (!config) return;
    if (form && !validate(form, this.context().strings)) return;
    this.fire(config, form?.ckSubmit ? (form.ckSite ?? 'submit') : 'click', source);
  }

  private context(): RenderContext {
    const ctx: RenderContext = {
      host: this.host!,
      scheme: this.scheme,
      uid: this.uid,
      ui: this.ui,
      labelled: labelledFields(this.item?.widget),
      strings: this.host?.strings
        ? { ...DEFAULT_WIDGET_STRINGS, ...this.host.strings }
        : DEFAULT_WIDGET_STRINGS,
      node: (n) => renderNode(n, ctx),
      children: (nodes) => renderChildren(nodes, ctx),
      fire: (config, site, source) => this.fire(config, site, source),
      submit: (source, fallback) => this.submit(source, fallback),
      requestUpdate: () => this.requestUpdate(),
    };
    return ctx;
  }

  override render(): unknown {
    const root = this.item?.widget;
    if (!root || !this.host) return nothing;
    const busy = this.containerBusy > 0;
    return html`<div
      part="widget"
      class="widget${busy ? ' busy' : ''}"
      ?inert=${busy}
      aria-busy=${busy ? 'true' : nothing}
    >
      ${renderNode(root, this.context())}
    </div>`;
  }
}
