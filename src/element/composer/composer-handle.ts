/**
 * What the root element calls on the composer (kept as an interface so the root does not import the
 * composer class just for types).
 *
 * @internal
 * @module
 */
import type { Attachment, InputTagContent } from '../../protocol/types.js';

/** What `setComposerValue` may set; absent fields are left as they are. */
export interface ComposerDraft {
  text?: string;
  /** Entity tags shown as chips (sent as `input_tag` content before the text). */
  tags?: InputTagContent[];
  /** Quoted text shown above the input and sent as `quoted_text`; `null` or `''` removes it. */
  reply?: string | null;
  /** Already uploaded attachments (replace the tray). */
  attachments?: Attachment[];
  /** Files to upload and add to the tray. */
  files?: File[];
}

export interface ChatComposerHandle extends HTMLElement {
  setValue(text: string): void;
  /** Puts back the text of a message that could not be sent, unless the user has typed anew. */
  restoreDraft(text: string): void;
  focus(): void;
}
