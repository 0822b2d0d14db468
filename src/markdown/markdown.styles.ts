/**
 * Styles of `<chatkit-markdown>`: typography for rendered markdown, code blocks, horizontally scrolling
 * tables. The citation markers' and sources list's styles are in citations.ts, adopted with it. Colors, radii and fonts come from the `--chatkit-*` tokens only.
 *
 * @module
 */
import { css } from 'lit';

export const markdownStyles = css`
  :host {
    display: block;
    color: inherit;
    font: inherit;
    overflow-wrap: anywhere;
    --gap: calc(var(--chatkit-spacing) * 3);
  }
  .markdown > .group:first-child > .block:first-child > :first-child {
    margin-top: 0;
  }
  .markdown > .group:last-child > .block:last-child > :last-child {
    margin-bottom: 0;
  }
  /* A finished group is a stacking context of its own (nothing else changes: no positioned or blended content
     here), so Chromium's pre-paint skips it on the frames that only the growing last group changes (pre-paint
     per frame of a 64 KB answer 2.4 → 0.5 ms of CPU, bench/stream-render/frame-cost.mjs). */
  .markdown > .group:not(:last-child) {
    isolation: isolate;
  }
  p,
  ul,
  ol,
  blockquote,
  pre,
  table,
  .code-block {
    margin: 0 0 var(--gap);
  }
  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin: calc(var(--gap) * 1.5) 0 var(--gap);
    line-height: 1.3;
    font-weight: 600;
  }
  h1 {
    font-size: 1.5em;
  }
  h2 {
    font-size: 1.3em;
  }
  h3 {
    font-size: 1.15em;
  }
  h4,
  h5,
  h6 {
    font-size: 1em;
  }
  ul,
  ol {
    padding-inline-start: 1.5em;
  }
  li + li,
  li > ul,
  li > ol {
    margin-top: calc(var(--chatkit-spacing) * 1);
  }
  li > ul,
  li > ol {
    margin-bottom: 0;
  }
  li > input[type='checkbox'] {
    margin: 0 0.4em 0 0;
    vertical-align: middle;
  }
  a {
    color: var(--chatkit-accent);
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  a:hover {
    color: var(--chatkit-accent-hover);
  }
  a:focus-visible,
  button:focus-visible,
  summary:focus-visible {
    outline: none;
    box-shadow: var(--chatkit-focus-ring);
    border-radius: var(--chatkit-radius-sm);
  }
  blockquote {
    padding: 0 0 0 calc(var(--chatkit-spacing) * 3);
    border-inline-start: 3px solid var(--chatkit-border-strong);
    color: var(--chatkit-text-secondary);
  }
  hr {
    border: 0;
    border-top: 1px solid var(--chatkit-border);
    margin: var(--gap) 0;
  }
  img {
    max-width: 100%;
    height: auto;
    border-radius: var(--chatkit-radius-sm);
  }
  .md-image-blocked {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 1.5);
    padding: 0 calc(var(--chatkit-spacing) * 1.5);
    border: 1px dashed var(--chatkit-border-strong);
    border-radius: var(--chatkit-radius-sm);
    color: var(--chatkit-text-secondary);
  }
  /* The click-to-load control of a blocked image: a button, though the markup is a link (see dom.ts). */
  .md-image-blocked a.md-image-load {
    margin-block: 2px;
    padding: 0 calc(var(--chatkit-spacing) * 1.5);
    border: 1px solid var(--chatkit-border-strong);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface);
    color: var(--chatkit-text);
    font-size: 0.9em;
    text-decoration: none;
    cursor: pointer;
  }
  /* Link text is isolated, so a bidi override in the text around a link cannot reorder what the link says. */
  a {
    unicode-bidi: isolate;
  }
  code {
    font-family: var(--chatkit-font-family-mono);
    font-size: 0.9em;
  }
  :not(pre) > code {
    padding: 0.1em 0.35em;
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface-secondary);
  }
  pre {
    overflow-x: auto;
    padding: calc(var(--chatkit-spacing) * 3);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface-secondary);
    line-height: 1.45;
  }
  .code-block {
    border: 1px solid var(--chatkit-border-subtle);
    border-radius: var(--chatkit-radius-sm);
    background: var(--chatkit-surface-secondary);
    overflow: hidden;
  }
  .code-block pre {
    margin: 0;
    border-radius: 0;
    background: transparent;
    padding-top: 0;
  }
  .code-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    min-height: 2em;
    padding: calc(var(--chatkit-spacing) * 1) calc(var(--chatkit-spacing) * 1) 0
      calc(var(--chatkit-spacing) * 3);
    color: var(--chatkit-text-secondary);
    font-size: 0.8em;
  }
  .copy {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 28px;
    min-height: 28px;
    padding: 0;
    border: 0;
    border-radius: var(--chatkit-radius-sm);
    background: transparent;
    color: var(--chatkit-text-secondary);
    cursor: pointer;
  }
  .copy:hover {
    background: var(--chatkit-surface-tertiary);
    color: var(--chatkit-text);
  }
  /* Why display:block: a wide table scrolls inside the message instead of widening the whole chat. */
  table {
    display: block;
    width: max-content;
    max-width: 100%;
    overflow-x: auto;
    border-collapse: collapse;
  }
  th,
  td {
    padding: calc(var(--chatkit-spacing) * 1.5) calc(var(--chatkit-spacing) * 3);
    border: 1px solid var(--chatkit-border);
    text-align: start;
    vertical-align: top;
    /* Why: the host breaks long words anywhere; in a cell that squeezes columns to one letter, and the
       table scrolls instead. */
    overflow-wrap: normal;
  }
  th {
    background: var(--chatkit-surface-secondary);
    font-weight: 600;
  }
  th[align='center'],
  td[align='center'] {
    text-align: center;
  }
  th[align='right'],
  td[align='right'] {
    text-align: end;
  }

  /* Streaming caret: after the last text of the block that is still growing. Solid while text arrives: a
     blink is a CSS animation Chromium runs on the main thread, one extra style pass on every frame of the
     stream (the bench's style recalcs went from one to two per frame). It blinks only while waiting for the
     first text, when nothing else changes. */
  .block--tail > :is(p, h1, h2, h3, h4, h5, h6):last-child::after,
  .block--tail > :is(ul, ol):last-child > li:last-child::after,
  .block--tail > blockquote:last-child > :last-child::after,
  .block--tail pre > code::after,
  .caret--alone {
    content: '';
    display: inline-block;
    width: 0.5em;
    height: 1em;
    margin-inline-start: 2px;
    vertical-align: text-bottom;
    border-radius: 1px;
    background: currentColor;
  }
  .caret--alone {
    animation: caret-blink 1s steps(1) infinite;
  }
  @keyframes caret-blink {
    50% {
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .caret--alone {
      animation: none;
    }
  }

  /* Each paragraph takes its direction from its own text (an English answer inside an Arabic UI reads
     left to right, and the reverse), like dir="auto" per block. Code always reads left to right. */
  :is(p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, dt, dd) {
    unicode-bidi: plaintext;
  }
  pre,
  code {
    direction: ltr;
    unicode-bidi: isolate;
    text-align: left;
  }

  .truncated {
    margin: 0.5em 0 0;
    font-size: 0.875em;
    color: var(--chatkit-color-text-secondary, #5f6368);
    font-style: italic;
  }
`;
