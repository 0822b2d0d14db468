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
    // House rule 10: server text reaches the DOM through Lit bindings; only the markdown module renders HTML,
    // after DOMPurify.
    files: ['src/**/*.ts'],
    ignores: ['src/markdown/markdown.component.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'Only src/markdown renders HTML.' }] },
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
        { patterns: ['lit', 'lit/*', '@lit/*', 'dompurify', '../element/*', '../widgets/*'] },
      ],
    },
  },
);
