/**
 * `setComposerValue`'s draft half, loaded with its first call (a first answer never sets a draft): turns the
 * public parameters into the composer's {@link ComposerDraft} and hands it over. The root element sets the
 * selected tool and model and opens the launcher before it waits for this module, so those stay synchronous.
 *
 * @internal
 * @module
 */
import type { Attachment } from '../../protocol/types.js';
import type { ChatComposerHandle } from '../composer/composer-handle.js';
import type { SetComposerValueParams } from './options.js';
import { toWireContent } from './user-content.js';

/** Sets the parts of the draft that `p` names; resolves once tags and attachments show. */
export function setComposerDraft(composer: ChatComposerHandle, p: SetComposerValueParams): Promise<void> {
  const content = p.content !== undefined ? toWireContent(p.content) : undefined;
  const contentText = content?.map((part) => (part.type === 'input_text' ? part.text : '')).join('');
  return composer.setDraft({
    ...(typeof p.text === 'string'
      ? { text: p.text }
      : contentText !== undefined
        ? { text: contentText }
        : {}),
    ...(content ? { tags: content.filter((part) => part.type === 'input_tag') } : {}),
    ...(p.reply !== undefined ? { reply: typeof p.reply === 'string' ? p.reply : null } : {}),
    ...(Array.isArray(p.attachments) ? { attachments: p.attachments as Attachment[] } : {}),
    ...(Array.isArray(p.files) ? { files: p.files.filter((file) => file instanceof File) } : {}),
  });
}
