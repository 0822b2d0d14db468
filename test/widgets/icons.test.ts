import { expect } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { until } from '../support/until.js';
import { html, render } from 'lit';
import { ICON_NAMES } from '../../src/protocol/types.js';
import { icon, isBuiltinIcon, loadChatkitIcons } from '../../src/internal/icons.js';

function mount(name: string, opts?: Parameters<typeof icon>[1]): SVGSVGElement {
  const host = document.createElement('div');
  document.body.append(host);
  render(html`${icon(name, opts)}`, host);
  return host.querySelector('svg')!;
}

describe('icon()', () => {
  // First: the module state starts with only the element's own icons.
  it('draws a ChatKit icon name outside the eager set once its chunk has loaded, in place', async () => {
    expect(isBuiltinIcon('wreath')).to.equal(false);
    const el = mount('wreath');
    await until(() => el.querySelectorAll('path,circle').length > 0, 'the wreath drawn');
    expect(isBuiltinIcon('wreath')).to.equal(true);
  });

  it('draws every ChatKit icon name with real shapes', async () => {
    await loadChatkitIcons();
    for (const name of ICON_NAMES) {
      expect(isBuiltinIcon(name), name).to.equal(true);
      const el = mount(name);
      expect(el.namespaceURI).to.equal('http://www.w3.org/2000/svg');
      expect(
        el.querySelectorAll('path,circle,rect,line,polyline,polygon,ellipse').length,
        name,
      ).to.be.greaterThan(0);
      expect(el.getBBox().width, name).to.be.greaterThan(0);
    }
  });

  it('draws the UI icons the element needs', () => {
    // Those the first render and a first answer draw ship with the element; the others (menus, the history
    // panel, dictation, workflow items) with the on-demand table, loaded by the test above.
    const ui =
      'send square plus history x copy check thumbs-up thumbs-down rotate-ccw message-circle arrow-down alert-triangle info paperclip loader';
    const later =
      'chevron-down chevron-up pencil trash-2 menu mic external-link square-image chevron-left chevron-right';
    for (const name of `${ui} ${later}`.split(' ')) expect(isBuiltinIcon(name), name).to.equal(true);
  });

  it('is decorative without a label and named with one', () => {
    expect(mount('star').getAttribute('aria-hidden')).to.equal('true');
    const named = mount('star', { label: 'Favourite', size: 20 });
    expect(named.getAttribute('role')).to.equal('img');
    expect(named.getAttribute('aria-label')).to.equal('Favourite');
    expect(named.getAttribute('width')).to.equal('20');
  });

  it('fills filled variants', () => {
    const el = mount('check-circle-filled');
    expect(el.querySelector('circle')!.getAttribute('fill')).to.equal('currentColor');
  });

  it('renders vendor and unknown names, and hostile names, as a neutral dot', () => {
    for (const name of [
      'vendor:acme',
      'nope',
      '"><script>window.__pwned=1</script>',
      '__proto__',
      'constructor',
    ]) {
      const el = mount(name);
      expect(el.querySelectorAll('circle').length, name).to.equal(1);
      expect(el.querySelector('script')).to.equal(null);
      expect(el.getAttribute('data-icon')).to.equal(name);
    }
    expect((window as any).__pwned).to.equal(undefined);
  });

  it('loads lucide:* icons lazily and updates in place', async () => {
    const el = mount('lucide:rocket');
    await until(() => el.querySelectorAll('path').length > 0, 'the lucide chunk rendered the rocket');
    const missing = mount('lucide:does-not-exist');
    await until(() => missing.querySelectorAll('circle').length > 0, 'an unknown icon fell back');
    expect(missing.querySelectorAll('circle').length).to.equal(1);
  });

  it('draws a late icon once, and only the name shown when it arrives', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const draw = (name: string) => render(html`${icon(name)}`, host);
    // Re-rendered with the same name while loading, then switched to another late name, then back.
    draw('lucide:anchor');
    draw('lucide:anchor');
    draw('lucide:bike');
    draw('lucide:anchor');
    const svg = host.querySelector('svg')!;
    await until(() => svg.querySelectorAll('path,circle,line').length > 0, 'the anchor drawn');
    const anchor = svg.innerHTML.replace(/<!--[^>]*-->/g, '');
    const alone = mount('lucide:anchor');
    await until(() => alone.querySelectorAll('path,circle,line').length > 0, 'a lone anchor drawn');
    expect(anchor).to.equal(alone.innerHTML.replace(/<!--[^>]*-->/g, ''));
    // A built-in icon replaces the late body; a late one after it draws in place again.
    draw('x');
    expect(svg.querySelectorAll('path').length).to.equal(2);
    draw('lucide:bike');
    await until(
      () => svg.getAttribute('data-icon') === 'lucide:bike' && svg.querySelector('circle'),
      'the bike',
    );
    draw('lucide:bike');
    expect(svg.innerHTML.replace(/<!--[^>]*-->/g, '')).to.not.contain(anchor);
  });
});
