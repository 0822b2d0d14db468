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
    header: { title: { text: params.get('locale') === 'ar' ? undefined : 'Assistant' } },
    threadItemActions: { feedback: true, retry: true, copy: true },
    onClientTool: async ({ name, params: args }) => {
      if (name === 'get_time') return { time: new Date().toISOString() };
      if (name === 'get_page_title') return { title: document.title };
      return { error: `unknown tool ${name}`, args };
    },
  });
});
chat.addEventListener('chatkit.effect', (event) => console.info('chatkit.effect', event.detail));
