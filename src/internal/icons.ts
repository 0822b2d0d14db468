/**
 * Icons as Lit SVG templates built from data (never innerHTML): the UI icons the element needs, the 64 ChatKit
 * icon names (§6.7) and any `lucide:<name>` icon. Only the UI icons ship with the element; the other ChatKit
 * names are a small chunk loaded with the widget renderer or on first use, the lucide set a large one loaded
 * on first use. `vendor:*` and unknown names render a neutral fallback dot.
 *
 * @module
 */
import { noChange, nothing, render, svg, type SVGTemplateResult } from 'lit';
import { Directive, directive, type ChildPart } from 'lit/directive.js';
import { cssProps, type CssProps } from './css-props.js';
import { ICON_DATA } from './icon-data.js';

const NO_STYLE: CssProps = {};
// Why CSSOM, not a style attribute: strict-CSP host pages refuse style attributes (see css-props.ts).
const ON_FILL: CssProps = { stroke: 'var(--chatkit-widget-surface, var(--chatkit-surface))' };

/** Options of {@link icon}. */
export interface IconOptions {
  /** Width and height in px; default `1em`, so the icon follows the surrounding font size. */
  size?: number;
  /** Accessible name; without it the icon is decorative (`aria-hidden`). */
  label?: string;
}

type Body = SVGTemplateResult | SVGTemplateResult[];
type Parsed = ReadonlyArray<readonly [tag: string, attrs: Record<string, string>]>;

const parsedCache = new Map<string, Parsed>();
let lucideData: Promise<Record<string, string>> | undefined;
/** The on-demand ChatKit names, once their chunk has loaded (then they draw synchronously, like the UI icons). */
let chatkitData: Record<string, string> | undefined;
let chatkitLoad: Promise<void> | undefined;

/**
 * Hands over the on-demand ChatKit icon data when a module already imports it statically: the widget renderer
 * does, so its icons never draw late.
 */
export function provideChatkitIcons(data: Record<string, string>): void {
  chatkitData = data;
  chatkitLoad = Promise.resolve();
}

/**
 * Loads the data of the ChatKit icon names that do not ship with the element (a small chunk); resolves once
 * {@link icon} draws them synchronously.
 */
export function loadChatkitIcons(): Promise<void> {
  chatkitLoad ??= import('./icon-data-chatkit.js').then((m) => {
    chatkitData = m.CHATKIT_ICON_DATA;
  });
  // A failed chunk load (offline) may be retried by the next icon.
  chatkitLoad.catch(() => (chatkitLoad = undefined));
  return chatkitLoad;
}

const known = (data: Record<string, string> | undefined, name: string) =>
  data && Object.hasOwn(data, name) ? data[name] : undefined;

/** Parses the compact encoding of scripts/gen-icons.mjs: `|`-separated elements, a path is its bare `d`. */
function parse(encoded: string): Parsed {
  let cached = parsedCache.get(encoded);
  if (cached) return cached;
  cached = encoded.split('|').map((part) => {
    if (part[0] === 'M' || part[0] === 'm') return ['path', { d: part }] as const;
    const [tag, ...pairs] = part.split(' ');
    const attrs: Record<string, string> = {};
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      attrs[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/,/g, ' ');
    }
    return [tag, attrs] as const;
  });
  parsedCache.set(encoded, cached);
  return cached;
}

/** One element; Lit cannot bind tag names, so each lucide element kind has its own fixed template. */
function element(tag: string, a: Record<string, string>, style: CssProps = NO_STYLE): SVGTemplateResult {
  const fill = a.fill ?? nothing;
  switch (tag) {
    case 'path':
      return svg`<path d=${a.d} fill=${fill} ${cssProps(style)}></path>`;
    case 'circle':
      return svg`<circle cx=${a.cx} cy=${a.cy} r=${a.r} fill=${fill} ${cssProps(style)}></circle>`;
    case 'ellipse':
      return svg`<ellipse cx=${a.cx} cy=${a.cy} rx=${a.rx} ry=${a.ry} ${cssProps(style)}></ellipse>`;
    case 'rect':
      return svg`<rect x=${a.x ?? nothing} y=${a.y ?? nothing} width=${a.width} height=${a.height}
        rx=${a.rx ?? nothing} ry=${a.ry ?? nothing} ${cssProps(style)}></rect>`;
    case 'line':
      return svg`<line x1=${a.x1} y1=${a.y1} x2=${a.x2} y2=${a.y2} ${cssProps(style)}></line>`;
    case 'polyline':
      return svg`<polyline points=${a.points} ${cssProps(style)}></polyline>`;
    case 'polygon':
      return svg`<polygon points=${a.points} ${cssProps(style)}></polygon>`;
    default:
      return svg``;
  }
}

/** The elements of an encoded icon; a leading `!` fills the first shape and draws the rest in surface color. */
function body(encoded: string): SVGTemplateResult[] {
  const filled = encoded.startsWith('!');
  const shapes = parse(filled ? encoded.slice(1) : encoded);
  return shapes.map(([tag, attrs], i) => {
    if (!filled) return element(tag, attrs);
    if (i === 0) return element(tag, { ...attrs, fill: 'currentColor' });
    // Why: the marks on a filled shape must contrast with it; the widget surface is what is behind the icon.
    return element(tag, attrs, ON_FILL);
  });
}

const fallbackDot = svg`<circle cx="12" cy="12" r="4" fill="currentColor" opacity="0.45" stroke="none"></circle>`;

/** Loads the full lucide map once (a separate chunk) and resolves the body of one icon. */
async function lucideBody(name: string): Promise<Body> {
  lucideData ??= import('./icon-data-lucide.js').then((m) => m.LUCIDE_DATA);
  try {
    const data = await lucideData;
    const encoded = Object.hasOwn(data, name) ? data[name] : undefined;
    return encoded ? body(encoded) : fallbackDot;
  } catch {
    return fallbackDot;
  }
}

/**
 * Whether `name` is an icon drawn without loading anything: a UI icon name, or a ChatKit icon name once
 * {@link loadChatkitIcons} has resolved.
 */
export function isBuiltinIcon(name: string): boolean {
  return known(ICON_DATA, name) !== undefined || known(chatkitData, name) !== undefined;
}

/** Loads the on-demand ChatKit names and resolves the body of one icon. */
async function chatkitBody(name: string): Promise<Body> {
  try {
    await loadChatkitIcons();
  } catch {
    return fallbackDot;
  }
  const encoded = known(chatkitData, name);
  return encoded ? body(encoded) : fallbackDot;
}

/**
 * The body of an icon whose data is still loading: empty, then drawn in place once `load` resolves, without the
 * caller re-rendering (so inside a `guard` too). Lit's `until` would do, but it brings `AsyncDirective` into the
 * drop-in file for this one use (≈ 0.5 KB gzip). The body is rendered by Lit before a marker of its own inside
 * the `<svg>`; the icon's own part clears it like any content when the icon changes.
 */
class LateBody extends Directive {
  private key?: string;

  render(_key: string, _load: () => Promise<Body>): typeof nothing {
    return nothing;
  }

  override update(part: ChildPart, [key, load]: [string, () => Promise<Body>]): unknown {
    if (key === this.key) return noChange;
    this.key = key;
    const empty = () => part.startNode!.nextSibling === part.endNode;
    // A body drawn for the previous name: Lit only clears on a change of committed value, and ours stays `nothing`.
    while (!empty()) part.startNode!.nextSibling!.remove();
    void load().then((content) => {
      const host = part.parentNode as SVGElement;
      // Drawn only where this name is still shown and nothing was drawn meanwhile (a newer render, a twin load).
      if (this.key !== key || host.getAttribute('data-icon') !== key || !empty()) return;
      const marker = host.insertBefore(document.createComment(''), part.endNode);
      render(content, host as unknown as HTMLElement, { renderBefore: marker });
    });
    return nothing;
  }
}

const lateBody = directive(LateBody);

/**
 * An icon as an `<svg>` template. `name` is a ChatKit icon name (§6.7), a UI icon name (send, copy, x, …), or
 * `lucide:<name>` (rendered once the lucide chunk has loaded, without the caller re-rendering). Anything else,
 * including `vendor:*`, renders a neutral dot. The name never reaches markup: it only selects data.
 */
export function icon(name: string, opts: IconOptions = {}): SVGTemplateResult {
  const size = opts.size ?? '1em';
  let content: unknown;
  const encoded = known(ICON_DATA, name) ?? known(chatkitData, name);
  if (encoded) content = body(encoded);
  else if (typeof name !== 'string' || name.startsWith('vendor:')) content = fallbackDot;
  else if (name.startsWith('lucide:')) content = lateBody(name, () => lucideBody(name.slice(7)));
  else if (chatkitData) content = fallbackDot;
  // A ChatKit name not loaded yet (or an unknown name, which falls back to the dot once the data is here).
  else content = lateBody(name, () => chatkitBody(name));
  return svg`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 24 24"
    width=${size}
    height=${size}
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    focusable="false"
    class="icon"
    data-icon=${name}
    role=${opts.label ? 'img' : nothing}
    aria-label=${opts.label ?? nothing}
    aria-hidden=${opts.label ? nothing : 'true'}
  >${content}</svg>`;
}
