/* global customElements, fetch, Headers */
// The auth demo: ask the server how it authenticates (GET /api/capabilities), get a credential from the
// demo token endpoint (POST /api/demo/token, only present with CHATKIT_DEMO_TOKENS=on) and hand it to the
// element through `api.fetch`. A real site gets the token from its own login instead.
const chat = document.querySelector('chatkit-chat');
const status = document.getElementById('auth-status');
const help = document.getElementById('auth-help');

let token = null;
let expiresAt = 0;

/** Gets a fresh demo credential: a bearer token (jwt) or an HttpOnly cookie (cookie mode). */
async function signIn() {
  const response = await fetch('/api/demo/token', { method: 'POST', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const answer = await response.json();
  token = answer.token ?? null;
  expiresAt = Date.now() + answer.expiresIn * 1000;
}

/** `api.fetch`: adds the bearer token (renewed shortly before it expires) and sends cookies. */
async function authorizedFetch(input, init = {}) {
  if (Date.now() > expiresAt - 30_000) await signIn();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    // Expired or revoked: sign in again once and retry.
    await signIn();
    if (token) headers.set('authorization', `Bearer ${token}`);
    response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  }
  return response;
}

async function start() {
  const capabilities = await fetch('/api/capabilities').then((response) => response.json());
  if (capabilities.auth === 'header') {
    status.textContent =
      'This server runs with CHATKIT_AUTH=header (anonymous browser ids). Start it with one of these to try real authentication:';
    help.hidden = false;
    chat.setOptions({ api: { url: '/chatkit' } });
    return;
  }
  try {
    await signIn();
  } catch (error) {
    status.textContent = `CHATKIT_AUTH=${capabilities.auth}, but no demo credentials: ${error.message}. Add CHATKIT_DEMO_TOKENS=on.`;
    help.hidden = false;
    return;
  }
  status.textContent =
    capabilities.auth === 'jwt'
      ? 'Signed in with a bearer JWT from the demo token endpoint; every request carries Authorization: Bearer ….'
      : 'Signed in with an HttpOnly session cookie from the demo token endpoint.';
  chat.setOptions({ api: { url: '/chatkit', fetch: authorizedFetch } });
}

customElements.whenDefined('chatkit-chat').then(start, (error) => console.error(error));
