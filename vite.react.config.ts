import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const define = fileURLToPath(new URL('./src/define.ts', import.meta.url));

/**
 * Library build of the React binding: `dist/react.js`, an ES module that imports React (a peer dependency,
 * never bundled) and the element bundle next to it (`./chatkit-chat.js`), so the element is not a second copy
 * and React never enters `dist/chatkit-chat.js`. Types: `dist/types/react/index.d.ts` (tsconfig.build.json).
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: 'oxc',
    lib: { entry: 'src/react/index.ts', formats: ['es'], fileName: () => 'react.js' },
    rollupOptions: {
      external: (id, importer) =>
        /^react(-dom)?($|\/)/.test(id) ||
        (!!importer && fileURLToPath(new URL(id, `file://${importer}`)).replace(/\.js$/, '.ts') === define),
      output: { paths: (id) => (/^react/.test(id) ? id : './chatkit-chat.js'), minify: true },
    },
  },
});
