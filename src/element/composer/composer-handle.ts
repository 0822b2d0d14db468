/**
 * What the root element calls on the composer (kept as an interface so the root does not import the
 * composer class just for types).
 *
 * @internal
 * @module
 */
export interface ChatComposerHandle extends HTMLElement {
  setValue(text: string): void;
  /** Puts back the text of a message that could not be sent, unless the user has typed anew. */
  restoreDraft(text: string): void;
  focus(): void;
}
