/**
 * The canned markdown answers of the scripted responder, chosen deterministically from the user's text.
 * They exercise the renderer: headings, lists, code blocks, tables, quotes and inline formatting.
 *
 * @module
 */

/** One canned answer: when it applies and what it says. */
interface ScriptedAnswer {
  /** Lowercase keywords; the first answer with a keyword contained in the prompt wins. */
  keywords: readonly string[];
  answer: (prompt: string) => string;
}

const SHOWCASE = `## What this demo can render

Answers stream in as **markdown**, one small piece at a time:

- headings, *emphasis* and \`inline code\`
- lists, including nested ones
  - like this one
- fenced code blocks and tables

\`\`\`ts
import 'chatkit-chat/define';

const chat = document.querySelector('chatkit-chat');
chat?.setOptions({ api: { url: '/chatkit' } });
\`\`\`

| Feature | Status |
| --- | --- |
| Streaming markdown | ✅ |
| Threads and history | ✅ |
| Widgets | ✅ |

> Tip: press **Stop** while an answer streams to cancel it.`;

const ANSWERS: readonly ScriptedAnswer[] = [
  {
    keywords: ['hello', 'hi ', 'hey', 'bonjour', 'hallo'],
    answer: () =>
      'Hello! 👋 I am the **scripted demo responder**. Ask me for a *table*, some *code*, a *list*, or ' +
      'say *markdown* to see everything at once.',
  },
  {
    keywords: ['table', 'compare'],
    answer: () => `### Plans compared

| Plan | Seats | Price / month |
| --- | ---: | ---: |
| Starter | 1 | $0 |
| Team | 10 | $49 |
| Business | 50 | $199 |

All plans include streaming answers and thread history.`,
  },
  {
    keywords: ['code', 'example', 'snippet', 'typescript', 'javascript'],
    answer: () => `### Embedding the element

Add one script and one tag:

\`\`\`html
<script type="module" src="/chatkit-chat.js"></script>
<chatkit-chat api-url="/chatkit"></chatkit-chat>
\`\`\`

Or configure it from code:

\`\`\`ts
const chat = document.querySelector('chatkit-chat')!;
chat.addEventListener('chatkit.response.end', () => console.log('answer finished'));
\`\`\``,
  },
  {
    keywords: ['list', 'steps', 'how do i', 'how to'],
    answer: () => `### Getting started

1. Install the dependencies with \`npm install\`.
2. Start the server with \`npm start\`.
3. Open the demo site and send a message.

Useful extras:

- set \`OPENAI_API_KEY\` to use a real model;
- set \`CHATKIT_ALLOWED_ORIGINS\` to embed the chat on other sites.`,
  },
  {
    keywords: ['long', 'story', 'essay'],
    answer: () =>
      '## A long answer\n\n' +
      Array.from(
        { length: 12 },
        (_, index) =>
          `${index + 1}. This is paragraph ${index + 1} of a deliberately long answer, streamed word by word ` +
          'so that there is time to press **Stop** and cancel it halfway through.',
      ).join('\n'),
  },
  {
    keywords: ['markdown', 'demo', 'rich', 'what can you do', 'help'],
    answer: () => SHOWCASE,
  },
];

/** Quotes the user's text as a markdown blockquote, one `>` per line. */
function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * The answer for a prompt. Unknown prompts get an echo with a short list, so every reply is still rich.
 *
 * @param prompt - the user's message text; empty when resuming after a tool call or structured input.
 */
export function scriptedAnswer(prompt: string): string {
  const normalized = ` ${prompt.toLowerCase()} `;
  const match = ANSWERS.find((entry) => entry.keywords.some((keyword) => normalized.includes(keyword)));
  if (match) return match.answer(prompt);
  if (prompt.trim() === '') return 'Thanks, I have everything I need. Anything else?';
  return `You said:

${quote(prompt.trim())}

I am the **scripted demo responder**, so I cannot really answer, but I can show you how answers look:

- try *table*, *code* or *list*;
- or ask for *markdown* to see everything at once.`;
}

/**
 * A short thread title from the first user message: its first words, at most 48 characters, without
 * trailing punctuation.
 */
export function titleFromPrompt(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
  const clipped = words.length > 48 ? `${words.slice(0, 47).trimEnd()}…` : words;
  const title = clipped.replace(/[\s.,;:!?]+$/, '');
  return title === '' ? 'New chat' : title.charAt(0).toUpperCase() + title.slice(1);
}

/**
 * Splits text into streaming deltas of about `wordsPerDelta` words, keeping whitespace so that the deltas
 * concatenate back to the exact text.
 */
export function splitIntoDeltas(text: string, wordsPerDelta = 3): string[] {
  const tokens = text.match(/\s*\S+/g) ?? [];
  const deltas: string[] = [];
  for (let index = 0; index < tokens.length; index += wordsPerDelta) {
    deltas.push(tokens.slice(index, index + wordsPerDelta).join(''));
  }
  const consumed = deltas.join('').length;
  if (consumed < text.length) {
    // Trailing whitespace is not matched by the word pattern; keep it so the text round-trips.
    if (deltas.length === 0) deltas.push(text);
    else deltas[deltas.length - 1] += text.slice(consumed);
  }
  return deltas;
}
