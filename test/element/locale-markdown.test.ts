/**
 * Markdown outside assistant messages (the disclaimer, notices, workflow task content) uses the element's
 * locale for its own words (code block copy button), as answers do.
 */
import { expect } from '@open-wc/testing';
import { describe, it } from '../support/mocha.js';
import { deep, deepAll, mount, sendAndWait, textbox, until } from './helpers.js';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';

const CODE = '```js\nlet a = 1;\n```';

/** The accessible names of the copy buttons of every markdown block under `root`. */
function copyLabels(markdown: HTMLElement[]): string[] {
  return markdown.flatMap((md) =>
    [...(md.shadowRoot?.querySelectorAll('button.copy') ?? [])].map((b) => b.getAttribute('aria-label')!),
  );
}

describe('markdown words in the element language', () => {
  it('disclaimer, notices and workflow tasks say "Code kopieren" in German', async () => {
    const { el, server } = await mount({ locale: 'de', disclaimer: { text: `Hinweis ${CODE}` } });
    await until(() => textbox(el).getAttribute('aria-label') !== 'Message', 'German strings');
    server.script = ({ threadId, nextId, now }) =>
      [
        { type: 'notice', level: 'info', message: `Achtung ${CODE}` },
        {
          type: 'thread.item.done',
          item: {
            id: nextId('wf'),
            thread_id: threadId,
            created_at: now(),
            type: 'workflow',
            workflow: {
              type: 'custom',
              summary: { title: 'Plan' },
              tasks: [{ type: 'custom', title: 'Schritt', content: CODE, status_indicator: 'complete' }],
              expanded: true,
            },
          },
        },
      ] as ThreadStreamEvent[];
    await sendAndWait(el, 'los');
    const disclaimer = deepAll(el, '[part="disclaimer"] chatkit-markdown');
    await until(() => copyLabels(disclaimer).length === 1, 'disclaimer code block');
    expect(copyLabels(disclaimer)).to.deep.equal(['Code kopieren']);
    await until(() => deep(el, 'chatkit-thread', '.notice chatkit-markdown'), 'notice shown');
    const notice = deepAll(el, 'chatkit-thread', '.notice chatkit-markdown');
    await until(() => copyLabels(notice).length === 1, 'notice code block');
    expect(copyLabels(notice)).to.deep.equal(['Code kopieren']);
    // Workflows render with code loaded on demand.
    await until(
      () => copyLabels(deepAll(el, 'chatkit-thread', '.task-content')).length === 1,
      'task code block',
    );
    expect(deepAll(el, 'chatkit-thread', '.task-content').length).to.equal(1);
    expect(copyLabels(deepAll(el, 'chatkit-thread', '.task-content'))).to.deep.equal(['Code kopieren']);
  });
});
