/**
 * The build shortens a few library error texts (vite.config.ts, `LIBRARY_ERROR_TEXTS`). These checks catch a
 * library upgrade that reworded one (the long text must still be in the installed library) and a build that
 * skipped the step (the drop-in file must carry the short text, not the long one). Run `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIBRARY_ERROR_TEXTS } from '../../vite.config.js';

const LIBRARY_FILES = [
  'node_modules/@lit/reactive-element/css-tag.js',
  'node_modules/lit-html/directives/repeat.js',
];

describe('shortened library error texts', () => {
  const dropIn = readFileSync('dist/chatkit-chat.js', 'utf8');

  it.each(LIBRARY_ERROR_TEXTS.map((rule) => [rule.from, rule]))('%s', (_name, rule) => {
    const file = LIBRARY_FILES.find((f) => rule.module.test(f));
    expect(file, 'a library file the rule applies to').toBeDefined();
    expect(readFileSync(file!, 'utf8')).toContain(rule.from);
    expect(dropIn).not.toContain(JSON.parse(rule.from) as string);
    if (rule.to !== '""') expect(dropIn).toContain(JSON.parse(rule.to) as string);
  });
});
