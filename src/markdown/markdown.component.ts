import {
  LitElement,
  html,
  nothing,
  type CSSResult,
  type PropertyValues,
  type TemplateResult,
  type PropertyDeclarations,
} from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { icon } from '../internal/icons.js';
import type { Annotation, Source } from '../protocol/types.js';
import type * as CitationsModule from './citations.js';
import type { Citations } from './citations.js';
import { markdownDom } from './directive.js';
import { IncrementalMarkdown, type MarkdownBlock } from './incremental.js';
import { markdownStyles } from './markdown.styles.js';
import { emitEntity, entityFromSource } from '../element/composer/entity-events.js';
import { entityNamesLoading } from './entities.js';
import { normaliseMarkdown } from './sentinels.js';

/** Strings the element shows; pass localised ones through {@link ChatkitMarkdown.labels}. */
export interface MarkdownLabels {
  /** Accessible name of a code block's copy button. */
  copyCode: string;
  /** Shown briefly after copying. */
  copied: string;
  /** Title of the sources list (and prefix of a citation marker's accessible name). */
  sources: string;
  /** Shown under an answer that went past the parser's limits (nesting, table width, inline syntax). */
  truncated?: string;
  /** Button of an image whose host the policy refuses; `{host}` is replaced by the image's host. */
  loadImage?: string;
}

/** English defaults of {@link MarkdownLabels}. */
export const DEFAULT_MARKDOWN_LABELS: Readonly<Required<MarkdownLabels>> = Object.freeze({
  copyCode: 'Copy code',
  copied: 'Copied',
  sources: 'Sources',
  truncated: 'Part of this answer went past the renderer’s limits and is shown simplified.',
  loadImage: 'Load image from {host}',
});

/** Detail of `chatkit-source-click`. */
export interface SourceClickDetail {
  /** The sources of the marker or list entry the user activated. */
  sources: Source[];
}

/**
 * Blocks per group of the rendered list. Why groups: a long answer has hundreds of blocks and only the last
 * changes while it streams; diffing every block's template on every frame made the cost per delta grow with
 * the answer's length. A group whose blocks are the same objects as last time is skipped in one comparison.
 */
const GROUP = 32;

/**
 * citations.ts (grouping annotations, placing markers, the sources list and their styles), loaded with the first
 * message that has annotations: a plain answer does not need it. Shared by every instance once loaded.
 */
let citationsModule: typeof CitationsModule | undefined;
let citationsLoading: Promise<void> | undefined;

function loadCitations(): Promise<void> {
  citationsLoading ??= import('./citations.js').then((m) => {
    citationsModule = m;
  });
  return citationsLoading;
}

const NO_CITATIONS: Citations = { groups: [], sources: [] };

/** How long the copy button shows its "Copied" state. */
const COPIED_FEEDBACK_MS = 1500;

/**
 * Renders untrusted markdown (GFM) safely and incrementally: assistant messages, notices, widget `Markdown`.
 *
 * @summary Sanitized, streaming-friendly markdown with code copy buttons and citations.
 *
 * @internal Used inside `<chatkit-chat>`; not a public element.
 *
 * @event chatkit-source-click - The user activated a citation marker or an entity source.
 *   `detail: { sources: Source[] }`; bubbles, composed.
 *
 * @csspart markdown - The rendered markdown.
 * @csspart code-block - A top-level code block (header plus code).
 * @csspart copy-button - A code block's copy button.
 * @csspart citation - An inline citation marker.
 * @csspart sources - The collapsed "Sources" list under the text.
 * @csspart truncated-note - The note shown when a limit of the renderer applied (nesting, table width, inline
 *   syntax).
 */
export class ChatkitMarkdown extends LitElement {
  static override styles = markdownStyles;
  /**
   * The reactive properties, as `@property`/`@state` declared them (no decorator helpers in the bundle). The
   * fields below stay plain: `useDefineForClassFields: false` (tsconfig.json) compiles them to assignments,
   * which go through Lit's accessors.
   */
  static override properties: PropertyDeclarations = {
    copiedKey: { state: true, attribute: false },
    sourcesOpen: { state: true, attribute: false },
    highlighted: { state: true, attribute: false },
    text: { attribute: false },
    streaming: { type: Boolean, reflect: true },
    annotations: { attribute: false },
    allowedImageDomains: { attribute: false },
    imageProxyUrl: { attribute: false },
    approvedImages: { state: true, attribute: false },
    labels: { attribute: false },
    noSources: { type: Boolean, attribute: 'no-sources' },
  };

  private engine = new IncrementalMarkdown();
  private citations: Citations = NO_CITATIONS;
  /** The load of entities.ts's name table this element's last render started, until it re-rendered after it. */
  private entityNames: Promise<void> | undefined;
  /** The load of the lexer's rules (lexer-extras.ts) the engine waits for, until the render after it. */
  private lexerWait: Promise<void> | undefined;
  /** Whether this element's styles include citations.ts's (adopted once that module is loaded). */
  private citationStylesAdopted = false;
  private blocks: readonly MarkdownBlock[] = [];
  /** Value of the inputs the engine was built for (see willUpdate). */
  private optionsSignature = '';
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Frame that continues a render the engine cut short (a long text set at once), if one is scheduled. */
  private resumeFrame = 0;

  /** Key of the code block whose copy button shows "Copied". */
  private copiedKey: string | null = null;
  /** Whether the sources list is expanded. */
  private sourcesOpen = false;
  /** 1-based numbers of the sources highlighted by the last marker click. */
  private highlighted: readonly number[] = [];

  /** The markdown source. Untrusted; may grow between updates while {@link streaming}. */
  text = '';

  /** More text will follow: only the last block re-renders, and a caret shows where text arrives. */
  streaming = false;

  /** Citations (PROTOCOL §6.4): markers at `index` (grouped), sources listed below the text. */
  annotations: readonly Annotation[] = [];

  /** The thread's `allowed_image_domains`; `null` applies the client default (all http/https hosts). */
  allowedImageDomains: readonly string[] | null = null;

  /** Image proxy for hosts the domain list refuses (`images.proxyUrl`); `null` = refused images are blocked. */
  imageProxyUrl: string | null = null;

  /** Image URLs the reader chose to load with a "Load image from …" button (this message only). */
  private approvedImages: readonly string[] = [];

  /** Localised strings; missing entries fall back to English. */
  labels: Partial<MarkdownLabels> = {};

  /** Hide the sources list (the host renders sources itself); inline markers still show. */
  noSources = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.copiedTimer);
    cancelAnimationFrame(this.resumeFrame);
    this.resumeFrame = 0;
  }

  protected override updated(): void {
    // A character reference entities.ts does not know by itself stayed literal and started its table's load:
    // every block is built again once the table is here (a new engine, see willUpdate).
    const names = entityNamesLoading();
    if (names && !this.entityNames) {
      this.entityNames = names;
      void names.then(
        () => {
          this.entityNames = undefined;
          this.optionsSignature = '';
          this.requestUpdate();
        },
        () => (this.entityNames = undefined),
      );
    }
    // The text met a construct whose lexer rules are loading (lexer-extras.ts): the engine kept what it showed
    // before, and renders the rest once they are here.
    const waiting = this.engine.waiting;
    if (waiting && this.lexerWait !== waiting) {
      this.lexerWait = waiting;
      void waiting.then(() => {
        if (this.lexerWait !== waiting) return;
        this.lexerWait = undefined;
        this.blocks = this.computeBlocks();
        this.requestUpdate();
      });
    }
    // A long text set at once is rendered over several frames (IncrementalMarkdown.behind), never in one long task.
    if (this.engine.behind && this.resumeFrame === 0 && this.isConnected) {
      this.resumeFrame = requestAnimationFrame(() => {
        this.resumeFrame = 0;
        this.blocks = this.computeBlocks();
        this.requestUpdate();
      });
    }
  }

  /**
   * Also waits for citations.ts when annotations are waiting for it, and for the render with their markers, so
   * `updateComplete` means "shows what its properties say" as before the module was split out.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    if (!citationsModule && citationsLoading && (this.annotations ?? []).length > 0) {
      await citationsLoading.catch(() => undefined);
      done = await super.getUpdateComplete();
    }
    for (let wait = this.lexerWait; wait; wait = this.lexerWait) {
      await wait;
      done = await super.getUpdateComplete();
    }
    const names = this.entityNames;
    if (names) {
      await names.catch(() => undefined);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const annotated = (this.annotations ?? []).length > 0;
    if (annotated && !citationsModule) {
      // Rendered without markers until the module is here, then once more with them (the signature changes).
      void loadCitations().then(
        () => this.requestUpdate(),
        () => undefined,
      );
    }
    const citations = annotated ? citationsModule : undefined;
    const options = [
      Boolean(citations),
      this.annotations ?? [],
      this.allowedImageDomains,
      this.imageProxyUrl,
      this.approvedImages,
      this.label('sources'),
      this.label('loadImage'),
    ];
    // Why compare by value: hosts pass freshly built arrays on every render (e.g. annotations flattened from
    // content parts); rebuilding the engine for an equal value would re-render every finished block.
    const signature = JSON.stringify(options);
    if (signature !== this.optionsSignature) {
      this.optionsSignature = signature;
      this.citations = citations ? citations.buildCitations(this.annotations) : NO_CITATIONS;
      if (citations && !this.citationStylesAdopted) this.adoptCitationStyles(citations.citationStyles);
      const groups = this.citations.groups;
      const labels = { sources: this.label('sources') };
      // Why a new engine: markers are in the lexed source, and a new engine's blocks are new objects, so every
      // block's DOM is rebuilt with the new image policy and labels.
      this.engine = new IncrementalMarkdown({
        allowedImageDomains: this.allowedImageDomains,
        imageProxyUrl: this.imageProxyUrl,
        approvedImages: this.approvedImages,
        loadImageLabel: this.label('loadImage'),
        ...(groups.length > 0 ? { citations: { groups, labels } } : {}),
      });
      this.blocks = this.computeBlocks();
    } else if (changed.has('text') || changed.has('streaming')) {
      this.blocks = this.computeBlocks();
    }
  }

  /** Adds citations.ts's styles to the shadow root's (constructable style sheets: strict-CSP safe). */
  private adoptCitationStyles(styles: CSSResult): void {
    const root = this.renderRoot;
    const sheet = styles.styleSheet;
    if (!(root instanceof ShadowRoot) || !sheet) return;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.citationStylesAdopted = true;
  }

  private computeBlocks(): readonly MarkdownBlock[] {
    const source = normaliseMarkdown(this.text);
    const groups = this.citations.groups;
    const marked = groups.length > 0 ? citationsModule!.insertMarkers(source, groups) : source;
    return this.engine.update(marked, this.streaming);
  }

  private label(key: keyof MarkdownLabels): string {
    return this.labels?.[key] ?? DEFAULT_MARKDOWN_LABELS[key];
  }

  private handleClick(event: Event): void {
    if (this.loadImage(event)) return;
    const marker = (event.target as Element | null)?.closest?.('[data-citation]');
    if (!marker) return;
    // A marker may sit inside link text; activating it must not also follow the link.
    event.preventDefault();
    const group = this.citations.groups[Number(marker.getAttribute('data-citation')) - 1];
    if (!group) return;
    this.sourcesOpen = true;
    this.highlighted = group.numbers;
    this.emitSourceClick(group.sources);
  }

  /** A "Load image from …" control (dom.ts): load that one image. Returns whether it was one. */
  private loadImage(event: Event): boolean {
    const control = (event.target as Element | null)?.closest?.('a.md-image-load');
    if (!control) return false;
    event.preventDefault();
    const url = control.getAttribute('href');
    if (url && !this.approvedImages.includes(url)) this.approvedImages = [...this.approvedImages, url];
    return true;
  }

  /** Space activates the load control like a button (it is an `<a role="button">`; Enter already clicks). */
  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== ' ') return;
    const control = (event.target as Element | null)?.closest?.('a.md-image-load');
    if (control instanceof HTMLElement) {
      event.preventDefault();
      control.click();
    }
  }

  /**
   * Pointer over or focus on a citation marker whose group is one interactive entity: asks the root element for
   * the entity's preview (`entities.onRequestPreview`, see entity-preview.ts).
   */
  private handleMarkerHover(event: Event): void {
    const marker = (event.target as Element | null)?.closest?.('[data-citation]');
    if (!(marker instanceof HTMLElement)) return;
    const group = this.citations.groups[Number(marker.getAttribute('data-citation')) - 1];
    const source = group?.sources.length === 1 ? group.sources[0] : undefined;
    if (source?.type === 'entity' && source.interactive)
      emitEntity('hover', marker, entityFromSource(source));
  }

  private emitSourceClick(sources: Source[]): void {
    this.dispatchEvent(
      new CustomEvent<SourceClickDetail>('chatkit-source-click', {
        detail: { sources },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private async handleCopy(block: MarkdownBlock): Promise<void> {
    try {
      await window.navigator.clipboard.writeText(block.code);
    } catch {
      // Clipboard API refused (no focus, insecure context): fall back to a selection copy.
      const area = document.createElement('textarea');
      area.value = block.code;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      this.renderRoot.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    this.copiedKey = block.key;
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copiedKey = null), COPIED_FEEDBACK_MS);
  }

  private handleToggle(event: Event): void {
    this.sourcesOpen = (event.currentTarget as HTMLDetailsElement).open;
  }

  private renderCode(block: MarkdownBlock): TemplateResult {
    const copied = this.copiedKey === block.key;
    const name = copied ? this.label('copied') : this.label('copyCode');
    return html`<div class="code-block" part="code-block">
      <div class="code-header">
        <span class="code-lang">${block.lang}</span>
        <button
          type="button"
          class="copy"
          part="copy-button"
          aria-label=${name}
          title=${name}
          @click=${() => this.handleCopy(block)}
        >
          ${icon(copied ? 'check' : 'copy', { size: 14 })}
        </button>
      </div>
      <pre><code class=${block.lang ? `language-${block.lang}` : nothing}>${block.code}</code></pre>
    </div>`;
  }

  private renderBlock(block: MarkdownBlock): TemplateResult {
    const open = block.open && this.streaming;
    const cls = open ? 'block block--tail' : 'block';
    if (block.kind === 'code') return html`<div class=${cls}>${this.renderCode(block)}</div>`;
    // The growing last block changes only what differs from its previous rendering (see dom.ts).
    return html`<div class=${cls} ${markdownDom(block.tokens, this.engine.options)}></div>`;
  }

  private renderSources(): TemplateResult | typeof nothing {
    const { sources } = this.citations;
    if (this.noSources || sources.length === 0 || !citationsModule) return nothing;
    return citationsModule.renderSourceList({
      sources,
      open: this.sourcesOpen,
      highlighted: this.highlighted,
      title: this.label('sources'),
      toggle: (event) => this.handleToggle(event),
      activate: (list) => this.emitSourceClick(list),
    });
  }

  private renderBlocks(): unknown {
    const groups: MarkdownBlock[][] = [];
    for (let i = 0; i < this.blocks.length; i += GROUP) groups.push(this.blocks.slice(i, i + GROUP));
    // Everything a block's rendering reads besides the block itself (see renderBlock and renderCode).
    const inputs = [this.copiedKey, this.labels];
    return repeat(
      groups,
      (group) => group[0]!.key,
      // Why a box per group: a layout pass walks the children of every box it lays out again, so with all blocks
      // side by side each frame of a long answer walked all of them (~1,500 at 64 KB); a finished group is one
      // child. `streaming` matters only to a group with an open block (the caret; see renderBlock).
      (group) =>
        html`<div class="group">
          ${guard([...group, ...inputs, group.some((block) => block.open) && this.streaming], () =>
            repeat(
              group,
              (block) => block.key,
              (block) => this.renderBlock(block),
            ),
          )}
        </div>`,
    );
  }

  override render(): TemplateResult {
    const waiting = this.streaming && this.blocks.every((b) => b.empty);
    return html`<div
        class="markdown"
        part="markdown"
        @click=${this.handleClick}
        @keydown=${this.handleKeydown}
        @pointerover=${this.handleMarkerHover}
        @focusin=${this.handleMarkerHover}
      >
        ${this.renderBlocks()}
        ${waiting ? html`<span class="caret caret--alone" aria-hidden="true"></span>` : nothing}
      </div>
      ${this.engine.truncated ? html`<p class="truncated" part="truncated-note">${this.label('truncated')}</p>` : nothing}
      ${this.renderSources()}`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'chatkit-source-click': CustomEvent<SourceClickDetail>;
  }
}
