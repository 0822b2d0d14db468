/**
 * The shared widget value types of PROTOCOL §7.2 turned into CSS: spacing units, sizes, radii, borders and
 * colors (design tokens, palette names, `ThemeColor` pairs, raw CSS). Every string that reaches a style passes
 * {@link safeCss}, so a raw value can never leave its declaration; styles are applied through CSSOM (`cssProps`, strict-CSP safe).
 *
 * @module
 */
import type { Border, Borders, Spacing, WidgetColor } from '../protocol/types.js';

/** A style object for `cssProps` (kebab-case property → value). */
export type Styles = Record<string, string | undefined>;

/** The color scheme a widget renders in. */
export type Scheme = 'light' | 'dark';

// Why a denylist on top of CSS.supports: defence in depth, and CSS.supports is absent outside browsers.
const CSS_DENY = /[;{}<>\\]|\/\*|url\s*\(|expression\s*\(|image-set\s*\(|@import|javascript:|var\s*\(/i;

/**
 * Returns `value` when it is a single harmless CSS value for `property`, else `undefined`. Rejects
 * declaration/block breakouts (`;`, `}`), comments, `url(`, `expression(`, `</`, custom-property references
 * (they could pull in values the author did not choose) and anything the browser does not parse as a value
 * of that property.
 */
export function safeCss(property: string, value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 200 || CSS_DENY.test(trimmed)) return undefined;
  if (typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && !CSS.supports(property, trimmed)) {
    return undefined;
  }
  return trimmed;
}

/** A length: numbers are px, strings raw CSS (validated for `property`). */
export function size(value: unknown, property = 'width'): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}px` : undefined;
  return safeCss(property, value);
}

/** A spacing value: numbers are spacing units (multiples of `--chatkit-spacing`), strings raw CSS. */
export function space(value: unknown, property = 'padding-top'): string | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `calc(var(--chatkit-spacing) * ${value})` : undefined;
  }
  return safeCss(property, value);
}

/** `padding`/`margin` as per-side declarations from a number, a string or a {@link Spacing}. */
export function spacing(prefix: 'padding' | 'margin', value: unknown): Styles {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object') return { [prefix]: space(value, prefix) };
  const s = value as Spacing;
  const side = (own: unknown, axis: unknown, name: string): Styles => {
    const v = space(own ?? axis, `${prefix}-${name}`);
    return v === undefined ? {} : { [`${prefix}-${name}`]: v };
  };
  return {
    ...side(s.top, s.y, 'top'),
    ...side(s.bottom, s.y, 'bottom'),
    ...side(s.left, s.x, 'left'),
    ...side(s.right, s.x, 'right'),
  };
}

const RADII: Record<string, string> = {
  none: '0',
  '2xs': '2px',
  xs: '4px',
  sm: 'var(--chatkit-radius-sm)',
  md: 'var(--chatkit-radius)',
  lg: 'var(--chatkit-radius-lg)',
  xl: '22px',
  '2xl': '26px',
  '3xl': '32px',
  '4xl': '40px',
  full: '9999px',
  '100%': '100%',
};

/** A {@link RadiusValue} as CSS, or `undefined` for anything else. */
export function radius(value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(RADII, value) ? RADII[value] : undefined;
}

const TOKEN_COLORS: Record<string, string> = {
  prose: 'var(--chatkit-text)',
  primary: 'var(--chatkit-text)',
  emphasis: 'var(--chatkit-text)',
  secondary: 'var(--chatkit-text-secondary)',
  tertiary: 'var(--chatkit-text-tertiary)',
  success: 'var(--chatkit-success)',
  warning: 'var(--chatkit-warning)',
  caution: 'var(--chatkit-warning)',
  danger: 'var(--chatkit-danger)',
  info: 'var(--chatkit-info)',
  discovery: 'var(--chatkit-discovery)',
  accent: 'var(--chatkit-accent)',
  surface: 'var(--chatkit-widget-surface)',
  'surface-secondary': 'var(--chatkit-surface-secondary)',
  'surface-tertiary': 'var(--chatkit-surface-tertiary)',
  'surface-elevated': 'var(--chatkit-surface-elevated)',
  'surface-elevated-secondary': 'var(--chatkit-surface-secondary)',
  default: 'var(--chatkit-border)',
  subtle: 'var(--chatkit-border-subtle)',
  strong: 'var(--chatkit-border-strong)',
};

/** Hue and saturation of each palette family; lightness comes from the step (`red-100` … `red-900`). */
const PALETTE: Record<string, readonly [hue: number, saturation: number]> = {
  red: [0, 80],
  orange: [25, 92],
  amber: [38, 92],
  yellow: [48, 92],
  lime: [84, 75],
  green: [142, 65],
  emerald: [160, 80],
  teal: [173, 75],
  cyan: [189, 85],
  sky: [199, 88],
  blue: [217, 88],
  indigo: [239, 80],
  violet: [258, 85],
  purple: [271, 80],
  fuchsia: [292, 80],
  pink: [330, 80],
  rose: [350, 85],
  gray: [220, 9],
  slate: [215, 20],
  zinc: [240, 5],
  neutral: [0, 0],
  stone: [25, 6],
};
const STEPS: Record<string, number> = {
  '50': 97,
  '100': 94,
  '200': 87,
  '300': 77,
  '400': 65,
  '500': 54,
  '600': 45,
  '700': 37,
  '800': 29,
  '900': 22,
  '950': 14,
};

/** A palette name (`blue-500`), or a bare family (`blue`, the chart series colors) at step 500. */
function paletteColor(name: string, scheme: Scheme): string | undefined {
  const match = /^([a-z]+)(?:-(\d{2,3}))?$/.exec(name);
  if (!match || !Object.hasOwn(PALETTE, match[1])) return undefined;
  const [hue, sat] = PALETTE[match[1]];
  if (match[2] === undefined) {
    // Why: series colors must read on both surfaces, so they lighten a little in dark mode.
    return `hsl(${hue} ${sat}% ${scheme === 'dark' ? 62 : 52}%)`;
  }
  if (!Object.hasOwn(STEPS, match[2])) return undefined;
  return `hsl(${hue} ${sat}% ${STEPS[match[2]]}%)`;
}

/**
 * A widget color as CSS: a `ThemeColor` picks the scheme's value; design tokens map to `--chatkit-*` tokens;
 * palette names to palette colors; anything else must be a valid CSS color.
 */
export function color(value: WidgetColor | undefined | null, scheme: Scheme): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    const pick = (value as Record<string, unknown>)[scheme];
    return typeof pick === 'string' ? color(pick, scheme) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (Object.hasOwn(TOKEN_COLORS, value)) return TOKEN_COLORS[value];
  // `alpha-70`: the text color at that opacity (used by ChatKit templates for muted text).
  const alpha = /^alpha-(\d{1,2}|100)$/.exec(value);
  if (alpha) return `color-mix(in srgb, var(--chatkit-text) ${alpha[1]}%, transparent)`;
  return paletteColor(value, scheme) ?? safeCss('color', value);
}

const BORDER_STYLES = new Set(['solid', 'dashed', 'dotted', 'double', 'groove', 'ridge', 'inset', 'outset']);

function borderValue(value: unknown, scheme: Scheme): string | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? `${value}px solid var(--chatkit-border)` : undefined;
  if (!value || typeof value !== 'object') return undefined;
  const b = value as Border;
  if (typeof b.size !== 'number' || !Number.isFinite(b.size)) return undefined;
  const style = typeof b.style === 'string' && BORDER_STYLES.has(b.style) ? b.style : 'solid';
  return `${b.size}px ${style} ${color(b.color, scheme) ?? 'var(--chatkit-border)'}`;
}

/** `border` from a number, a {@link Border} or per-side {@link Borders}. */
export function border(value: unknown, scheme: Scheme): Styles {
  if (value === undefined || value === null) return {};
  if (typeof value === 'number' || (typeof value === 'object' && 'size' in (value as object))) {
    return { border: borderValue(value, scheme) };
  }
  if (typeof value !== 'object') return {};
  const b = value as Borders;
  const out: Styles = {};
  for (const [side, own, axis] of [
    ['top', b.top, b.y],
    ['bottom', b.bottom, b.y],
    ['left', b.left, b.x],
    ['right', b.right, b.x],
  ] as const) {
    const v = borderValue(own ?? axis, scheme);
    if (v !== undefined) out[`border-${side}`] = v;
  }
  return out;
}

const ALIGN: Record<string, string> = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  baseline: 'baseline',
  stretch: 'stretch',
};
const JUSTIFY: Record<string, string> = {
  ...ALIGN,
  between: 'space-between',
  around: 'space-around',
  evenly: 'space-evenly',
};

/** An {@link Alignment} as `align-items`. */
export function align(value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(ALIGN, value) ? ALIGN[value] : undefined;
}

/** A {@link Justification} as `justify-content`. */
export function justify(value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(JUSTIFY, value) ? JUSTIFY[value] : undefined;
}

/** A `textAlign` value (`start`/`center`/`end`). */
export function textAlign(value: unknown): string | undefined {
  return value === 'start' || value === 'center' || value === 'end' ? value : undefined;
}

/** One of a fixed set of keywords, or `undefined`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/** The box sizing props shared by BoxBase, Image and Chart. */
export function dimensions(node: Record<string, unknown>): Styles {
  const out: Styles = {
    width: size(node.width ?? node.size, 'width'),
    height: size(node.height ?? node.size, 'height'),
    'min-width': size(node.minWidth ?? node.minSize, 'min-width'),
    'min-height': size(node.minHeight ?? node.minSize, 'min-height'),
    'max-width': size(node.maxWidth ?? node.maxSize, 'max-width'),
    'max-height': size(node.maxHeight ?? node.maxSize, 'max-height'),
    'aspect-ratio': safeCss('aspect-ratio', node.aspectRatio),
    flex: safeCss('flex', node.flex),
  };
  return out;
}
