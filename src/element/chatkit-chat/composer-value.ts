/**
 * `setComposerValue`'s draft half, loaded with its first call (a first answer never sets a draft): turns the
 * public parameters into a {@link ComposerDraft} and sets it on the composer (its private members, by name:
 * the build renames them the same way in every chunk). The root element sets the
 * selected tool and model and opens the launcher before it waits for this module, so those stay synchronous.
 *
 * @internal
 * @module
 */
import type { Attachment } from '../../protocol/types.js';
import type { ComposerDraft } from '../composer/composer-handle.js';
import type { ChatkitComposer } from '../composer/composer.component.js';
import type { SetComposerValueParams } from './options.js';
import { toWireContent } from './user-content.js';

/** Sets the parts of the draft that `p` names; resolves once tags and attachments show. */
export function setComposerDraft(composer: ChatkitComposer, p: SetComposerValueParams): Promise<void> {
  const content = p.content !== undefined ? toWireContent(p.content) : undefined;
  const contentText = content?.map((part) => (part.type === 'input_text' ? part.text : '')).join('');
  return setDraft(composer, {
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

/** Sets the given parts of the draft; the others stay. The tags and attachments code may load first. */
async function setDraft(composer: ChatkitComposer, draft: ComposerDraft): Promise<void> {
  if (draft.text !== undefined) composer.setValue(draft.text);
  if (draft.reply !== undefined) composer['reply'] = draft.reply || null;
  const { tags, attachments, files } = draft;
  // Clearing what never loaded needs no code.
  const parts: Promise<void>[] = [];
  if (tags && (tags.length || composer['tags'])) parts.push(composer['withTags']().then((t) => t.set(tags)));
  if ((attachments && (attachments.length || composer['attachments'])) || files?.length) {
    parts.push(
      composer['withAttachments']().then((tray) => {
        if (attachments) tray.set(attachments);
        if (files?.length) tray.addFiles(files);
      }),
    );
  }
  if (!parts.length) return;
  await Promise.all(parts);
  composer.requestUpdate();
  await composer.updateComplete;
}
