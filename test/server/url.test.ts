/**
 * The URL allowlist (src/internal/url.ts). A data table per decision, each row naming the attack or the case,
 * so a reviewer can read the policy off the test.
 */
import { describe, expect, it } from 'vitest';
import { isImageAllowed, isSafeUrl, sanitizeUrl } from '../../src/internal/url.js';

const BASE = 'https://app.example.com/chat/';

describe('sanitizeUrl for links', () => {
  it.each([
    ['https URL', 'https://example.com/a?b=1#c', 'https://example.com/a?b=1#c'],
    ['http URL', 'http://example.com', 'http://example.com/'],
    ['mailto', 'mailto:someone@example.com', 'mailto:someone@example.com'],
    ['upper-case scheme is normalised', 'HTTPS://EXAMPLE.com/X', 'https://example.com/X'],
    ['relative path resolves against base', 'docs/page', 'https://app.example.com/chat/docs/page'],
    ['protocol-relative takes the base scheme', '//cdn.example.org/x', 'https://cdn.example.org/x'],
    ['fragment only', '#top', 'https://app.example.com/chat/#top'],
    ['surrounding spaces are trimmed', '  https://example.com  ', 'https://example.com/'],
  ])('accepts %s', (_title, input, expected) => {
    expect(sanitizeUrl(input, { base: BASE })).toBe(expected);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript: with leading space', ' javascript:alert(1)'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['data:text/html', 'data:text/html,<script>alert(1)</script>'],
    ['data: image as a link target', 'data:image/png;base64,AAAA'],
    ['file:', 'file:///etc/passwd'],
    ['blob: not opted in', 'blob:https://app.example.com/0b5f'],
    ['tab inside the scheme', 'java\tscript:alert(1)'],
    ['newline inside the scheme', 'java\nscript:alert(1)'],
    ['NUL before the scheme', '\u0000javascript:alert(1)'],
    ['C1 control', 'java\u0085script:alert(1)'],
    ['entity-encoded scheme character', 'jav&#x61;script:alert(1)'],
    ['named entity colon', 'javascript&colon;alert(1)'],
    ['space inside the scheme', 'java script:alert(1)'],
    ['ftp: is not allowlisted', 'ftp://example.com/f'],
    ['chrome: is not allowlisted', 'chrome://settings'],
    ['http without host', 'http:'],
    ['empty string', ''],
    ['only spaces', '   '],
    ['not a string', 42],
  ])('rejects %s', (_title, input) => {
    expect(sanitizeUrl(input, { base: BASE })).toBeNull();
    expect(isSafeUrl(input, { base: BASE })).toBe(false);
  });

  it('rejects relative URLs when there is no base to resolve them', () => {
    expect(sanitizeUrl('/path')).toBeNull();
    expect(sanitizeUrl('//evil.example/x')).toBeNull();
    expect(sanitizeUrl('https://example.com/')).toBe('https://example.com/');
  });

  it('accepts same-origin blob: URLs only when asked', () => {
    const blob = 'blob:https://app.example.com/0b5f0c1e';
    expect(sanitizeUrl(blob, { base: BASE, allowBlob: true })).toBe(blob);
    expect(sanitizeUrl('blob:https://evil.example/0b5f', { base: BASE, allowBlob: true })).toBeNull();
    expect(sanitizeUrl(blob, { base: BASE })).toBeNull();
  });
});

describe('sanitizeUrl for images', () => {
  const image = { base: BASE, allowData: 'image' as const };

  it.each([
    ['png data URL', 'data:image/png;base64,iVBORw0KGgo='],
    ['jpeg data URL', 'data:image/jpeg;base64,/9j/4AAQ'],
    ['gif data URL', 'data:image/gif;base64,R0lGODlh'],
    ['webp data URL', 'data:image/webp;base64,UklGRg=='],
    ['https image', 'https://img.example.com/a.png'],
  ])('accepts %s', (_title, input) => {
    expect(sanitizeUrl(input, image)).not.toBeNull();
  });

  it.each([
    ['svg data URL (can carry script)', 'data:image/svg+xml;base64,PHN2Zz4='],
    ['svg data URL, not base64', 'data:image/svg+xml,<svg onload=alert(1)>'],
    ['html data URL', 'data:text/html;base64,PHNjcmlwdD4='],
    ['png data URL that is not base64', 'data:image/png,hello'],
    ['data URL with a parameter smuggling a type', 'data:image/png;charset=x;base64,AAAA'],
    ['mailto is no image', 'mailto:a@example.com'],
    ['javascript: as image', 'javascript:alert(1)'],
  ])('rejects %s', (_title, input) => {
    expect(sanitizeUrl(input, image)).toBeNull();
  });

  it('rejects data: images unless allowData is given', () => {
    expect(sanitizeUrl('data:image/png;base64,AAAA', { base: BASE, kind: 'image' })).toBeNull();
  });
});

describe('isImageAllowed', () => {
  it('allows any http(s) host when the thread sets no list (client default)', () => {
    expect(isImageAllowed('https://anything.example/x.png', null)).toBe(true);
    expect(isImageAllowed('https://anything.example/x.png', undefined)).toBe(true);
  });

  it.each([
    ['exact host', 'https://images.example.com/a.png', ['images.example.com'], true],
    ['subdomain of an entry', 'https://cdn.images.example.com/a.png', ['images.example.com'], true],
    ['case-insensitive', 'https://CDN.Example.COM/a.png', ['example.com'], true],
    ['wildcard entry', 'https://a.example.com/x.png', ['*.example.com'], true],
    ['entry written as a URL', 'https://cdn.example.com/x.png', ['https://cdn.example.com/'], true],
    ['port ignored', 'https://cdn.example.com:8443/x.png', ['cdn.example.com'], true],
    ['suffix that is not a subdomain', 'https://badexample.com/a.png', ['example.com'], false],
    ['parent of an entry', 'https://example.com/a.png', ['cdn.example.com'], false],
    ['unlisted host', 'https://evil.example.net/a.png', ['example.com'], false],
    ['empty list blocks remote images', 'https://example.com/a.png', [], false],
    ['a bare TLD entry allows nothing under it', 'https://evil.com/a.png', ['com'], false],
    ['a * entry is ignored', 'https://evil.com/a.png', ['*'], false],
    ['IP literal matches exactly', 'http://10.0.0.1/a.png', ['10.0.0.1'], true],
    ['single-label host matches exactly', 'http://localhost:3000/a.png', ['localhost'], true],
    ['userinfo does not fool the host check', 'https://example.com@evil.net/a.png', ['example.com'], false],
  ])('%s', (_title, url, list, expected) => {
    expect(isImageAllowed(url, list)).toBe(expected);
  });

  it('allows raster data: images whatever the list, and never svg', () => {
    expect(isImageAllowed('data:image/png;base64,AAAA', [])).toBe(true);
    expect(isImageAllowed('data:image/svg+xml;base64,AAAA', null)).toBe(false);
  });

  it('resolves relative images against the base before checking the host', () => {
    expect(isImageAllowed('/a.png', ['app.example.com'], BASE)).toBe(true);
    expect(isImageAllowed('/a.png', ['other.example.com'], BASE)).toBe(false);
    expect(isImageAllowed('javascript:alert(1)', null, BASE)).toBe(false);
  });
});
