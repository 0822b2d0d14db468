/* global customElements, FormData */
// Live theming: every change recompiles the theme option (setOptions; the conversation stays) and sets or
// clears the CSS variables on the element.
const form = document.getElementById('controls');
const chat = document.querySelector('chatkit-chat');
const VARIABLES = ['--chatkit-user-bubble-background', '--chatkit-surface', '--chatkit-radius-lg'];

function apply() {
  const data = new FormData(form);
  const theme = {
    colorScheme: data.get('colorScheme'),
    radius: data.get('radius'),
    density: data.get('density'),
    color: {
      accent: { primary: data.get('accent'), level: 1 },
      grayscale: { hue: Number(data.get('hue')), tint: Number(data.get('tint')) },
    },
    typography: {
      baseSize: Number(data.get('baseSize')),
      ...(data.get('fontFamily') ? { fontFamily: data.get('fontFamily') } : {}),
    },
  };
  chat.setOptions({
    theme,
    startScreen: {
      greeting: 'Make it yours',
      prompts: data.get('prompts')
        ? [
            { label: 'Show my todos', prompt: 'show my todos' },
            { label: 'Return an order', prompt: 'I want to return something' },
            { label: 'What can you do?', prompt: 'What can you do?' },
          ]
        : [],
    },
  });
  for (const name of VARIABLES) {
    if (data.get('useVars')) {
      const value = data.get(name);
      chat.style.setProperty(name, name.includes('radius') ? `${value}px` : value);
    } else {
      chat.style.removeProperty(name);
    }
  }
}

customElements.whenDefined('chatkit-chat').then(apply);
form.addEventListener('input', apply);
