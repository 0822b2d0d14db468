import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { mount } from './helpers.js';
import { afterEach, describe, it } from './mocha.js';

describe('motion', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('Transition and the streaming caret animate normally', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [{ type: 'Transition', children: { type: 'Text', key: 'a', value: 'x', streaming: true } }],
    });
    expect(getComputedStyle(root.querySelector('.transition-item')!).animationName).to.equal('ck-enter');
    expect(getComputedStyle(root.querySelector('.caret')!).animationName).to.equal('ck-blink');
  });

  it('honours prefers-reduced-motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { root } = await mount({
      type: 'Card',
      children: [{ type: 'Transition', children: { type: 'Text', key: 'a', value: 'x', streaming: true } }],
    });
    expect(getComputedStyle(root.querySelector('.transition-item')!).animationName).to.equal('none');
    expect(getComputedStyle(root.querySelector('.caret')!).animationName).to.equal('none');
  });
});
