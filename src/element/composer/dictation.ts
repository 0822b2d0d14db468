/**
 * The composer's dictation (ChatKit's `composer.dictation`): a microphone button that records with
 * `MediaRecorder`, shows the recording (pressed button, elapsed time, a level meter fed by a Web Audio
 * `AnalyserNode`), sends the audio as `input.transcribe` when stopped and hands the text to the composer,
 * which places it at the cursor.
 *
 * The button shows only when the option is on, the browser can record, and the server transcribes (asked
 * once per session, see `ChatController.dictationAvailable`). Failures (permission denied, no microphone,
 * the server's error, nothing recognised) are shown in the composer in the element's language.
 *
 * Strict CSP: the meter level is a custom property set through CSSOM (`style.setProperty`), never a style
 * attribute.
 *
 * @internal
 * @module
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { Strings } from '../../i18n/strings.js';
import { uiIcon } from '../shared/ui-icon.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

/** Recordings stop by themselves after this long (the request body must stay within server limits). */
export const MAX_RECORDING_MS = 120_000;
/** Speech needs little: 32 kbit/s Opus keeps two minutes near 500 kB (≈ 650 kB as base64). */
const AUDIO_BITS_PER_SECOND = 32_000;
/** Preferred recording formats, in order (Chromium and Firefox: WebM/Ogg Opus; Safari: MP4/AAC). */
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

type Phase = 'idle' | 'starting' | 'recording' | 'transcribing';
type Problem = 'denied' | 'no-device' | 'unavailable' | 'failed' | 'nothing';

/** Whether this browser can record audio at all (secure context, `getUserMedia`, `MediaRecorder`). */
export function canRecord(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

/** The first recording format this browser supports, or `''` for the recorder's default. */
function pickMimeType(): string {
  return MIME_TYPES.find((type) => MediaRecorder.isTypeSupported?.(type)) ?? '';
}

/** What a `getUserMedia` failure means for the user. */
function problemOf(error: unknown): Problem {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return 'denied';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return 'no-device';
  }
  return 'unavailable';
}

function describe(problem: Problem, strings: Strings): string {
  switch (problem) {
    case 'denied':
      return strings.micPermissionDenied;
    case 'no-device':
      return strings.micNotFound;
    case 'unavailable':
      return strings.micUnavailable;
    case 'nothing':
      return strings.nothingHeard;
    default:
      return strings.transcriptionFailed;
  }
}

/** `m:ss`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Inserts dictated text into `value` in place of the selection `start..end`, adding a space on either side
 * where the text would otherwise run into a word. Returns the new value and the caret after the insertion.
 */
export function insertAtCursor(
  value: string,
  start: number,
  end: number,
  text: string,
): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  const before = value.slice(0, from);
  const after = value.slice(to);
  const spoken = text.trim();
  const lead = before && !/\s$/.test(before) ? ' ' : '';
  const trail = after && !/^\s/.test(after) ? ' ' : '';
  const inserted = `${lead}${spoken}${trail}`;
  return { value: before + inserted + after, caret: before.length + lead.length + spoken.length };
}

/** Dictation state and rendering for `<chatkit-composer>`. */
export class ComposerDictation implements ReactiveController {
  phase: Phase = 'idle';
  problem: Problem | null = null;
  /** The server transcribes (probe answer for the current configuration). */
  private available = false;
  private probedConfig: unknown;
  private startedAt = 0;
  private elapsedMs = 0;
  private stream?: MediaStream;
  private recorder?: MediaRecorder;
  private chunks: Blob[] = [];
  private discard = false;
  private audio?: AudioContext;
  private analyser?: AnalyserNode;
  private frame = 0;
  private limitTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly ctx: () => ChatContextValue,
    /** The composer's textarea (its value and selection). */
    private readonly textarea: () => HTMLTextAreaElement | null | undefined,
    /** Sets the composer's text. */
    private readonly setValue: (value: string) => void,
  ) {
    // Loaded on demand: the styles join the composer's shadow root with the code (CSSOM, strict-CSP safe).
    const sheet = dictationStyles.styleSheet;
    const root = host.shadowRoot;
    if (sheet && root && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    host.addController(this);
  }

  /** Puts dictated text at the cursor (replacing a selection) and leaves the caret after it. */
  private insert(text: string) {
    const textarea = this.textarea();
    const current = textarea?.value ?? '';
    const end = current.length;
    const { value, caret } = insertAtCursor(
      current,
      textarea?.selectionStart ?? end,
      textarea?.selectionEnd ?? end,
      text,
    );
    this.setValue(value);
    void this.host.updateComplete.then(() => {
      const input = this.textarea();
      input?.focus();
      input?.setSelectionRange(caret, caret);
    });
  }

  /** A recording or its transcription is in progress (Send waits). */
  get busy(): boolean {
    return this.phase !== 'idle';
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeyDown);
    this.cancel();
  }

  hostUpdated(): void {
    const ctx = this.ctx();
    if (!ctx.config.dictation || !canRecord()) return;
    // Ask again when the configuration changes (a new endpoint is a new session with its own answer).
    if (this.probedConfig === ctx.config) return;
    this.probedConfig = ctx.config;
    void ctx.controller.dictationAvailable().then((available) => {
      if (available === this.available) return;
      this.available = available;
      this.host.requestUpdate();
    });
  }

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && (this.phase === 'recording' || this.phase === 'starting')) {
      event.preventDefault();
      event.stopPropagation();
      this.cancel();
    }
  };

  private get shown(): boolean {
    return this.ctx().config.dictation && this.available && canRecord();
  }

  /** Idle: start; recording: stop and transcribe; waiting for the microphone: give up. */
  private toggle() {
    if (this.phase === 'idle') void this.start();
    else if (this.phase === 'recording') this.stop();
    else if (this.phase === 'starting') this.cancel();
  }

  /** Asks for the microphone and starts recording. */
  async start(): Promise<void> {
    if (this.phase !== 'idle') return;
    this.problem = null;
    this.discard = false;
    this.phase = 'starting';
    this.host.requestUpdate();
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
      });
    } catch (error) {
      this.phase = 'idle';
      this.problem = problemOf(error);
      this.host.requestUpdate();
      return;
    }
    if (this.phase !== 'starting' || this.discard) {
      // Cancelled (Escape, disconnected) while the permission prompt was open.
      for (const track of stream.getTracks()) track.stop();
      this.phase = 'idle';
      this.host.requestUpdate();
      return;
    }
    let recorder: MediaRecorder;
    try {
      const mimeType = pickMimeType();
      recorder = new MediaRecorder(stream, {
        ...(mimeType ? { mimeType } : {}),
        audioBitsPerSecond: AUDIO_BITS_PER_SECOND,
      });
    } catch {
      for (const track of stream.getTracks()) track.stop();
      this.phase = 'idle';
      this.problem = 'unavailable';
      this.host.requestUpdate();
      return;
    }
    this.stream = stream;
    this.recorder = recorder;
    this.chunks = [];
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
    recorder.addEventListener('stop', () => void this.finish(recorder));
    recorder.start();
    this.startedAt = performance.now();
    this.elapsedMs = 0;
    this.phase = 'recording';
    this.startMeter(stream);
    this.limitTimer = setTimeout(() => this.stop(), MAX_RECORDING_MS);
    this.host.requestUpdate();
  }

  /** Stops recording and transcribes what was recorded. */
  stop(): void {
    if (this.phase === 'recording' && this.recorder?.state !== 'inactive') this.recorder?.stop();
  }

  /** Stops recording and throws the audio away. */
  cancel(): void {
    if (this.phase === 'starting') {
      this.discard = true;
      this.phase = 'idle';
      this.host.requestUpdate();
      return;
    }
    if (this.phase !== 'recording') return;
    this.discard = true;
    this.stop();
  }

  private release() {
    clearTimeout(this.limitTimer);
    cancelAnimationFrame(this.frame);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    void this.audio?.close().catch(() => undefined);
    this.audio = undefined;
    this.analyser = undefined;
    this.stream = undefined;
    this.recorder = undefined;
  }

  private async finish(recorder: MediaRecorder) {
    const chunks = this.chunks;
    this.chunks = [];
    this.release();
    if (this.discard) {
      this.phase = 'idle';
      this.host.requestUpdate();
      return;
    }
    const audio = new Blob(chunks, { type: recorder.mimeType || chunks[0]?.type || 'audio/webm' });
    this.phase = 'transcribing';
    this.host.requestUpdate();
    try {
      const text = audio.size > 0 ? await this.ctx().controller.transcribe(audio) : '';
      if (text.trim()) this.insert(text);
      else this.problem = 'nothing';
    } catch {
      this.problem = 'failed';
    }
    this.phase = 'idle';
    this.host.requestUpdate();
  }

  /** Feeds the level meter from an `AnalyserNode` once per animation frame. */
  private startMeter(stream: MediaStream) {
    try {
      const audio = new AudioContext();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 512;
      audio.createMediaStreamSource(stream).connect(analyser);
      this.audio = audio;
      this.analyser = analyser;
    } catch {
      // No Web Audio: the recording works without a meter.
    }
    const samples = new Uint8Array(this.analyser?.fftSize ?? 0);
    const tick = () => {
      if (this.phase !== 'recording') return;
      const elapsed = performance.now() - this.startedAt;
      if (Math.floor(elapsed / 1000) !== Math.floor(this.elapsedMs / 1000)) {
        this.elapsedMs = elapsed;
        this.host.requestUpdate();
      }
      if (this.analyser) {
        this.analyser.getByteTimeDomainData(samples);
        let sum = 0;
        for (const sample of samples) sum += ((sample - 128) / 128) ** 2;
        // RMS of speech rarely passes 0.3; scale so that normal speech fills most of the meter.
        const level = Math.min(1, Math.sqrt(sum / samples.length) * 6);
        const meter = this.host.shadowRoot?.querySelector<HTMLElement>('.dictation-level');
        meter?.style.setProperty('--chatkit-dictation-level', level.toFixed(3));
      }
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  /** The microphone button (next to Send). */
  renderButton(locked: boolean) {
    if (!this.shown) return nothing;
    const { strings } = this.ctx();
    const recording = this.phase === 'recording';
    const label = recording
      ? strings.stopDictation
      : this.phase === 'transcribing'
        ? strings.transcribing
        : strings.dictate;
    return html`<button
      part="dictation-button"
      class="icon-button dictate"
      type="button"
      aria-label=${label}
      title=${label}
      aria-pressed=${recording || this.phase === 'starting' ? 'true' : 'false'}
      data-phase=${this.phase}
      aria-disabled=${this.phase === 'transcribing' ? 'true' : nothing}
      ?disabled=${locked && this.phase === 'idle'}
      @click=${() => this.toggle()}
    >
      ${
        this.phase === 'transcribing'
          ? html`<span class="spin" aria-hidden="true">${uiIcon('loader', 18)}</span>`
          : recording
            ? uiIcon('square', 14)
            : uiIcon('mic', 18)
      }
    </button>`;
  }

  /** The recording bar (meter, elapsed time, cancel) or the last error, above the input row. */
  renderStatus() {
    if (!this.ctx().config.dictation) return nothing;
    const { strings } = this.ctx();
    if (this.phase === 'recording') {
      const elapsed = formatElapsed(this.elapsedMs);
      return html`<div class="dictation" part="dictation" role="status">
        <span class="dictation-dot" aria-hidden="true"></span>
        <span class="dictation-level" aria-hidden="true">
          <span></span><span></span><span></span><span></span><span></span>
        </span>
        <span class="dictation-time"
          ><span aria-hidden="true">${elapsed}</span
          ><span class="sr-only">${strings.recording(elapsed)}</span></span
        >
        <button
          class="remove"
          type="button"
          aria-label=${strings.cancelDictation}
          title=${strings.cancelDictation}
          @click=${() => this.cancel()}
        >
          ${uiIcon('x', 12)}
        </button>
      </div>`;
    }
    if (this.phase === 'transcribing') {
      return html`<div class="dictation" part="dictation" role="status">${strings.transcribing}</div>`;
    }
    if (!this.problem) return nothing;
    return html`<div class="dictation dictation-error" part="dictation-error" role="alert">
      ${uiIcon('alert-triangle', 14)}<span class="message">${describe(this.problem, strings)}</span>
      <button
        class="remove"
        type="button"
        aria-label=${strings.dismiss}
        @click=${() => {
          this.problem = null;
          this.host.requestUpdate();
        }}
      >
        ${uiIcon('x', 12)}
      </button>
    </div>`;
  }
}

/** Styles of the dictation parts (added to the composer's). */
export const dictationStyles = css`
  .dictate {
    flex: none;
    align-self: flex-end;
    block-size: calc(var(--chatkit-spacing) * 9);
  }
  .dictate[aria-pressed='true'] {
    background: var(--chatkit-surface-tertiary);
    color: var(--chatkit-danger);
  }
  .dictation {
    display: flex;
    align-items: center;
    gap: calc(var(--chatkit-spacing) * 2);
    color: var(--chatkit-text-secondary);
    font-size: 0.85em;
  }
  .dictation-error {
    color: var(--chatkit-danger);
  }
  .dictation-error .message {
    flex: 1;
  }
  .dictation-dot {
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 999px;
    background: var(--chatkit-danger);
    animation: chatkit-dictation-pulse 1.2s ease-in-out infinite;
  }
  .dictation-level {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    block-size: 1.2em;
  }
  .dictation-level span {
    inline-size: 3px;
    block-size: 100%;
    border-radius: 2px;
    background: var(--chatkit-accent);
    transform-origin: center;
    transform: scaleY(calc(0.15 + var(--chatkit-dictation-level, 0) * var(--k, 1)));
    transition: transform 80ms linear;
  }
  .dictation-level span:nth-child(1),
  .dictation-level span:nth-child(5) {
    --k: 0.45;
  }
  .dictation-level span:nth-child(2),
  .dictation-level span:nth-child(4) {
    --k: 0.7;
  }
  .dictation-level span:nth-child(3) {
    --k: 0.85;
  }
  .dictation-time {
    font-variant-numeric: tabular-nums;
    min-inline-size: 2.5em;
  }
  @keyframes chatkit-dictation-pulse {
    50% {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dictation-dot {
      animation: none;
    }
    .dictation-level span {
      transition: none;
    }
  }
`;
