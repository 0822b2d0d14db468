import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'custom-elements.json', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^\\.\\.?\\/.*(?<!\\.js)(?<!\\.json)(?<!\\.css)$/]',
          message: 'Relative imports end in .js (ESM).',
        },
      ],
    },
  },
  {
    // Benchmark drivers run code in the page (page.evaluate, bench/stream-render/feed.mjs).
    files: ['bench/**/*.mjs'],
    languageOptions: {
      globals: {
        customElements: 'readonly',
        performance: 'readonly',
        requestAnimationFrame: 'readonly',
        PerformanceObserver: 'readonly',
        MessageChannel: 'readonly',
        TextEncoder: 'readonly',
        Response: 'readonly',
        ReadableStream: 'readonly',
      },
    },
  },
  {
    // House rule 10: server text reaches the DOM through Lit bindings; only the markdown module renders
    // markdown, building DOM from tokens (src/markdown/dom.ts, within src/markdown/policy.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/markdown/markdown.component.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'lit/directives/unsafe-html.js', message: 'Only src/markdown renders HTML.' },
            {
              name: 'lit/directives/style-map.js',
              message:
                'styleMap writes a style attribute that strict-CSP pages refuse; use cssProps (src/internal/css-props.ts).',
            },
          ],
          patterns: [{ regex: '(^|/)server/', message: 'src/ never imports server code.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^\\.\\.?\\/.*(?<!\\.js)(?<!\\.json)(?<!\\.css)$/]',
          message: 'Relative imports end in .js (ESM).',
        },
        {
          // Strict CSP (style-src without 'unsafe-inline') refuses style attributes; set styles through CSSOM.
          selector:
            'TaggedTemplateExpression[tag.name=/^(html|svg)$/] > TemplateLiteral > TemplateElement[value.raw=/\\sstyle\\s*=/i]',
          message: 'No style attributes in templates (strict CSP); use cssProps() or a class.',
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render through Lit bindings; only src/markdown renders HTML.' },
        { property: 'outerHTML', message: 'Render through Lit bindings.' },
        { property: 'insertAdjacentHTML', message: 'Render through Lit bindings.' },
      ],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*', 'dompurify', '../element/*', '../widgets/*'] },
            { regex: '(^|/)server/', message: 'src/protocol never imports server code.' },
          ],
        },
      ],
    },
  },
  // Server layering (issue 10). server/ and src/ meet only in src/protocol; the framework-agnostic core
  // (server/chatkit) knows no HTTP framework, agent or store implementation; the agent knows no use case.
  // test/server/architecture.test.ts checks the same rules plus import cycles on the real import graph.
  {
    files: ['server/**/*.ts'],
    ignores: ['server/chatkit/**', 'server/agent/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)src/(?!protocol/)', message: 'server/ uses src/ only through src/protocol.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/chatkit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['express', 'better-sqlite3', 'pg', 'openai', 'cors', 'helmet'],
          patterns: [
            { regex: '(^|/)src/(?!protocol/)', message: 'server/ uses src/ only through src/protocol.' },
            {
              group: ['../express/**', '../agent/**', '../use-cases/**', '../main.js', '../config.js'],
              message: 'server/chatkit is the framework-agnostic core: no Express, agent or app code.',
            },
            {
              regex: '^\\.\\./stores/(?!store\\.js$)',
              message: 'server/chatkit uses the Store interface, not a store implementation.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/agent/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['express', 'better-sqlite3', 'pg'],
          patterns: [
            { regex: '(^|/)src/(?!protocol/)', message: 'server/ uses src/ only through src/protocol.' },
            {
              group: ['../use-cases/**', '../express/**', '../main.js', '../config.js'],
              message:
                'server/agent knows no use case and no server wiring; use cases register through UseCase.',
            },
            {
              regex: '^\\.\\./stores/(?!store\\.js$)',
              message: 'server/agent uses the Store interface, not a store implementation.',
            },
          ],
        },
      ],
    },
  },
);
