/* global navigator, location, customElements, URLSearchParams */
/**
 * The widget gallery: renders every component variant and every shared fixture in a `<chatkit-widget>` with
 * a demo host whose dispatchAction shows the sent action in the log panel (and settles after a short delay,
 * so loading states are visible). A button toggles light and dark.
 *
 * Works from the demo server (`npm start` → /gallery.html, renderer from the built bundle) and from the Vite
 * dev server at the project root (`npx vite` → /demo/gallery.html, renderer from source).
 */
import { VARIANT_WIDGETS } from './gallery-variants.js';
import { WIDGET_FIXTURES } from './gallery-fixtures.js';

/**
 * Loads `<chatkit-widget>` through the built bundle's `loadElement` (the bundle defines the widget renderer on
 * demand); under the Vite dev server, where no bundle is built, from source.
 */
async function loadRenderer() {
  // Why variables: the dev server must not try to resolve the path that only exists elsewhere.
  const bundle = new URL('/chatkit-chat.js', location.href).href;
  const source = '/src/define.ts';
  try {
    const { loadElement } = await import(/* @vite-ignore */ bundle);
    await loadElement('chatkit-widget');
  } catch {
    await import(/* @vite-ignore */ source)
      .then(({ loadElement }) => loadElement('chatkit-widget'))
      .catch(() => undefined);
  }
  if (!customElements.get('chatkit-widget')) {
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent =
      'The widget renderer did not load: build the element (npm run build) or open the gallery through npx vite.';
    document.getElementById('widgets').append(note);
    throw new Error('chatkit-widget is not available');
  }
}

const log = document.getElementById('log');
const toggle = document.getElementById('scheme');
let scheme = new URLSearchParams(location.search).get('scheme') === 'dark' ? 'dark' : 'light';

function makeHost() {
  return {
    colorScheme: scheme,
    locale: navigator.language || 'en-US',
    allowedImageDomains: null,
    // Why: the gallery runs offline; only same-origin and inline raster images may load, the rest show the
    // blocked-image placeholder.
    isImageAllowed: (url) => url.startsWith('data:image/') || new URL(url).origin === location.origin,
    dispatchAction({ action, item, loading }) {
      const entry = document.createElement('li');
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify({ item_id: item.id, loading, action }, null, 2);
      entry.append(pre);
      log.append(entry);
      return new Promise((resolve) => setTimeout(resolve, 900));
    },
  };
}

let seq = 0;
const elements = [];

function section(name, widget) {
  const wrap = document.createElement('section');
  const title = document.createElement('h2');
  title.textContent = name;
  const el = document.createElement('chatkit-widget');
  el.item = {
    id: `gallery_${++seq}`,
    thread_id: 'gallery',
    created_at: new Date().toISOString(),
    type: 'widget',
    widget,
  };
  el.host = makeHost();
  elements.push(el);
  wrap.append(title, el);
  return wrap;
}

function applyScheme() {
  document.documentElement.dataset.scheme = scheme;
  toggle.setAttribute('aria-pressed', String(scheme === 'dark'));
  toggle.textContent = scheme === 'dark' ? 'Light mode' : 'Dark mode';
  for (const el of elements) el.host = makeHost();
}

toggle.addEventListener('click', () => {
  scheme = scheme === 'dark' ? 'light' : 'dark';
  applyScheme();
});

await loadRenderer();
const root = document.getElementById('widgets');
for (const { name, widget } of VARIANT_WIDGETS) root.append(section(name, widget));
for (const { name, root: isRoot, widget } of WIDGET_FIXTURES) {
  root.append(section(name, isRoot ? widget : { type: 'Card', children: [widget] }));
}
applyScheme();
document.body.dataset.ready = 'true';
