// ESLint 9 flat config: the recommended rules of JavaScript and typescript-eslint everywhere,
// Next's rules and the React hooks rules on the React code. `npm run lint` runs it with
// --max-warnings 0, so a warning fails too. Which folder may import which is checked by
// dependency-cruiser (.dependency-cruiser.cjs), not here.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const reactCode = ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'];
const testCode = ['**/*.test.{ts,tsx}', 'tests/**/*.{ts,tsx}'];

export default defineConfig([
  globalIgnores([
    'node_modules/',
    '.data/',
    '.next*/',
    'next-env.d.ts',
    'db/migrations/',
    'public/',
    'playwright-report/',
    'test-results/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a value left out on purpose (rest destructuring that drops
      // a key, a mock's ignored arguments).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
  },
  {
    files: ['**/*.cjs'],
    // CommonJS files load their modules with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: testCode,
    // Tests read request bodies that fakes recorded as untyped JSON; the assertion checks the shape.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: reactCode,
    plugins: { '@next/next': nextPlugin },
    rules: nextPlugin.configs['core-web-vitals'].rules,
  },
  {
    // Hooks live in the React code; bench/ and scripts/ are Node programs whose use… helpers are not hooks.
    files: [...reactCode, 'tests/**/*.tsx'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      // The realtime hooks keep the latest props in refs written during render (21 places) so
      // socket callbacks bound once see fresh values; moving each to useEffectEvent is a rewrite of its own.
      'react-hooks/refs': 'off',
      // 18 effects reset local state when props or realtime events change; the cost is one extra
      // render, not a wrong one, and restructuring each (keys, derived state) is a rewrite of its own.
      'react-hooks/set-state-in-effect': 'off',
      // Only tells that the React Compiler would skip a component (TanStack Virtual); Baton does not use the compiler.
      'react-hooks/incompatible-library': 'off',
    },
  },
]);
