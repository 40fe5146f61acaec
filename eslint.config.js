// Lint rules, including the layering of STYLE.md: dependencies point one way,
// shared ← core ← workers, hosts; the renderer sees shared only. VS Code and Perfetto
// enforce their layering with a rule because "without enforcement exceptions quickly
// slip in"; so do we.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'http', 'net'];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.cache/', 'renderer/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js', 'tests/fixtures/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['electron/shared/**'],
    rules: restrict([
      { group: nodeBuiltins, message: 'shared/ is the contract: it runs in the renderer too, so no Node APIs.' },
      { group: ['electron', 'react', 'react-dom'], message: 'shared/ imports nothing from Electron or the DOM.' },
      {
        group: ['**/core/**', '**/hosts/**', '**/workers/**', '**/renderer/**'],
        message: 'shared/ depends on nothing of ours.',
      },
    ]),
  },
  {
    files: ['electron/core/**'],
    rules: restrict([
      {
        group: ['electron'],
        message: 'core/ is pure Node so the CLI and web host can run it; Electron belongs in hosts/desktop.',
      },
      { group: ['**/hosts/**', '**/workers/**', '**/renderer/**'], message: 'core/ must not depend on its callers.' },
    ]),
  },
  {
    files: ['electron/workers/**'],
    rules: restrict([
      { group: ['**/hosts/**', '**/renderer/**'], message: 'a worker is started by hosts; it never imports them.' },
    ]),
  },
  {
    files: ['electron/hosts/cli/**', 'electron/hosts/web/**'],
    rules: restrict([
      { group: ['electron'], message: 'the CLI and web host run without Electron.' },
      { group: ['**/renderer/**'], message: 'hosts talk to the renderer through the API contract only.' },
    ]),
  },
  {
    files: ['renderer/**'],
    rules: restrict([
      { group: nodeBuiltins, message: 'the renderer runs in a browser sandbox; ask the host through the API.' },
      {
        group: ['electron', '**/electron/core/**', '**/electron/hosts/**', '**/electron/workers/**'],
        message: 'the renderer sees electron/shared only.',
      },
    ]),
  },
);
