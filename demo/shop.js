/* global customElements */
// The shop's assistant: a launcher bubble with shop-specific prompts and a client effect that the page
// handles (for example, a server tool telling the page to show the cart).
const chat = document.querySelector('chatkit-chat');
customElements.whenDefined('chatkit-chat').then(() => {
  chat.setOptions({
    header: { title: { text: 'Northwind help' } },
    startScreen: {
      greeting: 'Hi! Questions about an order or a product?',
      prompts: [
        { label: 'Return an order', prompt: 'I want to return something' },
        { label: 'Show my todos', prompt: 'Show my todos' },
        { label: 'What can you do?', prompt: 'What can you do?' },
      ],
    },
    disclaimer: { text: 'Answers may be inaccurate. [Privacy](https://example.com/privacy)' },
    // The server's get_time tool runs in the browser.
    onClientTool: ({ name }) =>
      name === 'get_time' ? { time: new Date().toISOString() } : { error: `unknown tool ${name}` },
  });
});
chat.addEventListener('chatkit.effect', (event) => {
  console.info('Shop received effect', event.detail.name, event.detail.data);
});
