/**
 * CHATKIT_AUTH against the real server: bearer JWTs (HS256 secret and a JWKS served on loopback) and the
 * signed session cookie. Expired, wrong-audience, wrong-issuer, tampered, foreign-key and missing
 * credentials are all 401 JSON; valid ones scope threads to the token's user.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';
import { signSessionCookie } from '../../../server/auth/auth.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const LIST = JSON.stringify({ type: 'threads.list', params: {} });

async function hs256(payload: JWTPayload, options: { expires?: string; secret?: string } = {}) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

function post(server: TestServer, headers: Record<string, string>, body = LIST) {
  return fetch(`${server.url}/chatkit`, { method: 'POST', headers, body });
}

async function expect401(response: Response, message: RegExp): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(401);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(body.error.code).toBe('unauthenticated');
  expect(body.error.message).toMatch(message);
}

/** Flips one character of the signature part. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const flipped = signature![0] === 'A' ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
  return `${header}.${payload}.${flipped}`;
}

/** Changes the payload's user without re-signing. */
function forgeSubject(token: string, sub: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, sub })).toString('base64url')}.${signature}`;
}

describe('CHATKIT_AUTH=jwt with an HS256 secret', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        CHATKIT_AUTH: 'jwt',
        CHATKIT_JWT_SECRET: SECRET,
        CHATKIT_JWT_ISSUER: 'https://login.example',
        CHATKIT_JWT_AUDIENCE: 'chatkit',
        CHATKIT_DEMO_TOKENS: 'on',
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const claims = { sub: 'user-1', iss: 'https://login.example', aud: 'chatkit' };

  it('accepts a valid token and scopes threads to its user, ignoring x-chatkit-user', async () => {
    const token = await hs256(claims);
    const created = await fetch(`${server.url}/chatkit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-chatkit-user': 'someone_else' },
      body: JSON.stringify({
        type: 'threads.create',
        params: {
          input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} },
        },
      }),
    });
    expect(created.status).toBe(200);
    await created.text();
    const mine = await (await post(server, { authorization: `Bearer ${token}` })).json();
    expect(mine.data).toHaveLength(1);
    const other = await (
      await post(server, { authorization: `Bearer ${await hs256({ ...claims, sub: 'user-2' })}` })
    ).json();
    expect(other.data).toHaveLength(0);
  });

  it('refuses missing, expired, wrong-audience, wrong-issuer, tampered, forged and foreign tokens', async () => {
    const missing = await post(server, { 'x-chatkit-user': 'header_user_1' });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expect401(missing, /Missing bearer token/);
    await expect401(await post(server, { authorization: 'Bearer ' }), /Missing/);
    await expect401(await post(server, { authorization: 'Basic dXNlcjpwYXNz' }), /Missing/);
    await expect401(
      await post(server, { authorization: `Bearer ${await hs256(claims, { expires: '-1m' })}` }),
      /expired/,
    );
    await expect401(
      await post(server, { authorization: `Bearer ${await hs256({ ...claims, aud: 'other-app' })}` }),
      /audience/,
    );
    await expect401(
      await post(server, {
        authorization: `Bearer ${await hs256({ ...claims, iss: 'https://evil.example' })}`,
      }),
      /issuer/,
    );
    const valid = await hs256(claims);
    await expect401(await post(server, { authorization: `Bearer ${tamper(valid)}` }), /signature/);
    await expect401(
      await post(server, { authorization: `Bearer ${forgeSubject(valid, 'admin')}` }),
      /signature/,
    );
    await expect401(
      await post(server, { authorization: `Bearer ${await hs256(claims, { secret: `${SECRET}-other` })}` }),
      /signature/,
    );
    await expect401(await post(server, { authorization: 'Bearer not.a.jwt' }), /malformed/);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await expect401(await post(server, { authorization: `Bearer ${unsigned}` }), /./);
    await expect401(
      await post(server, { authorization: `Bearer ${await hs256({ iss: claims.iss, aud: claims.aud })}` }),
      /"sub" claim/,
    );
  });

  it('the demo token endpoint (CHATKIT_DEMO_TOKENS=on) issues a token the API accepts', async () => {
    const issued = await fetch(`${server.url}/api/demo/token`, { method: 'POST' });
    expect(issued.status).toBe(200);
    const { token, tokenType } = await issued.json();
    expect(tokenType).toBe('Bearer');
    expect((await post(server, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('announces the auth mode in /api/capabilities', async () => {
    expect(await (await fetch(`${server.url}/api/capabilities`)).json()).toMatchObject({ auth: 'jwt' });
  });
});

describe('CHATKIT_AUTH=jwt with a JWKS URL (served on loopback)', () => {
  let jwks: Server;
  let server: TestServer;
  let sign: (payload: JWTPayload, expires?: string) => Promise<string>;
  let signForeign: (payload: JWTPayload) => Promise<string>;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const foreign = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    sign = (payload, expires = '10m') =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setExpirationTime(expires)
        .sign(privateKey);
    signForeign = (payload) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setExpirationTime('10m')
        .sign(foreign.privateKey);
    server = await startTestServer({
      env: {
        CHATKIT_AUTH: 'jwt',
        CHATKIT_JWT_JWKS_URL: url,
        CHATKIT_JWT_AUDIENCE: 'chatkit',
        CHATKIT_JWT_USER_CLAIM: 'uid',
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('accepts tokens signed with a published key; the user id comes from the configured claim', async () => {
    const response = await post(server, {
      authorization: `Bearer ${await sign({ uid: 'jwks-user', aud: 'chatkit' })}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [], has_more: false });
  });

  it('refuses expired, wrong-audience, foreign-key, tampered and claimless tokens', async () => {
    await expect401(
      await post(server, { authorization: `Bearer ${await sign({ uid: 'u', aud: 'chatkit' }, '-1m')}` }),
      /expired/,
    );
    await expect401(
      await post(server, { authorization: `Bearer ${await sign({ uid: 'u', aud: 'x' })}` }),
      /audience/,
    );
    await expect401(
      await post(server, { authorization: `Bearer ${await signForeign({ uid: 'u', aud: 'chatkit' })}` }),
      /signature/,
    );
    await expect401(
      await post(server, { authorization: `Bearer ${tamper(await sign({ uid: 'u', aud: 'chatkit' }))}` }),
      /signature|malformed/,
    );
    await expect401(
      await post(server, { authorization: `Bearer ${await sign({ sub: 'u', aud: 'chatkit' })}` }),
      /"uid"/,
    );
    // An HS256 token "signed" with the public key must never pass (algorithm confusion).
    await expect401(
      await post(server, { authorization: `Bearer ${await hs256({ uid: 'u', aud: 'chatkit' })}` }),
      /./,
    );
  });
});

describe('CHATKIT_AUTH=cookie', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { CHATKIT_AUTH: 'cookie', CHATKIT_SESSION_SECRET: SECRET, CHATKIT_DEMO_TOKENS: 'on' },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('accepts a signed session cookie and refuses missing, tampered, expired and foreign ones', async () => {
    const value = await signSessionCookie('cookie-user', SECRET);
    expect((await post(server, { cookie: `other=1; chatkit_session=${value}` })).status).toBe(200);
    await expect401(await post(server, { 'x-chatkit-user': 'header_user_1' }), /Missing session cookie/);
    await expect401(await post(server, { cookie: `chatkit_session=${tamper(value)}` }), /signature/);
    await expect401(
      await post(server, {
        cookie: `chatkit_session=${await signSessionCookie('u', SECRET, { expiresInSeconds: -60 })}`,
      }),
      /expired/,
    );
    await expect401(
      await post(server, { cookie: `chatkit_session=${await signSessionCookie('u', `${SECRET}-other`)}` }),
      /signature/,
    );
  });

  it('the demo endpoint sets an HttpOnly cookie that authenticates', async () => {
    const issued = await fetch(`${server.url}/api/demo/token`, { method: 'POST' });
    const cookie = issued.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^chatkit_session=.+HttpOnly/i);
    expect((await post(server, { cookie: cookie.split(';')[0]! })).status).toBe(200);
  });
});

describe('configuration', () => {
  it('names the missing settings', () => {
    expect(() => loadConfig({ CHATKIT_AUTH: 'jwt' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHATKIT_AUTH: 'jwt', CHATKIT_JWT_SECRET: 'short' })).toThrow(
      /CHATKIT_JWT_SECRET/,
    );
    expect(() => loadConfig({ CHATKIT_AUTH: 'cookie' })).toThrow(/CHATKIT_SESSION_SECRET/);
    expect(() => loadConfig({ CHATKIT_AUTH: 'magic' })).toThrow(/CHATKIT_AUTH/);
    expect(loadConfig({}).auth).toEqual({ mode: 'header' });
  });

  it('has no demo token endpoint unless CHATKIT_DEMO_TOKENS=on', async () => {
    const server = await startTestServer({ env: { CHATKIT_AUTH: 'jwt', CHATKIT_JWT_SECRET: SECRET } });
    try {
      const response = await fetch(`${server.url}/api/demo/token`, { method: 'POST' });
      expect(response.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
