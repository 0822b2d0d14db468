import { expect } from '@open-wc/testing';
import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import { LitElement } from 'lit';
import { describe, it } from '../support/mocha.js';
import {
  chatContext,
  consumeChat,
  provideChat,
  type ChatContextValue,
} from '../../src/context/chat-context.js';

// The chat context's own provider and consumer (src/context/chat-context.ts) speak the community context
// protocol as @lit/context did: these tests pin what the element's parts rely on (the value on connection,
// every new value, none after disconnection, one subscription per connection) and check both halves against
// @lit/context itself.

const value = (n: number) => ({ n }) as unknown as ChatContextValue;

class TestConsumer extends LitElement {
  seen: unknown[] = [];
  updates = 0;
  protected readonly ctxConsumer = consumeChat(this, (v) => this.seen.push(v));
  protected override updated(): void {
    this.updates++;
  }
}
customElements.define('test-chat-consumer', TestConsumer);

class TestProvider extends HTMLElement {
  readonly provider = provideChat(this);
}
customElements.define('test-chat-provider', TestProvider);

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function setup() {
  const host = document.createElement('test-chat-provider') as TestProvider;
  host.provider.value = value(1);
  const root = host.attachShadow({ mode: 'open' });
  document.body.append(host);
  const consumer = document.createElement('test-chat-consumer') as TestConsumer;
  root.append(consumer);
  return { host, root, consumer };
}

describe('chat context (own provider and consumer)', () => {
  it('hands a consumer in the shadow tree the value on connection, then every new value', async () => {
    const { host, consumer } = setup();
    expect(consumer.seen).to.deep.equal([value(1)]);
    const next = value(2);
    host.provider.value = next;
    host.provider.value = next; // the same object: no call
    expect(consumer.seen).to.deep.equal([value(1), value(2)]);
    expect(host.provider.value).to.equal(next);
    await frame();
    expect(consumer.updates).to.be.greaterThan(0);
    host.remove();
  });

  it('stops after disconnection and subscribes once again on reconnection', async () => {
    const { host, root, consumer } = setup();
    consumer.remove();
    host.provider.value = value(2);
    expect(consumer.seen).to.deep.equal([value(1)]);
    root.append(consumer);
    expect(consumer.seen).to.deep.equal([value(1), value(2)]);
    host.provider.value = value(3);
    expect(consumer.seen).to.deep.equal([value(1), value(2), value(3)]);
    host.remove();
  });

  it('asks the consumer for an update when a value arrives', async () => {
    const { host, consumer } = setup();
    await consumer.updateComplete;
    const before = consumer.updates;
    host.provider.value = value(2);
    await consumer.updateComplete;
    expect(consumer.updates).to.equal(before + 1);
    host.remove();
  });

  it('lets requests for other contexts pass, and does not answer its own host', () => {
    const { host, root } = setup();
    const inner = document.createElement('div');
    root.append(inner);
    let outer = 0;
    const count = () => outer++;
    document.body.addEventListener('context-request', count);
    const ask = (target: Element, context: unknown) =>
      target.dispatchEvent(
        Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
          context,
          callback: () => undefined,
        }),
      );
    ask(inner, Symbol('another'));
    ask(host, chatContext);
    ask(inner, chatContext);
    document.body.removeEventListener('context-request', count);
    expect(outer).to.equal(2);
    host.remove();
  });

  it('answers @lit/context consumers, and its consumers are answered by @lit/context providers', async () => {
    // Our provider, a @lit/context consumer.
    const { host, root } = setup();
    class LitConsumer extends LitElement {
      readonly consumer = new ContextConsumer(this, { context: createContext(chatContext), subscribe: true });
    }
    customElements.define('test-lit-consumer', LitConsumer);
    const litConsumer = document.createElement('test-lit-consumer') as LitConsumer;
    root.append(litConsumer);
    expect(litConsumer.consumer.value).to.deep.equal(value(1));
    host.provider.value = value(2);
    expect(litConsumer.consumer.value).to.deep.equal(value(2));
    host.remove();

    // A @lit/context provider, our consumer.
    class LitProvider extends LitElement {
      readonly provider = new ContextProvider(this, {
        context: createContext<ChatContextValue>(chatContext),
        initialValue: value(5),
      });
    }
    customElements.define('test-lit-provider', LitProvider);
    const litProvider = document.createElement('test-lit-provider') as LitProvider;
    document.body.append(litProvider);
    const consumer = document.createElement('test-chat-consumer') as TestConsumer;
    litProvider.renderRoot.append(consumer);
    expect(consumer.seen).to.deep.equal([value(5)]);
    litProvider.provider.setValue(value(6));
    expect(consumer.seen).to.deep.equal([value(5), value(6)]);
    litProvider.remove();
  });
});
