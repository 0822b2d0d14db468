/**
 * Resolves the element's color scheme: an explicit `light`/`dark` wins; `auto` follows
 * `prefers-color-scheme` live (the media query's change event). The result is written to the host's
 * `data-color-scheme` attribute, which the token stylesheet keys its dark values on.
 *
 * @internal
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ColorSchemeController implements ReactiveController {
  private query?: MediaQueryList;
  private preference: 'light' | 'dark' | 'auto' = 'light';

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** The scheme currently applied. */
  get scheme(): 'light' | 'dark' {
    if (this.preference !== 'auto') return this.preference;
    return this.query?.matches ? 'dark' : 'light';
  }

  /** Sets the preference and applies it. */
  set(preference: 'light' | 'dark' | 'auto'): void {
    this.preference = preference;
    this.apply();
  }

  hostConnected(): void {
    this.query = window.matchMedia('(prefers-color-scheme: dark)');
    this.query.addEventListener('change', this.handleChange);
    this.apply();
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.handleChange);
  }

  private handleChange = () => {
    if (this.preference === 'auto') {
      this.apply();
      this.host.requestUpdate();
    }
  };

  private apply() {
    this.host.setAttribute('data-color-scheme', this.scheme);
  }
}
