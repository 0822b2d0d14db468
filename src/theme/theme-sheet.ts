/**
 * Writes ChatKit's `theme` option into the root element's adopted stylesheet, with the theme compiler
 * (theme-option.ts) loaded on demand: most pages pass no theme object, or one that only names the color
 * scheme, and those never fetch it.
 *
 * No flash of the default theme: until the element has painted, a theme that waits for the compiler hides the
 * element (`visibility: hidden` in the same sheet, so nothing is laid out twice) and the compiled tokens
 * replace that rule in one step. After the first paint a new theme object keeps the current look until its
 * tokens are ready, so live theming never blanks the chat. Once the compiler is loaded, every write is
 * synchronous, as before.
 *
 * @internal
 * @module
 */
import type * as CompilerModule from './theme-option.js';
import type { ThemeOption } from './theme-option.js';

type Compiler = typeof CompilerModule;

let compiler: Compiler | undefined;
let loading: Promise<Compiler> | undefined;

/** Loads the theme compiler once (a failed load may be retried by the next write). */
export function loadThemeCompiler(): Promise<Compiler> {
  if (!loading) {
    loading = import('./theme-option.js').then((module) => (compiler = module));
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

/** The color scheme a theme option names, if it names a valid one (what `compileTheme` would report). */
export function themeScheme(option: ThemeOption): 'light' | 'dark' | undefined {
  return option.colorScheme === 'light' || option.colorScheme === 'dark' ? option.colorScheme : undefined;
}

/** Whether compiling the option can produce a declaration or a font (anything beyond the color scheme). */
function needsCompiler(option: ThemeOption): boolean {
  return Object.entries(option).some(([key, value]) => key !== 'colorScheme' && value != null);
}

/** Shown while a theme written before the first paint waits for the compiler. */
const HIDDEN = ':host{visibility:hidden}';

const latest = new WeakMap<CSSStyleSheet, number>();
let requests = 0;

/**
 * Compiles `option` into `sheet` (replacing what was there) and registers its fonts. Synchronous when the
 * option needs no compiler or the compiler is loaded; otherwise the sheet is hidden meanwhile if
 * `hideUntilWritten` (the element has not painted yet). The promise settles when this theme is in the sheet,
 * or a newer write superseded it; it rejects when the compiler cannot be loaded (the sheet is then emptied,
 * so the element shows with its default tokens rather than staying hidden).
 */
export function writeTheme(
  sheet: CSSStyleSheet,
  option: ThemeOption,
  hideUntilWritten: boolean,
): Promise<void> {
  const request = ++requests;
  latest.set(sheet, request);
  const apply = (theme: Compiler) => {
    const compiled = theme.compileTheme(option);
    sheet.replaceSync(theme.themeCss(compiled));
    theme.loadFonts(compiled.fonts);
  };
  if (!needsCompiler(option)) {
    sheet.replaceSync('');
    return Promise.resolve();
  }
  if (compiler) {
    apply(compiler);
    return Promise.resolve();
  }
  if (hideUntilWritten) sheet.replaceSync(HIDDEN);
  return loadThemeCompiler().then(
    (theme) => {
      if (latest.get(sheet) === request) apply(theme);
    },
    (error: unknown) => {
      if (latest.get(sheet) === request && hideUntilWritten) sheet.replaceSync('');
      throw error;
    },
  );
}
