/**
 * The demo's token endpoint, `POST /api/demo/token`: hands a fresh demo user a signed credential so the
 * auth demo page (demo/auth.html) can show `CHATKIT_AUTH=jwt` and `cookie` end to end. It signs whatever it
 * is asked for with the server's own secret, so it exists **only** when `CHATKIT_DEMO_TOKENS=on` and must
 * never be enabled in production: a real deployment's login issues these credentials.
 *
 * - `jwt` with `CHATKIT_JWT_SECRET`: `{"token","tokenType":"Bearer","expiresIn"}` (issuer/audience as
 *   configured, the user id in the configured claim).
 * - `cookie`: sets the `HttpOnly; SameSite=Lax` session cookie and answers `{"cookie":<name>,"expiresIn"}`.
 * - anything else (header mode, JWKS): 404 `not_found`, there is nothing this server could sign.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { HttpError } from '../chatkit/errors.js';
import type { AuthConfig } from '../config.js';

/** Lifetime of a demo credential (short: the page asks again when it expires). */
export const DEMO_TOKEN_TTL_SECONDS = 15 * 60;

/** Creates the router (mount at `/api`). */
export function createDemoTokenRouter(auth: AuthConfig): Router {
  const router = Router();
  router.post('/demo/token', async (req, res) => {
    const userId = `demo_${randomBytes(9).toString('base64url')}`;
    res.set('Cache-Control', 'no-store');
    // Imported on use: the route is off by default, and `jose` is a few MB an idle server need not carry.
    const { SignJWT } = await import('jose');
    if (auth.mode === 'jwt' && auth.secret) {
      let jwt = new SignJWT({ [auth.userClaim]: userId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime(`${DEMO_TOKEN_TTL_SECONDS}s`);
      if (auth.userClaim !== 'sub') jwt = jwt.setSubject(userId);
      if (auth.issuer) jwt = jwt.setIssuer(auth.issuer);
      if (auth.audience) jwt = jwt.setAudience(auth.audience);
      const token = await jwt.sign(new TextEncoder().encode(auth.secret));
      res.json({ token, tokenType: 'Bearer', expiresIn: DEMO_TOKEN_TTL_SECONDS });
      return;
    }
    if (auth.mode === 'cookie') {
      const value = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime(`${DEMO_TOKEN_TTL_SECONDS}s`)
        .sign(new TextEncoder().encode(auth.secret));
      res.cookie(auth.cookieName, value, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/',
        maxAge: DEMO_TOKEN_TTL_SECONDS * 1000,
      });
      res.json({ cookie: auth.cookieName, expiresIn: DEMO_TOKEN_TTL_SECONDS });
      return;
    }
    throw new HttpError(404, 'not_found', 'This server has no demo credentials to hand out');
  });
  return router;
}
