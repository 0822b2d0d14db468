/**
 * The scripted turn every server in the server-cost benchmark streams: an empty assistant message, 20 text
 * deltas of 20 characters, the finished message. A user message containing "hold" stops after the first
 * delta until the benchmark releases all held streams (to measure memory per open stream).
 *
 * @module
 */
export const DELTAS = 20;
export const DELTA = 'abcdefghij klmnopqr '; // 20 characters
export const FULL_TEXT = DELTA.repeat(DELTAS);

let release: () => void = () => {};
let released = Promise.resolve();

/** Arms the hold gate; held streams continue when {@link releaseHeld} is called. */
export function armHold(): void {
  released = new Promise((resolve) => (release = resolve));
}
/** Lets every held stream finish. */
export function releaseHeld(): void {
  release();
}
/** Resolves when held streams may continue. */
export function heldUntilReleased(): Promise<void> {
  return released;
}
