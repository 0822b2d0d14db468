/**
 * Everything about how `<chatkit-chat>` looks and speaks: the language (strings loaded on demand, `lang` and
 * `dir` on the host), the color scheme, the compiled `theme` option (a constructable stylesheet the shadow root
 * adopts, swapped in place — never a `<style>` element, never a remount) and branding from `branding-url`.
 *
 * @internal
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit } from '../../events.js';
import { directionOf, loadStrings, resolveLanguage } from '../../i18n/localize.js';
import { en, type Strings } from '../../i18n/strings.js';
import type { ThemeOption } from '../../theme/theme-option.js';
import { themeScheme, writeTheme } from '../../theme/theme-sheet.js';
import { loadBranding, type Branding } from '../chatkit-chat/branding.js';
import { ColorSchemeController } from './color-scheme-controller.js';

/** The inputs, read fresh on every apply (attributes and options may change at any time). */
export interface AppearanceInputs {
  /** The `theme` option, or the attribute when the option is unset. */
  theme: 'light' | 'dark' | 'auto' | ThemeOption;
  /** The attribute's scheme, used when a theme option object names none. */
  themeAttribute: 'light' | 'dark' | 'auto';
  locale: string;
  brandingUrl: string | null;
  fetch: typeof fetch;
}

export class AppearanceController implements ReactiveController {
  /** Strings of the current language (English until another language has loaded). */
  strings: Strings = en;
  /** Branding loaded from `branding-url` (empty without one). */
  branding: Branding = {};
  /** The compiled theme option; the root adopts it after its static styles. */
  readonly sheet = new CSSStyleSheet();
  readonly colorScheme: ColorSchemeController;
  /** Settles when the last applied theme is in {@link sheet} (its compiler loads on demand: theme-sheet.ts). */
  private themed: Promise<void> = Promise.resolve();

  /** Set after the first frame was painted: from then on a theme waiting for its compiler does not hide. */
  private painted = false;
  private paintWatch = false;

  private brandingAbort?: AbortController;
  private localeRequest = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly inputs: () => AppearanceInputs,
  ) {
    host.addController(this);
    this.colorScheme = new ColorSchemeController(host);
  }

  hostUpdated(): void {
    if (this.paintWatch) return;
    this.paintWatch = true;
    // A task queued from an animation frame callback runs after that frame's paint.
    requestAnimationFrame(() => setTimeout(() => (this.painted = true)));
  }

  hostDisconnected(): void {
    this.brandingAbort?.abort();
  }

  /** Sets `lang`/`dir` and loads the language's strings; a newer call wins over a slower older one. */
  async applyLocale(): Promise<void> {
    const locale = this.inputs().locale;
    this.host.setAttribute('dir', directionOf(locale));
    this.host.setAttribute('lang', locale);
    const request = ++this.localeRequest;
    const strings = await loadStrings(resolveLanguage(locale));
    if (request !== this.localeRequest) return;
    this.strings = strings;
    this.host.requestUpdate();
  }

  /** Compiles the theme option (plus the branding color) into the adopted sheet and sets the scheme. */
  applyTheme(): void {
    const { theme, themeAttribute } = this.inputs();
    const option: ThemeOption = typeof theme === 'object' && theme ? theme : {};
    const primary = this.branding.primaryColor;
    // The option's own accent wins over the brand color.
    const effective = primary ? { ...option, color: { accent: { primary }, ...option.color } } : option;
    this.colorScheme.set(typeof theme === 'string' ? theme : (themeScheme(option) ?? themeAttribute));
    this.themed = writeTheme(this.sheet, effective, !this.painted).catch((error: unknown) => {
      emit(this.host, 'chatkit.log', { name: 'theme.failed', data: { message: String(error) } });
    });
  }

  /** Resolves once the theme applied last (also one applied while waiting) is in the sheet. */
  async themeSettled(): Promise<void> {
    let current;
    do await (current = this.themed);
    while (current !== this.themed);
  }

  /** Loads branding (or clears it) and re-applies the theme with its color. */
  async applyBranding(): Promise<void> {
    this.brandingAbort?.abort();
    const { brandingUrl, fetch: fetchImpl } = this.inputs();
    if (!brandingUrl) {
      this.branding = {};
      this.applyTheme();
      this.host.requestUpdate();
      return;
    }
    const abort = (this.brandingAbort = new AbortController());
    try {
      this.branding = await loadBranding(brandingUrl, fetchImpl, abort.signal, this.host);
      this.applyTheme();
      this.host.requestUpdate();
    } catch (error) {
      if (!abort.signal.aborted) {
        emit(this.host, 'chatkit.log', { name: 'branding.failed', data: { message: String(error) } });
      }
    }
  }
}
