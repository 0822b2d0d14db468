/* global location */
// The demo server also serves these pages on a second port (its own port + 1 by default), which is a
// different origin: point the cross-origin card there, telling the page where the API lives.
const link = document.getElementById('cross-origin-link');
if (link && location.port) {
  const demoPort = Number(location.port) + 1;
  const target = new URL(`${location.protocol}//${location.hostname}:${demoPort}/cross-origin.html`);
  target.searchParams.set('api', location.origin);
  link.href = target.href;
}
