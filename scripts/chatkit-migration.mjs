#!/usr/bin/env node
/**
 * Writes the "Migrating from ChatKit JS" table into README.md between `<!-- migration:start -->` and
 * `<!-- migration:end -->`. The rows are every option (nested, by path), method and event that OpenAI's
 * published `@openai/chatkit` types declare (read with the TypeScript checker from node_modules), each with
 * our status from STATUS below. `--check` fails when the README is out of date, and always fails when
 * ChatKit declares something STATUS does not cover, so the table cannot drift from ChatKit's API.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

const packageDir = 'node_modules/@openai/chatkit';
const typesFile = `${packageDir}/types/index.d.ts`;
const version = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8')).version;

// ─────────────── our status for each ChatKit name (✅ same, ➕ same plus more, ⚠️ differs, ❌ not supported) ───────────────

const SAME = '✅';
/** Options, by path (`[]` marks array items). */
const STATUS = {
  // options
  api: SAME,
  'api.url': SAME,
  'api.fetch': `${SAME} a new closure is used at once; the conversation is kept`,
  'api.domainKey': `${SAME} accepted, not needed by our server`,
  'api.uploadStrategy': `${SAME} two-phase (the default) and direct`,
  'api.uploadStrategy.type': SAME,
  'api.uploadStrategy.uploadUrl': `${SAME} multipart \`file\` POST through \`api.fetch\`; the reference server's is \`/chatkit/upload\``,
  'api.getClientSecret':
    "❌ hosted mode needs OpenAI's backend: `chatkit.error` plus a visible notice telling to set `api.url`",
  locale: `${SAME} en, de, fr, es, ja, ar (widget and markdown words too); other locales fall back to English`,
  theme: `${SAME} plus \`'auto'\` (follows the OS)`,
  'theme.colorScheme': SAME,
  'theme.typography': SAME,
  'theme.typography.baseSize': SAME,
  'theme.typography.fontSources': SAME,
  'theme.typography.fontSources[].family': SAME,
  'theme.typography.fontSources[].src': SAME,
  'theme.typography.fontSources[].weight': SAME,
  'theme.typography.fontSources[].style': SAME,
  'theme.typography.fontSources[].display': SAME,
  'theme.typography.fontSources[].unicodeRange': SAME,
  'theme.typography.fontFamily': SAME,
  'theme.typography.fontFamilyMono': SAME,
  'theme.radius': SAME,
  'theme.density': SAME,
  'theme.color': SAME,
  'theme.color.grayscale': SAME,
  'theme.color.grayscale.hue': SAME,
  'theme.color.grayscale.tint': SAME,
  'theme.color.grayscale.shade': SAME,
  'theme.color.accent': SAME,
  'theme.color.accent.primary': SAME,
  'theme.color.accent.level': SAME,
  'theme.color.surface': SAME,
  'theme.color.surface.background': SAME,
  'theme.color.surface.foreground': SAME,
  frameTitle: `${SAME} the accessible name of the chat (no iframe)`,
  initialThread: `${SAME} without it, the remembered thread reopens (\`persist\`)`,
  onClientTool: SAME,
  header: SAME,
  'header.enabled': SAME,
  'header.title': SAME,
  'header.title.enabled': SAME,
  'header.title.text': SAME,
  'header.leftAction': `${SAME} plus an optional \`label\``,
  'header.leftAction.icon': `${SAME} all 46 \`HeaderIcon\` names, each with a translated accessible name`,
  'header.leftAction.onClick': SAME,
  'header.rightAction': `${SAME} plus an optional \`label\``,
  'header.rightAction.icon': `${SAME} all 46 \`HeaderIcon\` names, each with a translated accessible name`,
  'header.rightAction.onClick': SAME,
  history: SAME,
  'history.enabled': SAME,
  'history.showDelete': SAME,
  'history.showRename': SAME,
  startScreen: SAME,
  'startScreen.greeting': SAME,
  'startScreen.prompts': SAME,
  'startScreen.prompts[].label': SAME,
  'startScreen.prompts[].prompt': `${SAME} text or \`UserMessageContent[]\``,
  'startScreen.prompts[].icon': `${SAME} any icon name of the widget catalog`,
  threadItemActions: `${SAME} plus \`copy\` (default on)`,
  'threadItemActions.feedback': `${SAME} default off`,
  'threadItemActions.retry': `${SAME} default off`,
  composer: SAME,
  'composer.placeholder': SAME,
  'composer.attachments': SAME,
  'composer.attachments.enabled': SAME,
  'composer.attachments.maxSize': `${SAME} a number or a per-MIME record; a refused file never uploads and its chip says why`,
  'composer.attachments.maxCount': SAME,
  'composer.attachments.accept': SAME,
  'composer.tools': SAME,
  'composer.tools[].id': SAME,
  'composer.tools[].label': SAME,
  'composer.tools[].icon': SAME,
  'composer.tools[].shortLabel': SAME,
  'composer.tools[].placeholderOverride': SAME,
  'composer.tools[].pinned': `${SAME} pinned tools are chips, the others in a Tools menu`,
  'composer.tools[].persistent': `${SAME} a non-persistent tool is cleared after the message it applied to`,
  'composer.models': SAME,
  'composer.models[].id': SAME,
  'composer.models[].label': SAME,
  'composer.models[].description': `${SAME} a second line in the model menu`,
  'composer.models[].disabled': SAME,
  'composer.models[].default': SAME,
  'composer.dictation': `${SAME} the microphone shows only if the server transcribes (asked once with empty audio); the reference server uses the OpenAI audio API`,
  'composer.dictation.enabled': SAME,
  disclaimer: SAME,
  'disclaimer.text': SAME,
  'disclaimer.highContrast': SAME,
  entities: SAME,
  'entities.onTagSearch': SAME,
  'entities.showComposerMenu': `${SAME} an "@" button that starts a mention (needs \`onTagSearch\`)`,
  'entities.onClick': `${SAME} interactive tags of sent messages and interactive entity citations`,
  'entities.onRequestPreview': `${SAME} popover on hover or focus of a tag or entity citation; Escape dismisses; Tab enters a preview with controls, Tab past its end returns to the tag; its client actions go to \`widgets.onAction\` (item id \`entity-preview-<entity id>\`), its server actions are sent as \`threads.custom_action\` without \`item_id\``,
  commands: SAME,
  'commands.enabled': `${SAME} "/" at the start or after a space; lists the composer's tools and attach action too`,
  'commands.onSearch': `${SAME} one search at a time, the newest query wins`,
  'commands.onSelect': `${SAME} an \`entity\` result becomes a tag, a \`menu\` result a sub-menu`,
  widgets: `${SAME} every component of the widget catalog, rendered by the element (see the widget rows below)`,
  'widgets.onAction': `${SAME} after a cancelable \`chatkit.widget.action\` event`,
  thread: `${SAME} plus \`metadata\``,
  'thread.autoScroll': '⚠️ default on (ChatKit: off): a reader at the bottom keeps seeing the answer grow',
  // methods
  'setOptions()': `${SAME} invalid or unknown options: a \`chatkit.log\` warning, never an exception`,
  'focusComposer()': SAME,
  'setThreadId()': SAME,
  'sendCustomAction()': SAME,
  'sendUserMessage()': `${SAME} also accepts a plain string`,
  'setComposerValue()': `${SAME} also accepts a plain string`,
  'showHistory()': SAME,
  'hideHistory()': SAME,
  'fetchUpdates()': SAME,
  'addEventListener()': SAME,
  'removeEventListener()': SAME,
  // events
  'chatkit.ready': SAME,
  'chatkit.error': SAME,
  'chatkit.effect': SAME,
  'chatkit.deeplink': `${SAME} \`chatkit-link://name?k=v\` links: \`{ name, data: { k } }\``,
  'chatkit.response.start': SAME,
  'chatkit.response.end': SAME,
  'chatkit.history.open': SAME,
  'chatkit.history.close': SAME,
  'chatkit.thread.change': SAME,
  'chatkit.thread.load.start': SAME,
  'chatkit.thread.load.end': SAME,
  'chatkit.tool.change': SAME,
  'chatkit.log': SAME,
};

/** ChatKit's widget controls whose behaviour a migrating site relies on (not options, so listed by hand). */
const WIDGETS = [
  [
    '`Select` widget',
    'widget',
    `${SAME} listbox popover: option descriptions, \`searchable\` (type to filter; on by default beyond 15 options), \`clearable\`, disabled options, placeholder, combobox keyboard and type-ahead, RTL; submits \`name → value\``,
  ],
  [
    '`DatePicker` widget',
    'widget',
    `${SAME} calendar popover at \`side\`/\`align\`, \`min\`/\`max\`, the locale's week start and month/day names, date grid keyboard, \`clearable\`; submits \`YYYY-MM-DD\``,
  ],
  ['`Chart` widget', 'widget', `${SAME} axis ticks and tooltip values in the locale's number format`],
];

/** Our additions, listed after ChatKit's names. */
const OURS = [
  ['`mode`', 'option', '➕ `inline`, `launcher` (floating button and panel), `fullscreen`'],
  ['`persist`', 'option', '➕ where the current thread id is remembered: `local`, `session`, `none`'],
  ['`brandingUrl`', 'option', '➕ name, logo, color, greeting and prompts from `/api/branding`-shaped JSON'],
  ['`threadItemActions.copy`', 'option', '➕ the Copy button (default on)'],
  ['`thread.metadata`', 'option', '➕ merged into every request body'],
  ['`chatkit.widget.action`', 'event', '➕ a client widget action, cancelable, before `widgets.onAction`'],
];

// ─────────────── names declared by @openai/chatkit ───────────────

const program = ts.createProgram([typesFile], { strict: true, skipLibCheck: true, noEmit: true });
const checker = program.getTypeChecker();
const source = program.getSourceFile(typesFile);
const exported = (name) => {
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === name);
  if (!symbol) throw new Error(`@openai/chatkit has no export ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
};

/** Object-like parts of a type (unions split; functions, primitives and records are leaves). */
function objectParts(type) {
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter(
    (part) =>
      part.flags & ts.TypeFlags.Object &&
      part.getCallSignatures().length === 0 &&
      part.getProperties().length > 0 &&
      !checker.getIndexInfosOfType(part).length,
  );
}

function walk(type, path, out, depth = 0) {
  if (depth > 4) return;
  const seen = new Set();
  for (const part of objectParts(type)) {
    const element = checker.isArrayType(part) ? checker.getTypeArguments(part)[0] : null;
    if (element) {
      walk(element, `${path}[]`, out, depth + 1);
      continue;
    }
    for (const property of part.getProperties()) {
      if (seen.has(property.name)) continue;
      seen.add(property.name);
      const name = path ? `${path}.${property.name}` : property.name;
      // Widget trees inside callbacks are not options.
      if (name.includes('Widgets')) continue;
      out.push(name);
      const propertyType = checker.getNonNullableType(checker.getTypeOfSymbol(property));
      if (propertyType.getCallSignatures().length) continue;
      walk(propertyType, name, out, depth + 1);
    }
  }
}

const options = [];
walk(exported('ChatKitOptions'), '', options);
const methods = exported('OpenAIChatKit')
  .getProperties()
  .filter((p) => (p.declarations ?? []).some((d) => d.getSourceFile() === source))
  .map((p) => `${p.name}()`);
const events = exported('ChatKitEvents')
  .getProperties()
  .map((p) => p.name);

const missing = [...options, ...methods, ...events].filter((name) => !(name in STATUS));
if (missing.length) {
  console.error(
    `@openai/chatkit ${version} declares names the migration table has no status for:\n  ${missing.join('\n  ')}\n` +
      'Add them to STATUS in scripts/chatkit-migration.mjs, then run `npm run docs`.',
  );
  process.exit(1);
}

// ─────────────── the table ───────────────

const cell = (text) => String(text).replace(/\|/g, '\\|');
const rows = [
  ...options.map((name) => [`\`${name}\``, 'option', STATUS[name]]),
  ...methods.map((name) => [`\`${name}\``, 'method', STATUS[name]]),
  ...events.map((name) => [`\`${name}\``, 'event', STATUS[name]]),
  ...WIDGETS,
  ...OURS,
];
const table = [
  `Generated from \`@openai/chatkit\` ${version} by \`npm run docs\`; \`npm test\` fails if ChatKit declares`,
  'something this table misses. ✅ as in ChatKit JS · ➕ ours only · ⚠️ deliberate difference · ❌ not supported.',
  '',
  '| ChatKit JS | kind | `<chatkit-chat>` |',
  '| --- | --- | --- |',
  ...rows.map(([name, kind, status]) => `| ${cell(name)} | ${kind} | ${cell(status)} |`),
].join('\n');

const START = '<!-- migration:start -->';
const END = '<!-- migration:end -->';
const readme = readFileSync('README.md', 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) throw new Error(`README.md lacks ${START} … ${END}`);
const next = `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`;
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md migration table is out of date: run `npm run docs`.');
    process.exit(1);
  }
  console.log(
    `README migration table covers all ${options.length + methods.length + events.length} ChatKit names.`,
  );
} else {
  writeFileSync('README.md', next);
}
