/**
 * The composer's tool chips and popup menus (the tool menu and the model picker), loaded on demand once tools
 * or models are configured. The menus follow the WAI-ARIA menu
 * button pattern: the trigger has `aria-haspopup="menu"` and `aria-expanded`; opening moves focus to the checked
 * item (or the first); Arrow keys, Home and End move between items; Enter/Space choose; Escape closes and
 * returns focus to the trigger; Tab or a click outside closes. Items are `menuitemradio`s with an optional
 * icon and a description line (ChatKit's model `description`).
 *
 * @internal
 * @module
 */
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { ComposerTool } from '../chatkit-chat/options.js';
import { uiIcon } from '../shared/ui-icon.js';
import { adoptMoreStyles } from '../shared/shared.styles.js';
import { menuStyles } from './menu.styles.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

/** One choice of a menu. */
export interface MenuItem {
  id: string;
  label: string;
  description?: string;
  icon?: string;
  checked: boolean;
  disabled?: boolean;
}

/** What a menu shows and does. */
export interface MenuSpec {
  /** Distinguishes the composer's menus (ids and which one is open). */
  key: string;
  /** Accessible name of the menu. */
  label: string;
  /** Visible content of the trigger button. */
  trigger: TemplateResult | string;
  /** Accessible name of the trigger when its visible content is not enough (e.g. "Model: Fast"). */
  triggerLabel?: string;
  /** Extra `part` names of the trigger. */
  part: string;
  items: MenuItem[];
  onSelect: (id: string) => void;
}

export class ComposerMenus implements ReactiveController {
  /** The key of the open menu, if any. */
  open: string | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    adoptMoreStyles(host, menuStyles);
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    if (!this.open) return;
    const menu = this.root()?.querySelector(`[data-menu="${this.open}"]`);
    if (menu && event.composedPath().includes(menu)) return;
    this.close(false);
  };

  hostConnected(): void {
    document.addEventListener('pointerdown', this.onPointerDown, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.onPointerDown, true);
  }

  private root(): ShadowRoot | null {
    return this.host.shadowRoot;
  }

  private items(key: string): HTMLElement[] {
    return [
      ...(this.root()?.querySelectorAll<HTMLElement>(`#menu-${key} [role^="menuitem"]:not([disabled])`) ??
        []),
    ];
  }

  private async show(key: string) {
    this.open = key;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const items = this.items(key);
    (items.find((item) => item.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
  }

  /** Closes the open menu; `refocus` puts focus back on its trigger. */
  close(refocus: boolean): void {
    const key = this.open;
    if (!key) return;
    this.open = null;
    this.host.requestUpdate();
    if (refocus) this.root()?.querySelector<HTMLElement>(`#menu-${key}-trigger`)?.focus();
  }

  private handleKeyDown(event: KeyboardEvent, key: string) {
    const items = this.items(key);
    const index = items.indexOf(this.root()?.activeElement as HTMLElement);
    let next = -1;
    switch (event.key) {
      case 'ArrowDown':
        next = (index + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (index - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.close(true);
        return;
      case 'Tab':
        this.close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    items[next]?.focus();
  }

  private handleTriggerKeyDown(event: KeyboardEvent, key: string) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.show(key);
  }

  /** The trigger button and, while open, the menu. */
  render(spec: MenuSpec): TemplateResult {
    const { key } = spec;
    const expanded = this.open === key;
    return html`<div class="menu-anchor" data-menu=${key}>
      <button
        id="menu-${key}-trigger"
        part="composer-menu-button ${spec.part}"
        class="chip menu-trigger"
        type="button"
        aria-haspopup="menu"
        aria-label=${spec.triggerLabel ?? nothing}
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls=${expanded ? `menu-${key}` : nothing}
        @click=${() => (expanded ? this.close(false) : void this.show(key))}
        @keydown=${(e: KeyboardEvent) => this.handleTriggerKeyDown(e, key)}
      >
        ${spec.trigger} ${uiIcon('chevron-down', 12)}
      </button>
      ${
        expanded
          ? html`<div
              id="menu-${key}"
              part="composer-menu"
              class="menu"
              role="menu"
              aria-label=${spec.label}
              @keydown=${(e: KeyboardEvent) => this.handleKeyDown(e, key)}
            >
              ${spec.items.map(
                (item) =>
                  html`<button
                    part="composer-menu-item"
                    class="menu-item"
                    type="button"
                    role="menuitemradio"
                    tabindex="-1"
                    data-id=${item.id}
                    aria-checked=${item.checked ? 'true' : 'false'}
                    ?disabled=${item.disabled}
                    @click=${() => {
                      spec.onSelect(item.id);
                      this.close(true);
                    }}
                  >
                    ${item.icon ? uiIcon(item.icon, 16) : nothing}
                    <span class="menu-text"
                      ><span class="menu-label">${item.label}</span>${
                        item.description
                          ? html`<span class="menu-description">${item.description}</span>`
                          : nothing
                      }</span
                    >
                    <span class="menu-check">${item.checked ? uiIcon('check', 14) : nothing}</span>
                  </button>`,
              )}
            </div>`
          : nothing
      }
    </div>`;
  }

  private renderToolChip(ctx: ChatContextValue, tool: ComposerTool, selected: boolean) {
    const { controller } = ctx;
    return html`<button
      type="button"
      part="tool-chip"
      class="chip"
      data-tool=${tool.id}
      aria-pressed=${selected ? 'true' : 'false'}
      title=${tool.shortLabel ? tool.label : nothing}
      @click=${() => controller.selectTool(selected ? null : tool.id)}
    >
      ${tool.icon ? uiIcon(tool.icon, 14) : nothing}${tool.shortLabel ?? tool.label}
    </button>`;
  }

  /**
   * Pinned tools are chips; the others are in the Tools menu (ChatKit's `pinned`). A tool chosen from the
   * menu shows as a pressed chip too, so the user sees what the next message uses and can turn it off.
   */
  renderPickers(ctx: ChatContextValue) {
    const { config, strings, controller, selectedTool, selectedModel } = ctx;
    if (!config.tools.length && !config.models.length) return nothing;
    const pinned = config.tools.filter((tool) => tool.pinned);
    const unpinned = config.tools.filter((tool) => !tool.pinned);
    const chosen = unpinned.find((tool) => tool.id === selectedTool);
    const currentModel =
      config.models.find((m) => m.id === selectedModel) ??
      config.models.find((m) => m.default) ??
      config.models[0];
    return html`<div class="pickers">
      ${
        unpinned.length
          ? this.render({
              key: 'tools',
              label: strings.tools,
              part: 'tools-button',
              trigger: html`${uiIcon('plus', 14)}<span>${strings.tools}</span>`,
              items: unpinned.map((tool) => ({
                id: tool.id,
                label: tool.label,
                ...(tool.icon ? { icon: tool.icon } : {}),
                checked: tool.id === selectedTool,
              })),
              onSelect: (id) => controller.selectTool(id === selectedTool ? null : id),
            })
          : nothing
      }
      ${pinned.map((tool) => this.renderToolChip(ctx, tool, selectedTool === tool.id))}
      ${chosen ? this.renderToolChip(ctx, chosen, true) : nothing}
      ${
        currentModel
          ? html`<span class="spacer"></span>${this.render({
                key: 'models',
                label: strings.model,
                triggerLabel: `${strings.model}: ${currentModel.label}`,
                part: 'model-button',
                trigger: html`<span>${currentModel.label}</span>`,
                items: config.models.map((model) => ({
                  id: model.id,
                  label: model.label,
                  ...(model.description ? { description: model.description } : {}),
                  checked: model.id === currentModel.id,
                  ...(model.disabled ? { disabled: true } : {}),
                })),
                onSelect: (id) => controller.selectModel(id),
              })}`
          : nothing
      }
    </div>`;
  }
}
