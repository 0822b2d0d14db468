import { defineConfig } from 'vite';

/**
 * Library build of the drop-in element.
 *
 * - default mode: `dist/chatkit-chat.js`, an ES module; rarely used parts (charts, locales) stay separate
 *   chunks loaded on demand.
 * - `--mode iife`: `dist/chatkit-chat.iife.js`, a classic `<script>` for pages without modules: a tiny loader that
 *   imports the ES build next to it (see src/classic-loader.ts for why it is not a second full copy).
 *
 * Everything the entry imports statically goes into dist/chatkit-chat.js itself (the `$initial` group plus
 * `allow-extension`, so the entry chunk may export the shared bindings the lazy chunks import back): one file to
 * fetch before the element defines itself, not an entry and a dozen small shared chunks fetched in two waves (a
 * waterfall that cost ~70 ms to `chatkit.ready` and ~2 KB of per-file gzip and header overhead). The lazy chunks
 * import `../chatkit-chat.js`, so pages load the file by its plain URL (no query string), as the classic loader
 * does.
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
        preserveEntrySignatures: 'allow-extension',
        output: iife
          ? { minify: true }
          : {
              chunkFileNames: 'chunks/[name]-[hash].js',
              minify: true,
              codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] },
            },
      },
    },
  };
});
