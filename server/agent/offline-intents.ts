/**
 * The offline demo model's intent matcher. Use cases contribute a table of {@link OfflineIntent}s (patterns
 * plus what to call when one matches); the matcher corrects small typos of the words the tables know,
 * then tries the intents whose tools the agent offers, by priority. The matcher knows no use case.
 *
 * @module
 */

/** A tool call the offline model makes. */
export interface OfflineCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** What the offline model does with a request: call tools and/or say something. */
export interface OfflineDecision {
  calls?: OfflineCall[];
  text?: string;
}

/** A request as the intents see it. */
export interface OfflineRequest {
  /** The user's newest words: whitespace collapsed, surrounding quotes and final punctuation removed. */
  text: string;
  /** {@link text} with typos of known words corrected (case of other words kept). Patterns run on this. */
  normalized: string;
  /** The typed text behind `[start, end)` of {@link normalized}. */
  original(start: number, end: number): string;
  /** Names of the tools the agent offers. */
  tools: ReadonlySet<string>;
  /** The agent's system instructions (use cases may read state they wrote there themselves). */
  instructions: string;
}

/** One row of an intent table. */
export interface OfflineIntent {
  /** Stable id for tests and logs, e.g. `todo.add`. */
  id: string;
  /** Tools the agent must offer for this intent to apply. */
  tools: readonly string[];
  /** Higher runs first (default 0); e.g. an open multi-step flow claims plain answers first. */
  priority?: number;
  /** Patterns tried against {@link OfflineRequest.normalized}; the first match is handed to {@link decide}. */
  patterns: readonly RegExp[];
  /** Words the typo corrector may correct towards (verbs and nouns of the patterns, ≥ 4 letters). */
  vocabulary?: readonly string[];
  /** Extra condition (e.g. only while a flow is open). */
  when?(request: OfflineRequest): boolean;
  /**
   * Turns a match into a decision; null declines (the next intent is tried). `groups` are the pattern's
   * named groups as the user typed them (typo corrections apply to matching only).
   */
  decide(groups: Readonly<Record<string, string>>, request: OfflineRequest): OfflineDecision | null;
}

/** The id of the intent that placed a request, with its decision. */
export interface IntentMatch {
  intent: string;
  decision: OfflineDecision;
}

/** Real words one edit away from common command words; never "corrected". */
const PROTECTED = new Set(['lost', 'last', 'mist', 'must', 'cost', 'host', 'post', 'shop', 'show', 'slow']);

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return Math.min(d[a.length][b.length], max + 1);
}

/** Corrects a word towards the vocabulary: one edit for words of 4+ letters, two for 8+. */
function correctWord(word: string, vocabulary: readonly string[]): string {
  const lower = word.toLowerCase();
  if (lower.length < 4 || PROTECTED.has(lower) || vocabulary.includes(lower)) return word;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of vocabulary) {
    if (candidate[0] !== lower[0] && candidate.length < 6) continue;
    const allowed = candidate.length >= 8 ? 2 : 1;
    const distance = editDistance(lower, candidate, allowed);
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? word;
}

/** Collapses whitespace and strips surrounding quotes and final punctuation. */
export function cleanRequest(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“‘]+|["'”’.!?…]+$/g, '')
    .trim();
}

/** A request's text with typos corrected, able to map spans of the corrected text back to the typed one. */
export interface NormalizedText {
  text: string;
  /** The typed text behind `[start, end)` of the corrected text. */
  original(start: number, end: number): string;
}

/** Corrects typos of vocabulary words in `text`, keeping everything else as typed. */
export function normalizeRequest(text: string, vocabulary: readonly string[]): NormalizedText {
  // Pieces alternate between words and what lies between them; only words change.
  const pieces: { from: number; to: number; at: number; length: number }[] = [];
  let out = '';
  let last = 0;
  const push = (from: number, to: number, piece: string) => {
    pieces.push({ from, to, at: out.length, length: piece.length });
    out += piece;
  };
  for (const match of text.matchAll(/[\p{L}][\p{L}'’]*/gu)) {
    const start = match.index ?? 0;
    if (start > last) push(last, start, text.slice(last, start));
    push(start, start + match[0].length, correctWord(match[0], vocabulary));
    last = start + match[0].length;
  }
  if (last < text.length) push(last, text.length, text.slice(last));
  const map = (offset: number, end: boolean): number => {
    for (const piece of pieces) {
      if (offset < piece.at || offset > piece.at + piece.length) continue;
      if (offset === piece.at + piece.length && !end) continue;
      const unchanged = piece.to - piece.from === piece.length;
      if (unchanged) return piece.from + (offset - piece.at);
      return offset === piece.at ? piece.from : piece.to;
    }
    return end ? text.length : 0;
  };
  return { text: out, original: (start, end) => text.slice(map(start, false), map(end, true)) };
}

/**
 * Places a request: the first intent (by priority, then table order) whose tools are all offered, whose
 * condition holds and whose pattern matches and decides. Returns null when nothing fits.
 */
export function matchIntent(
  intents: readonly OfflineIntent[],
  text: string,
  tools: ReadonlySet<string>,
  instructions = '',
): IntentMatch | null {
  const usable = intents
    .map((intent, index) => ({ intent, index }))
    .filter(({ intent }) => intent.tools.every((tool) => tools.has(tool)))
    .sort((a, b) => (b.intent.priority ?? 0) - (a.intent.priority ?? 0) || a.index - b.index)
    .map(({ intent }) => intent);
  const vocabulary = [...new Set(usable.flatMap((intent) => intent.vocabulary ?? []))].map((word) =>
    word.toLowerCase(),
  );
  const clean = cleanRequest(text);
  const normalized = normalizeRequest(clean, vocabulary);
  const request: OfflineRequest = {
    text: clean,
    normalized: normalized.text,
    original: normalized.original,
    tools,
    instructions,
  };
  for (const intent of usable) {
    if (intent.when && !intent.when(request)) continue;
    for (const pattern of intent.patterns) {
      const match = withIndices(pattern).exec(request.normalized);
      if (!match) continue;
      const groups: Record<string, string> = {};
      for (const [name, span] of Object.entries(match.indices?.groups ?? {}))
        if (span) groups[name] = normalized.original(span[0], span[1]);
      const decision = intent.decide(groups, request);
      if (decision) return { intent: intent.id, decision };
    }
  }
  return null;
}

const indexed = new WeakMap<RegExp, RegExp>();

/** The pattern with the `d` flag (match indices), without `g`/`y` state. */
function withIndices(pattern: RegExp): RegExp {
  let copy = indexed.get(pattern);
  if (!copy) {
    copy = new RegExp(pattern.source, `${pattern.flags.replace(/[gyd]/g, '')}d`);
    indexed.set(pattern, copy);
  }
  return copy;
}
