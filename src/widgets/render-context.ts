/**
 * What every component renderer receives: the host, the color scheme, action and form entry points, and
 * per-widget UI state that must survive re-renders (expanded lists, expanded cards).
 *
 * @module
 */
import type { TemplateResult } from 'lit';
import type { ActionConfig, WidgetComponentType, WidgetNode } from '../protocol/types.js';
import type { WidgetHost } from './widget-host.js';
import type { Scheme } from './values.js';
import type { WidgetStrings } from './widget-strings.js';

/**
 * The place an action is bound, which decides what `loadingBehavior: "auto"` means (§7.3): Button and
 * ListViewItem clicks → `self`; onChange → `none`; Card confirm, Form submit and Card cancel → `container`.
 */
export type ActionSite = 'click' | 'item' | 'change' | 'confirm' | 'submit' | 'cancel';

/** A component renderer: a pure function of the node and the context. */
export type Renderer = (node: WidgetNode, ctx: RenderContext) => TemplateResult;

/** A family's renderers by component type (only types the protocol knows). */
export type RendererTable = Partial<Record<WidgetComponentType, Renderer>>;

/** The renderer's view of the `<chatkit-widget>` that is rendering. */
export interface RenderContext {
  /** The root element's services. */
  readonly host: WidgetHost;
  /** The scheme this widget renders in (a root's `theme` prop wins over the host's scheme). */
  readonly scheme: Scheme;
  /** A prefix unique to this widget element, for `id`/`for` pairs (Label ↔ control). */
  readonly uid: string;
  /** The renderer's own words, translated when the host provides them. */
  readonly strings: Readonly<WidgetStrings>;
  /** Field names that a `Label` in this widget names (controls without one get an `aria-label`). */
  readonly labelled: ReadonlySet<string>;
  /** Renders one node through the registry (unknown types → a fallback box). */
  node(node: unknown): TemplateResult;
  /** Renders a list of nodes keyed by `id`/`key`, so DOM (typed text, focus) survives updates. */
  children(nodes: unknown): unknown;
  /** Fires an action bound at `site` of `source`; form values of the enclosing form are merged in. */
  fire(config: ActionConfig | undefined | null, site: ActionSite, source: HTMLElement): void;
  /**
   * Validates and submits the form enclosing `source` (a `submit` Button, Enter in an Input, an asForm Card's
   * confirm): fires the form's submit action, or `fallback` when there is none.
   */
  submit(source: HTMLElement, fallback?: ActionConfig | null): void;
  /** Per-widget UI state keyed by a node identity; changes call for a re-render. */
  readonly ui: Map<string, unknown>;
  /** Re-renders the widget (after a change to {@link RenderContext.ui}). */
  requestUpdate(): void;
}

/** A stable identity for a node in UI state: its `id`, its `key`, or its type and position. */
export function nodeIdentity(node: WidgetNode, fallback: string): string {
  return typeof node.id === 'string'
    ? `id:${node.id}`
    : typeof node.key === 'string'
      ? `key:${node.key}`
      : fallback;
}

/** The `fieldName`s of every `Label` in a widget tree. */
export function labelledFields(root: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(root)) {
    for (const child of root) labelledFields(child, out);
  } else if (root && typeof root === 'object') {
    const node = root as WidgetNode;
    if (node.type === 'Label' && typeof node.fieldName === 'string') out.add(node.fieldName);
    if (node.children) labelledFields(node.children, out);
  }
  return out;
}
