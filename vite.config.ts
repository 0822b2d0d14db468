import { defineConfig } from 'vite';

/**
 * Library build of the drop-in element.
 *
 * - default mode: `dist/chatkit-chat.js`, an ES module; rarely used parts (charts, locales) stay separate
 *   chunks loaded on demand.
 * - `--mode iife`: `dist/chatkit-chat.iife.js`, a classic `<script>` for pages without modules: a tiny loader that
 *   imports the ES build next to it (see src/classic-loader.ts for why it is not a second full copy).
 */
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !iife,
      sourcemap: true,
      // Lib mode keeps whitespace in ES output by default (to preserve annotations for re-bundlers); the
      // drop-in file is served as is, so minify fully.
      minify: 'oxc',
      lib: {
        entry: iife ? 'src/classic-loader.ts' : 'src/define.ts',
        name: 'ChatkitChat',
        formats: [iife ? 'iife' : 'es'],
        fileName: () => (iife ? 'chatkit-chat.iife.js' : 'chatkit-chat.js'),
      },
      rollupOptions: {
        output: iife ? { minify: true } : { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
      },
    },
  };
});
