/**
 * The internal DOM events through which the places that render an interactive entity (tags of sent messages,
 * entity citations of answers) reach the root element's entity handling (entity-preview.ts, loaded on demand):
 * `chatkit-entity-click` `{entity}` and `chatkit-entity-hover` `{entity, anchor}`, both bubbling and composed.
 * Kept apart from the preview popover so the renderers stay small.
 *
 * @internal
 * @module
 */
import type { EntitySource, InputTagContent } from '../../protocol/types.js';
import type { Entity } from '../chatkit-chat/options.js';

/** The events the root element forwards to the entity handling (with markdown's `chatkit-source-click`). */
export const ENTITY_EVENTS = [
  'chatkit-entity-click',
  'chatkit-entity-hover',
  'chatkit-source-click',
] as const;

/** Detail of `chatkit-entity-click`. */
export interface EntityClickDetail {
  entity: Entity;
}

/** Detail of `chatkit-entity-hover`. */
export interface EntityHoverDetail {
  entity: Entity;
  /** The element the preview is placed next to. */
  anchor: HTMLElement;
}

/** The entity of an `input_tag` (a tag of a sent message). */
export function entityFromTag(tag: InputTagContent): Entity {
  return {
    id: tag.id,
    title: tag.text,
    ...(tag.group ? { group: tag.group } : {}),
    ...(tag.interactive !== undefined ? { interactive: tag.interactive } : {}),
    data: (tag.data ?? {}) as Record<string, string>,
  };
}

/** The entity of an entity source (a citation). */
export function entityFromSource(source: EntitySource): Entity {
  return {
    id: source.id,
    title: source.title,
    ...(source.icon ? { icon: source.icon } : {}),
    ...(source.group ? { group: source.group } : {}),
    interactive: !!source.interactive,
    data: (source.data ?? {}) as Record<string, string>,
  };
}

/** Fires `chatkit-entity-click` or `chatkit-entity-hover` from `anchor`. */
export function emitEntity(kind: 'click' | 'hover', anchor: HTMLElement, entity: Entity): void {
  const detail: EntityClickDetail | EntityHoverDetail = kind === 'click' ? { entity } : { entity, anchor };
  anchor.dispatchEvent(new CustomEvent(`chatkit-entity-${kind}`, { detail, bubbles: true, composed: true }));
}
