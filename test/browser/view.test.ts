import { expect } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { toView } from '../../src/context/chat-context.js';
import type { SessionState } from '../../src/protocol/session-types.js';
import { initialThreadState, threadStateFromThread } from '../../src/protocol/thread-state.js';
import type { Thread } from '../../src/protocol/types.js';

const thread: Thread = {
  id: 'thr_1',
  title: 'Returns',
  created_at: '2026-01-01T00:00:00Z',
  status: { type: 'locked', reason: 'done' },
  allowed_image_domains: ['img.example'],
  items: { data: [], has_more: false, after: null },
} as unknown as Thread;

const snapshot = (state = initialThreadState()): SessionState => ({
  ...state,
  status: 'idle',
  loadingOlder: false,
});

describe('toView', () => {
  it('without a session: an empty new chat with the session defaults', () => {
    const view = toView();
    expect(view.threadId).to.equal(null);
    expect(view.title).to.equal(null);
    expect(view.threadStatus).to.deep.equal({ type: 'active' });
    expect(view.items).to.deep.equal([]);
    expect(view.pending.size).to.equal(0);
    expect(view.status).to.equal('idle');
    expect(view.error).to.equal(null);
    expect(view.allowedImageDomains).to.equal(null);
    expect(Object.isFrozen(view)).to.equal(true);
  });

  it("flattens the thread's metadata and keeps the snapshot's fields", () => {
    const state = {
      ...snapshot(threadStateFromThread(thread)),
      status: 'streaming' as const,
      allowCancel: true,
    };
    const view = toView(state);
    expect(view.threadId).to.equal('thr_1');
    expect(view.title).to.equal('Returns');
    expect(view.threadStatus).to.deep.equal({ type: 'locked', reason: 'done' });
    expect(view.allowedImageDomains).to.deep.equal(['img.example']);
    expect(view.status).to.equal('streaming');
    expect(view.allowCancel).to.equal(true);
    expect(view.items).to.equal(state.items);
    expect(view.pending).to.equal(state.pending);
  });

  it('the image policy in force overrides the thread default', () => {
    const state = snapshot(threadStateFromThread(thread));
    expect(toView(state, null).allowedImageDomains).to.equal(null);
    expect(toView(state, ['api.example']).allowedImageDomains).to.deep.equal(['api.example']);
  });

  it('same snapshot and policy: same view object; a new snapshot or policy: a new one', () => {
    const state = snapshot();
    const first = toView(state, ['a.example']);
    expect(toView(state, ['a.example'])).to.equal(first);
    expect(toView(state, ['b.example'])).to.not.equal(first);
    expect(toView(snapshot(), ['b.example'])).to.not.equal(toView(state, ['b.example']));
  });
});
