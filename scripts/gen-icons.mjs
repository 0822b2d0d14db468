#!/usr/bin/env node
/**
 * Generates the icon data modules from lucide-static's `icon-nodes.json`:
 *
 * - `src/internal/icon-data.ts`: the UI icons of the element and the few ChatKit icon names the element draws
 *   itself (EAGER below), mapped to lucide icons. Bundled with the element, so it stays small.
 * - `src/internal/icon-data-chatkit.ts`: the other ChatKit icon names (§6.7) and the UI icons only on-demand parts
 *   draw (UI_LATER). A chunk of its own, loaded with the widget renderer or the history panel, or the first time
 *   a start-screen prompt, tool, menu or header button names one.
 * - `src/internal/icon-data-lucide.ts`: every lucide icon, for `lucide:<name>` icon names. Loaded lazily
 *   (dynamic import) so it never weighs on the drop-in bundle.
 *
 * Encoding (compact, parsed by src/internal/icons.ts): one string per icon, elements separated by `|`. A
 * path element is its `d` string (always starts with M or m); any other element is `tag k=v k=v…`.
 *
 * Run: `node scripts/gen-icons.mjs` (after upgrading lucide-static). The outputs are committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const nodes = JSON.parse(readFileSync(require.resolve('lucide-static/icon-nodes.json'), 'utf8'));
const version = JSON.parse(readFileSync(require.resolve('lucide-static/package.json'), 'utf8')).version;

/** ChatKit icon name → lucide icon name. Filled variants are marked with a trailing `!`. */
const CHATKIT = {
  agent: 'bot',
  analytics: 'chart-no-axes-combined',
  atom: 'atom',
  batch: 'layers',
  bolt: 'zap',
  'book-open': 'book-open',
  'book-closed': 'book',
  'book-clock': 'book-open-text',
  bug: 'bug',
  calendar: 'calendar',
  chart: 'chart-column',
  check: 'check',
  'check-circle': 'circle-check',
  'check-circle-filled': 'circle-check!',
  'chevron-left': 'chevron-left',
  'chevron-right': 'chevron-right',
  'circle-question': 'circle-question-mark',
  clock: 'clock',
  compass: 'compass',
  confetti: 'party-popper',
  cube: 'box',
  desktop: 'monitor',
  document: 'file-text',
  dot: 'dot',
  'dots-horizontal': 'ellipsis',
  'dots-vertical': 'ellipsis-vertical',
  'empty-circle': 'circle',
  'external-link': 'external-link',
  globe: 'globe',
  keys: 'key-round',
  lab: 'flask-conical',
  images: 'images',
  info: 'info',
  lifesaver: 'life-buoy',
  lightbulb: 'lightbulb',
  mail: 'mail',
  'map-pin': 'map-pin',
  maps: 'map',
  mobile: 'smartphone',
  name: 'contact-round',
  notebook: 'notebook',
  'notebook-pencil': 'notebook-pen',
  'page-blank': 'file',
  phone: 'phone',
  play: 'play',
  plus: 'plus',
  profile: 'circle-user',
  'profile-card': 'id-card',
  reload: 'refresh-cw',
  star: 'star',
  'star-filled': 'star!',
  search: 'search',
  sparkle: 'sparkle',
  'sparkle-double': 'sparkles',
  'square-code': 'square-code',
  'square-image': 'image',
  'square-text': 'square-menu',
  suitcase: 'briefcase',
  'settings-slider': 'sliders-horizontal',
  user: 'user',
  wreath: 'award',
  write: 'pencil',
  'write-alt': 'pen-line',
  'write-alt2': 'square-pen',
};

/**
 * UI icons the element itself needs (name used by the element → lucide icon name). Those in UI_LATER are drawn
 * only by parts that load on demand (the history panel, menus, dictation, workflow and widget items): they go
 * to the on-demand table with the other ChatKit names, out of the drop-in file (0.35 KB gzip with the four
 * ChatKit names below that only on-demand parts draw). The history panel hands that table over when it loads,
 * as the widget renderer does, so its row icons never draw late.
 */
const UI = {
  send: 'send',
  square: 'square',
  history: 'rotate-ccw-clock',
  x: 'x',
  copy: 'copy',
  'thumbs-up': 'thumbs-up',
  'thumbs-down': 'thumbs-down',
  'rotate-ccw': 'rotate-ccw',
  'message-circle': 'message-circle',
  'chevron-down': 'chevron-down',
  'chevron-up': 'chevron-up',
  pencil: 'pencil',
  'trash-2': 'trash',
  menu: 'menu',
  'arrow-down': 'arrow-down',
  'alert-triangle': 'triangle-alert',
  paperclip: 'paperclip',
  loader: 'loader-circle',
  mic: 'mic',
};

const UI_LATER = ['chevron-down', 'chevron-up', 'pencil', 'trash-2', 'menu', 'mic'];

/** ChatKit icon names the element draws itself (header, thread, markdown): kept in the eager set. */
const EAGER = ['check', 'plus', 'info'];

/** Encodes one lucide icon node list. */
function encode(list) {
  return list
    .map(([tag, attrs]) => {
      if (tag === 'path' && Object.keys(attrs).length === 1) return attrs.d;
      return [tag, ...Object.entries(attrs).map(([k, v]) => `${k}=${String(v).replace(/\s+/g, ',')}`)].join(
        ' ',
      );
    })
    .join('|');
}

function lookup(name) {
  const list = nodes[name];
  if (!list) throw new Error(`lucide-static ${version} has no icon "${name}"`);
  return encode(list);
}

const subset = {};
const chatkit = {};
for (const [name, target] of Object.entries({ ...CHATKIT, ...UI })) {
  const filled = target.endsWith('!');
  const data = (filled ? '!' : '') + lookup(filled ? target.slice(0, -1) : target);
  if ((name in UI && !UI_LATER.includes(name)) || EAGER.includes(name)) subset[name] = data;
  else chatkit[name] = data;
}

const header = (what) =>
  `// Generated by scripts/gen-icons.mjs from lucide-static ${version} (ISC license). Do not edit.\n// ${what}\n`;

writeFileSync(
  'src/internal/icon-data.ts',
  header(
    'The UI icons and the ChatKit icon names the element draws itself. A leading `!` marks a filled icon.',
  ) + `export const ICON_DATA: Record<string, string> = ${JSON.stringify(subset, null, 1)};\n`,
);
writeFileSync(
  'src/internal/icon-data-chatkit.ts',
  header(
    'The other ChatKit icon names (§6.7) and the UI icons only on-demand parts draw, loaded on demand. A leading `!` marks a filled icon.',
  ) + `export const CHATKIT_ICON_DATA: Record<string, string> = ${JSON.stringify(chatkit, null, 1)};\n`,
);
const full = {};
for (const name of Object.keys(nodes)) full[name] = encode(nodes[name]);
writeFileSync(
  'src/internal/icon-data-lucide.ts',
  header('Every lucide icon, for `lucide:<name>` icon names; loaded lazily.') +
    `export const LUCIDE_DATA: Record<string, string> = ${JSON.stringify(full)};\n`,
);
console.log(
  `icons: ${Object.keys(subset).length} eager, ${Object.keys(chatkit).length} ChatKit on demand, ${Object.keys(full).length} lucide`,
);
