import { expect } from '@open-wc/testing';
import { mount } from './helpers.js';
import { describe, it, withMedia } from '../support/mocha.js';

describe('motion', () => {
  it('Transition and the streaming caret animate normally', async () => {
    const { root } = await mount({
      type: 'Card',
      children: [{ type: 'Transition', children: { type: 'Text', key: 'a', value: 'x', streaming: true } }],
    });
    expect(getComputedStyle(root.querySelector('.transition-item')!).animationName).to.equal('ck-enter');
    expect(getComputedStyle(root.querySelector('.caret')!).animationName).to.equal('ck-blink');
  });

  it('honours prefers-reduced-motion', async () => {
    await withMedia({ reducedMotion: 'reduce' }, async () => {
      const { root } = await mount({
        type: 'Card',
        children: [{ type: 'Transition', children: { type: 'Text', key: 'a', value: 'x', streaming: true } }],
      });
      expect(getComputedStyle(root.querySelector('.transition-item')!).animationName).to.equal('none');
      expect(getComputedStyle(root.querySelector('.caret')!).animationName).to.equal('none');
    });
  });
});
