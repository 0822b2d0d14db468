/**
 * Who is calling, for production (`CHATKIT_AUTH`):
 *
 * | mode | the user id comes from |
 * | --- | --- |
 * | `header` | the `x-chatkit-user` header: an anonymous id the browser picks. Separates browsers, is **not** authentication; the default, meant for loopback and demos |
 * | `jwt` | `Authorization: Bearer <JWT>`, verified with `jose`: HS256 with `CHATKIT_JWT_SECRET`, or the keys at `CHATKIT_JWT_JWKS_URL`; `exp`/`nbf` always, `iss`/`aud` when configured; the id is the claim `CHATKIT_JWT_USER_CLAIM` (default `sub`) |
 * | `cookie` | a signed session cookie (`CHATKIT_SESSION_COOKIE`, an HS256 JWT signed with `CHATKIT_SESSION_SECRET`), issued by your login with {@link signSessionCookie} |
 *
 * Every failure is `401 {"error":{"code":"unauthenticated","message":…}}` with a `WWW-Authenticate` header;
 * the message says what is wrong (missing, expired, wrong audience, bad signature) without echoing the token.
 *
 * @module
 */
import type { Request } from 'express';
import type * as JoseModule from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { HttpError } from '../chatkit/errors.js';
import type { AuthConfig } from '../config.js';
import type { GetContext } from '../express/request-context.js';
import { userFromHeader } from '../express/request-context.js';
import type { RequestContext } from '../stores/store.js';

type Jose = typeof JoseModule;
let jose: Promise<Jose> | undefined;
/**
 * `jose`, imported on first use: the default header mode never needs it, so an idle server in that mode
 * does not carry it (a few MB of RSS).
 */
const loadJose = (): Promise<Jose> => (jose ??= import('jose'));

/** Longest accepted user id from a token or cookie (ids scope every stored row). */
const MAX_USER_ID = 256;

/** HS256 algorithms for shared secrets; asymmetric ones for JWKS (never `none`). */
const HMAC_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

function unauthenticated(req: Request, message: string, scheme: 'Bearer' | 'Cookie'): HttpError {
  if (scheme === 'Bearer') {
    const error = message.startsWith('Missing') ? '' : ', error="invalid_token"';
    req.res?.set('WWW-Authenticate', `Bearer realm="chatkit"${error}`);
  }
  return new HttpError(401, 'unauthenticated', message);
}

/** A verification failure in words a developer can act on (never the token itself). */
function describe(error: unknown, { errors: joseErrors }: Jose): string {
  if (error instanceof joseErrors.JWTExpired) return 'Token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'Token audience is not accepted';
    if (error.claim === 'iss') return 'Token issuer is not accepted';
    if (error.claim === 'nbf') return 'Token is not valid yet';
    return `Token claim "${error.claim}" is not accepted`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'Token signature is invalid';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'Token algorithm is not accepted';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'Token key is unknown';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    return 'Token keys could not be loaded';
  }
  return 'Token is malformed';
}

function userIdOf(payload: JWTPayload, claim: string): string | null {
  const value = payload[claim];
  const id = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_USER_ID) return null;
  // Control characters (NUL…) cannot be stored everywhere and have no place in an id.
  for (let index = 0; index < id.length; index += 1) {
    const code = id.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return null;
  }
  return id;
}

function bearerToken(req: Request): string | null {
  const match = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/** Reads one cookie from the `Cookie` header (no cookie-parser needed for one value). */
export function readCookie(req: Request, name: string): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/** Verifies bearer tokens; `key` is a secret or a JWKS resolver. */
export function createJwtContext(
  config: Extract<AuthConfig, { mode: 'jwt' }>,
  options: { jwksTimeoutMs?: number } = {},
): GetContext {
  const keys = loadJose().then(({ createRemoteJWKSet }) => ({
    key: (config.secret
      ? new TextEncoder().encode(config.secret)
      : createRemoteJWKSet(new URL(config.jwksUrl!), {
          timeoutDuration: options.jwksTimeoutMs ?? 5_000,
        })) as Uint8Array | JWTVerifyGetKey,
  }));
  // An import failure surfaces on the first request, not as an unhandled rejection at start.
  keys.catch(() => undefined);
  const verifyOptions = {
    algorithms: config.secret ? HMAC_ALGORITHMS : JWKS_ALGORITHMS,
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
    clockTolerance: 5,
  };
  return async (req) => {
    const token = bearerToken(req);
    if (!token) throw unauthenticated(req, 'Missing bearer token (Authorization: Bearer <JWT>)', 'Bearer');
    const [sdk, { key }] = await Promise.all([loadJose(), keys]);
    let payload: JWTPayload;
    try {
      ({ payload } =
        typeof key === 'function'
          ? await sdk.jwtVerify(token, key, verifyOptions)
          : await sdk.jwtVerify(token, key, verifyOptions));
    } catch (error) {
      throw unauthenticated(req, describe(error, sdk), 'Bearer');
    }
    const userId = userIdOf(payload, config.userClaim);
    if (userId === null) {
      throw unauthenticated(req, `Token has no usable "${config.userClaim}" claim`, 'Bearer');
    }
    return { userId };
  };
}

/** Verifies the signed session cookie. */
export function createCookieContext(config: Extract<AuthConfig, { mode: 'cookie' }>): GetContext {
  const key = new TextEncoder().encode(config.secret);
  return async (req) => {
    const value = readCookie(req, config.cookieName);
    if (!value) throw unauthenticated(req, `Missing session cookie ${config.cookieName}`, 'Cookie');
    const sdk = await loadJose();
    let payload: JWTPayload;
    try {
      ({ payload } = await sdk.jwtVerify(value, key, { algorithms: HMAC_ALGORITHMS, clockTolerance: 5 }));
    } catch (error) {
      throw unauthenticated(req, describe(error, sdk).replace('Token', 'Session cookie'), 'Cookie');
    }
    const userId = userIdOf(payload, 'sub');
    if (userId === null) throw unauthenticated(req, 'Session cookie has no user', 'Cookie');
    return { userId };
  };
}

/** The {@link GetContext} for a `CHATKIT_AUTH` setting. */
export function createAuthContext(config: AuthConfig): GetContext<RequestContext> {
  switch (config.mode) {
    case 'jwt':
      return createJwtContext(config);
    case 'cookie':
      return createCookieContext(config);
    default:
      return userFromHeader;
  }
}

/**
 * Signs a session for `userId`: the cookie value for `CHATKIT_AUTH=cookie`, or (with the JWT secret and
 * claims) a bearer token. Set it from your login as `HttpOnly; Secure; SameSite=Lax`.
 */
export async function signSessionCookie(
  userId: string,
  secret: string,
  options: { expiresInSeconds?: number; issuer?: string; audience?: string } = {},
): Promise<string> {
  const { SignJWT } = await loadJose();
  let jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds ?? 8 * 3600}s`);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Whether a listen address only accepts local connections. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}
