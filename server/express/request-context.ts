/**
 * Deriving the {@link RequestContext} (who is calling) from an HTTP request.
 *
 * The default reads the `x-chatkit-user` header: an anonymous per-browser id that `<chatkit-chat>` generates
 * and persists. It scopes threads to one browser; it is not authentication. Deployments with real users pass
 * their own `getContext` (see server/express/README.md) and derive the id from a session cookie or a bearer
 * token instead.
 *
 * @module
 */
import type { Request } from 'express';
import { HttpError } from '../chatkit/errors.js';
import type { RequestContext } from '../stores/store.js';

/** The header carrying the anonymous user id. */
export const USER_HEADER = 'x-chatkit-user';

/** Accepted user ids: 8 to 128 characters of `A-Z a-z 0-9 _ -` (a random id, never a name or an email). */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/** Turns a request into the context handed to the ChatKit server; may be async (session lookups). */
export type GetContext<C extends RequestContext = RequestContext> = (req: Request) => C | Promise<C>;

/**
 * The default {@link GetContext}: `{ userId }` from the `x-chatkit-user` header.
 *
 * @throws {HttpError} 401 `missing_user` when the header is absent (a shared anonymous id would let every
 *   visitor read every other visitor's threads), 400 `invalid_user` when it does not match
 *   {@link USER_ID_PATTERN}.
 */
export function userFromHeader(req: Request): RequestContext {
  const value = req.get(USER_HEADER);
  if (value === undefined || value === '') {
    throw new HttpError(401, 'missing_user', `Missing ${USER_HEADER} header`);
  }
  if (!USER_ID_PATTERN.test(value)) {
    throw new HttpError(
      400,
      'invalid_user',
      `${USER_HEADER} must be 8-128 characters of A-Z, a-z, 0-9, _ or -`,
    );
  }
  return { userId: value };
}
