/**
 * Compiles ChatKit's `theme` option (colorScheme, color {grayscale, accent, surface}, radius, density,
 * typography incl. fontSources) into `--chatkit-*` token values. The root element puts the result in its own
 * constructable stylesheet (adopted by the shadow root, never a `<style>` element, so a strict CSP works) and
 * swaps it on every change: the element is never remounted and the conversation survives.
 *
 * We set the private per-scheme `--_ck-*` defaults for colors, so a host page that sets `--chatkit-accent`
 * in its own CSS still wins over the option, as it does over our built-in values.
 *
 * @module
 */

/** A web font to load through the FontFace API (ChatKit's `FontObject`). */
export interface FontSource {
  family: string;
  src: string;
  weight?: string | number;
  style?: 'normal' | 'italic' | 'oblique';
  display?: 'auto' | 'block' | 'swap' | 'fallback' | 'optional';
  unicodeRange?: string;
}

/** ChatKit's `ThemeOption`. */
export interface ThemeOption {
  colorScheme?: 'light' | 'dark';
  color?: {
    /** hue 0–360, tint 0–9 (how colorful the grays are), shade −4…4 (lighter/darker surfaces). */
    grayscale?: { hue: number; tint: number; shade?: number };
    /** primary: any CSS color; level 0–3: how strongly the accent is used for the hover state. */
    accent?: { primary: string; level?: number };
    surface?: { background: string; foreground: string };
  };
  radius?: 'pill' | 'round' | 'soft' | 'sharp';
  density?: 'compact' | 'normal' | 'spacious';
  typography?: {
    baseSize?: number;
    fontFamily?: string;
    fontFamilyMono?: string;
    fontSources?: FontSource[];
  };
}

/** The compiled form: token declarations for light and dark, and fonts to register. */
export interface CompiledTheme {
  colorScheme?: 'light' | 'dark';
  light: Record<string, string>;
  dark: Record<string, string>;
  fonts: FontSource[];
}

const RADII: Record<NonNullable<ThemeOption['radius']>, [string, string, string]> = {
  pill: ['20px', '999px', '28px'],
  round: ['14px', '10px', '22px'],
  soft: ['10px', '6px', '14px'],
  sharp: ['2px', '0px', '4px'],
};

const DENSITY: Record<NonNullable<ThemeOption['density']>, string> = {
  compact: '3px',
  normal: '4px',
  spacious: '5px',
};

/** Characters that could end a declaration or open a new rule; values containing them are dropped. */
const UNSAFE_VALUE = /[;{}<>\\]|url\s*\(|expression\s*\(|\/\*/i;

/** Whether a value may be written into a declaration (and, in a browser, is a valid color when asked). */
export function isSafeCssValue(value: unknown, kind?: 'color'): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200 || UNSAFE_VALUE.test(value)) {
    return false;
  }
  if (kind === 'color' && typeof CSS !== 'undefined' && typeof CSS.supports === 'function') {
    return CSS.supports('color', value);
  }
  return true;
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.min(max, Math.max(min, n));
}

/** Surfaces, text and borders from a hue and tint, for one scheme. */
function grayscale(hue: number, tint: number, shade: number, dark: boolean): Record<string, string> {
  const s = (k: number) => `${Math.round(tint * k)}%`;
  const h = Math.round(hue);
  const l = (light: number, darkL: number) =>
    `${(dark ? darkL - shade * 1.5 : light + shade * 0.8).toFixed(1)}%`;
  const hsl = (sat: number, light: number, darkL: number) => `hsl(${h} ${s(sat)} ${l(light, darkL)})`;
  return {
    '--_ck-surface': hsl(2, 100, 10),
    '--_ck-surface-secondary': hsl(3, 97, 13),
    '--_ck-surface-tertiary': hsl(3.5, 93.5, 17),
    '--_ck-surface-elevated': hsl(2, 100, 14),
    '--_ck-text': hsl(4, 9, 94),
    '--_ck-text-secondary': hsl(3, 33, 76),
    '--_ck-text-tertiary': hsl(2.5, 45, 60),
    '--_ck-border': hsl(3, 88, 23),
    '--_ck-border-subtle': hsl(3, 93, 18),
    '--_ck-border-strong': hsl(3, 79, 32),
    '--_ck-user-bubble-background': hsl(5, 94, 20),
    '--_ck-widget-surface': hsl(2, 100, 12),
    '--_ck-widget-border': hsl(3, 89, 22),
  };
}

/** Relative luminance of a `#rgb`/`#rrggbb` color, or null for other notations. */
function luminance(color: string): number | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Compiles a theme option. Invalid values are skipped, never written. */
export function compileTheme(option: ThemeOption | null | undefined): CompiledTheme {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  const both = (name: string, value: string) => {
    light[name] = value;
    dark[name] = value;
  };
  const result: CompiledTheme = { light, dark, fonts: [] };
  if (!option || typeof option !== 'object') return result;
  if (option.colorScheme === 'light' || option.colorScheme === 'dark')
    result.colorScheme = option.colorScheme;

  const gray = option.color?.grayscale;
  if (gray && typeof gray === 'object') {
    const hue = clamp(gray.hue, 0, 360, 220);
    const tint = clamp(gray.tint, 0, 9, 0);
    const shade = clamp(gray.shade, -4, 4, 0);
    Object.assign(light, grayscale(hue, tint, shade, false));
    Object.assign(dark, grayscale(hue, tint, shade, true));
    light['--_ck-user-bubble-text'] = light['--_ck-text'];
    light['--_ck-assistant-bubble-text'] = light['--_ck-text'];
    dark['--_ck-user-bubble-text'] = dark['--_ck-text'];
    dark['--_ck-assistant-bubble-text'] = dark['--_ck-text'];
  }

  const accent = option.color?.accent;
  if (accent && isSafeCssValue(accent.primary, 'color')) {
    const level = clamp(accent.level, 0, 3, 1);
    both('--_ck-accent', accent.primary);
    both('--_ck-accent-hover', `color-mix(in srgb, ${accent.primary} ${100 - 6 * (level + 1)}%, black)`);
    const lum = luminance(accent.primary);
    both('--_ck-accent-contrast', lum !== null && lum > 0.45 ? '#111111' : '#ffffff');
  }

  const surface = option.color?.surface;
  if (surface && isSafeCssValue(surface.background, 'color') && isSafeCssValue(surface.foreground, 'color')) {
    both('--_ck-surface', surface.background);
    both('--_ck-surface-elevated', surface.background);
    both('--_ck-widget-surface', surface.background);
    both('--_ck-text', surface.foreground);
    both('--_ck-user-bubble-text', surface.foreground);
    both('--_ck-assistant-bubble-text', surface.foreground);
    both('--_ck-surface-secondary', `color-mix(in srgb, ${surface.foreground} 5%, ${surface.background})`);
    both('--_ck-surface-tertiary', `color-mix(in srgb, ${surface.foreground} 9%, ${surface.background})`);
    both('--_ck-text-secondary', `color-mix(in srgb, ${surface.foreground} 75%, ${surface.background})`);
    both('--_ck-text-tertiary', `color-mix(in srgb, ${surface.foreground} 58%, ${surface.background})`);
    both('--_ck-border', `color-mix(in srgb, ${surface.foreground} 14%, ${surface.background})`);
    both(
      '--_ck-user-bubble-background',
      `color-mix(in srgb, ${surface.foreground} 8%, ${surface.background})`,
    );
  }

  if (option.radius && option.radius in RADII) {
    const [radius, small, large] = RADII[option.radius];
    both('--chatkit-radius', radius);
    both('--chatkit-radius-sm', small);
    both('--chatkit-radius-lg', large);
  }
  if (option.density && option.density in DENSITY) both('--chatkit-spacing', DENSITY[option.density]);

  const typography = option.typography;
  if (typography && typeof typography === 'object') {
    if (typeof typography.baseSize === 'number') {
      both('--chatkit-font-size', `${clamp(typography.baseSize, 12, 22, 15)}px`);
    }
    if (isSafeCssValue(typography.fontFamily)) both('--chatkit-font-family', typography.fontFamily);
    if (isSafeCssValue(typography.fontFamilyMono))
      both('--chatkit-font-family-mono', typography.fontFamilyMono);
    if (Array.isArray(typography.fontSources)) {
      result.fonts = typography.fontSources.filter(
        (font) => font && typeof font.family === 'string' && typeof font.src === 'string',
      );
    }
  }
  return result;
}

/** The stylesheet text of a compiled theme (only safe values ever reach it). */
export function themeCss(theme: CompiledTheme): string {
  const block = (selector: string, tokens: Record<string, string>) => {
    const body = Object.entries(tokens)
      .map(([name, value]) => `${name}: ${value};`)
      .join(' ');
    return body ? `${selector} { ${body} }` : '';
  };
  return [block(':host', theme.light), block(":host([data-color-scheme='dark'])", theme.dark)].join('\n');
}

const loadedFonts = new Set<string>();

/**
 * Registers font sources with `document.fonts` (FontFace API; no `<style>`/`@font-face` injection). Only
 * http(s) and `data:font/` URLs are accepted. Each family/src pair is added once per page.
 */
export function loadFonts(fonts: FontSource[]): void {
  if (typeof FontFace === 'undefined' || typeof document === 'undefined') return;
  for (const font of fonts) {
    const key = `${font.family}|${font.src}|${font.weight ?? ''}|${font.style ?? ''}`;
    if (loadedFonts.has(key)) continue;
    let url: URL;
    try {
      url = new URL(font.src, document.baseURI);
    } catch {
      continue;
    }
    const dataFont = url.protocol === 'data:' && /^data:(font|application)\//i.test(url.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:' && !dataFont) continue;
    loadedFonts.add(key);
    const descriptors: FontFaceDescriptors = {};
    if (font.weight !== undefined) descriptors.weight = String(font.weight);
    if (font.style) descriptors.style = font.style;
    if (font.display) descriptors.display = font.display;
    if (font.unicodeRange) descriptors.unicodeRange = font.unicodeRange;
    const face = new FontFace(font.family, `url(${JSON.stringify(url.href)})`, descriptors);
    document.fonts.add(face);
    face.load().catch(() => loadedFonts.delete(key));
  }
}
