/**
 * The URL allowlist (src/internal/url.ts). A data table per decision, each row naming the attack or the case,
 * so a reviewer can read the policy off the test.
 */
import { describe, expect, it } from 'vitest';
import { isSafeUrl, sanitizeUrl, stripBidiControls, type ImagePolicy } from '../../src/internal/url.js';
import { decideImage, isImageAllowed, proxiedImageUrl } from '../../src/internal/image-policy.js';

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

describe('decideImage (domains, proxy, click-to-load)', () => {
  const PNG = 'data:image/png;base64,iVBORw0KGgo=';
  const proxy = 'https://api.example.com/image-proxy';
  const via = (url: string) => `${proxy}?url=${encodeURIComponent(url)}`;
  it.each([
    [
      'allowed host loads directly',
      'https://cdn.example.com/a.png',
      { domains: ['example.com'] },
      { kind: 'load', src: 'https://cdn.example.com/a.png', proxied: false },
    ],
    [
      'data: image loads directly, never proxied',
      PNG,
      { domains: [], proxyUrl: proxy },
      { kind: 'load', src: PNG, proxied: false },
    ],
    [
      'refused host without a proxy is blocked, naming the host',
      'https://pixel.evil.net:8443/t.png',
      { domains: ['example.com'] },
      { kind: 'blocked', url: 'https://pixel.evil.net:8443/t.png', host: 'pixel.evil.net:8443' },
    ],
    [
      'refused host with a proxy loads through it',
      'https://pixel.evil.net/t.png?a=1&b=2',
      { domains: ['example.com'], proxyUrl: proxy },
      { kind: 'load', src: via('https://pixel.evil.net/t.png?a=1&b=2'), proxied: true },
    ],
    [
      'allowed host is not proxied',
      'https://example.com/a.png',
      { domains: ['example.com'], proxyUrl: proxy },
      { kind: 'load', src: 'https://example.com/a.png', proxied: false },
    ],
    [
      'approved URL loads directly',
      'https://pixel.evil.net/t.png',
      { domains: [], approved: new Set(['https://pixel.evil.net/t.png']) },
      { kind: 'load', src: 'https://pixel.evil.net/t.png', proxied: false },
    ],
    [
      'approval is per URL, not per host',
      'https://pixel.evil.net/other.png',
      { domains: [], approved: ['https://pixel.evil.net/t.png'] },
      { kind: 'blocked', url: 'https://pixel.evil.net/other.png', host: 'pixel.evil.net' },
    ],
    [
      'unsafe proxy URL is ignored',
      'https://pixel.evil.net/t.png',
      { domains: [], proxyUrl: 'javascript:alert(1)//' },
      { kind: 'blocked', url: 'https://pixel.evil.net/t.png', host: 'pixel.evil.net' },
    ],
  ] as const)('%s', (_title, url, policy, expected) => {
    expect(decideImage(url, policy as ImagePolicy, BASE)).toEqual(expected);
  });

  it('refuses unsafe image URLs outright (null), whatever the policy', () => {
    for (const url of ['javascript:alert(1)', 'data:image/svg+xml;base64,PHN2Zz4=', 'file:///etc/passwd'])
      expect(decideImage(url, { domains: null, proxyUrl: proxy }, BASE)).toBe(null);
  });
});

describe('proxiedImageUrl', () => {
  const img = 'https://x.example/a b.png?q=1&r=2';
  const enc = encodeURIComponent(new URL(img).href);
  it.each([
    ['appends ?url=', 'https://p.example/proxy', `https://p.example/proxy?url=${enc}`],
    [
      'adds &url= to an existing query',
      'https://p.example/proxy?key=k',
      `https://p.example/proxy?key=k&url=${enc}`,
    ],
    ['keeps a trailing ? or &', 'https://p.example/proxy?', `https://p.example/proxy?url=${enc}`],
    ['replaces a {url} placeholder', 'https://p.example/i/{url}/raw', `https://p.example/i/${enc}/raw`],
    [
      'resolves a relative proxy against the base',
      '/image-proxy',
      `https://app.example.com/image-proxy?url=${enc}`,
    ],
  ])('%s', (_title, proxy, expected) => {
    expect(proxiedImageUrl(proxy, new URL(img).href, BASE)).toBe(expected);
  });

  it('refuses a proxy that is not http(s)', () => {
    expect(proxiedImageUrl('javascript:alert(1)//', img, BASE)).toBe(null);
    expect(proxiedImageUrl('data:text/html,x', img, BASE)).toBe(null);
  });
});

describe('stripBidiControls', () => {
  it('removes every bidi formatting character and nothing else', () => {
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    expect(stripBidiControls(`a${controls}b`)).toBe('ab');
    expect(stripBidiControls('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    // Ordinary text in any script is untouched (Arabic, Hebrew, joiners used by emoji).
    expect(stripBidiControls('مرحبا שלום 👩‍💻')).toBe('مرحبا שלום 👩‍💻');
  });
});
