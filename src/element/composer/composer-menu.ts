/**
 * The composer's popup menus (the tool menu and the model picker), following the WAI-ARIA menu button
 * pattern: the trigger has `aria-haspopup="menu"` and `aria-expanded`; opening moves focus to the checked
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
import { uiIcon } from '../shared/ui-icon.js';
import { adoptMoreStyles } from '../shared/shared.styles.js';
import { menuStyles } from './menu.styles.js';

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
}
