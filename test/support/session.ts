/** Helpers shared by the tests that drive a protocol session (node suites and in-page tests). */
import type { ChatSession, SessionState } from '../../src/protocol/session-types.js';

/** Resolves with the first state (the current one included) that satisfies `predicate`. */
export function waitForState(
  session: ChatSession,
  predicate: (state: SessionState) => boolean,
): Promise<SessionState> {
  return new Promise((resolve) => {
    if (predicate(session.getState())) return resolve(session.getState());
    const off = session.subscribe((state) => {
      if (predicate(state)) {
        off();
        resolve(state);
      }
    });
  });
}
