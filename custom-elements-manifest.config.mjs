/**
 * custom-elements-manifest analyzer configuration: reads the element classes (`*.component.ts`) and writes
 * custom-elements.json, the source of the README API tables. Internal `chatkit-*` elements are documented
 * too but marked `@internal` in their JSDoc; the tag name comes from the define call in src/define.ts.
 */
export default {
  globs: ['src/element/chatkit-chat.component.ts', 'src/element/*.component.ts'],
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [
    {
      name: 'chatkit-tag-names',
      // Our classes are registered in src/define.ts, not with @customElement; name the tags here.
      packageLinkPhase({ customElementsManifest }) {
        const tags = {
          ChatkitChat: 'chatkit-chat',
          ChatkitHeader: 'chatkit-header',
          ChatkitComposer: 'chatkit-composer',
          ChatkitThread: 'chatkit-thread',
          ChatkitHistory: 'chatkit-history',
          ChatkitStartScreen: 'chatkit-start-screen',
          ChatkitStructuredInput: 'chatkit-structured-input',
        };
        for (const mod of customElementsManifest.modules ?? []) {
          for (const declaration of mod.declarations ?? []) {
            if (tags[declaration.name]) {
              declaration.tagName = tags[declaration.name];
              declaration.customElement = true;
            }
          }
        }
      },
    },
  ],
};
