/* global location, URLSearchParams, customElements */
// Loads the element from the API's origin (not this page's) and points it at that API. The API origin comes
// from `?api=` (the demo index passes it); without it, the demo server's main port (this port − 1).
const params = new URLSearchParams(location.search);
const fallback = `${location.protocol}//${location.hostname}:${Number(location.port || 80) - 1}`;
const api = new URL(params.get('api') || fallback).origin;

document.getElementById('page-origin').textContent = location.origin;
document.getElementById('api-origin').textContent = api;
document.getElementById('back').href = `${api}/`;

const chat = document.querySelector('chatkit-chat');
chat.setAttribute('api-url', `${api}/chatkit`);
chat.setAttribute('branding-url', `${api}/api/branding`);

// The server's get_time tool runs in the browser; options can be set before the element is defined.
customElements.whenDefined('chatkit-chat').then(() => {
  chat.setOptions({
    onClientTool: ({ name }) =>
      name === 'get_time' ? { time: new Date().toISOString() } : { error: `unknown tool ${name}` },
  });
});

const script = document.createElement('script');
script.type = 'module';
script.src = `${api}/chatkit-chat.js`;
document.head.append(script);
