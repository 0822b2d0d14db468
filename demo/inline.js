/* global location, URLSearchParams, customElements */
// Applies the query parameters (theme, locale, mode) to the element, so one page covers the dark, Arabic
// and full-screen variants.
const params = new URLSearchParams(location.search);
const chat = document.querySelector('chatkit-chat');
for (const name of ['theme', 'locale', 'mode']) {
  const value = params.get(name);
  if (value) chat.setAttribute(name, value);
}
if (params.get('theme') === 'dark') document.body.classList.add('dark-page');
if (params.get('locale')) document.documentElement.lang = params.get('locale');

customElements.whenDefined('chatkit-chat').then(() => {
  chat.setOptions({
    threadItemActions: { feedback: true, retry: true, copy: true },
    // Type "@" in the composer: the page offers entities to tag (sent as input_tag content).
    entities: {
      onTagSearch: async (query) =>
        [
          { id: 'p-jacket', title: 'Trail jacket', group: 'Products', icon: 'suitcase' },
          { id: 'p-shell', title: 'Rain shell', group: 'Products', icon: 'suitcase' },
          { id: 'o-1042', title: 'Order 1042', group: 'Orders', icon: 'document' },
        ].filter((entity) => entity.title.toLowerCase().includes(query.toLowerCase())),
    },
    onClientTool: async ({ name, params: args }) => {
      if (name === 'get_time') return { time: new Date().toISOString() };
      if (name === 'get_page_title') return { title: document.title };
      return { error: `unknown tool ${name}`, args };
    },
  });
});
chat.addEventListener('chatkit.effect', (event) => console.info('chatkit.effect', event.detail));
