// Lint rules, including the layering of STYLE.md: dependencies point one way,
// shared ← core ← workers, hosts; the renderer sees shared only. VS Code and Perfetto
// enforce their layering with a rule because "without enforcement exceptions quickly
// slip in"; so do we.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'http', 'net'];

// `paths` names whole modules ('electron'); a gitignore-style pattern 'electron' would also
// match our own electron/ folder.
const restrict = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });
const noElectron = (message) => [{ name: 'electron', message }];

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
    rules: restrict(
      [
        { group: nodeBuiltins, message: 'shared/ is the contract: it runs in the renderer too, so no Node APIs.' },
        { group: ['react', 'react-dom'], message: 'shared/ imports nothing from Electron or the DOM.' },
        {
          group: ['**/core/**', '**/hosts/**', '**/workers/**', '**/renderer/**'],
          message: 'shared/ depends on nothing of ours.',
        },
      ],
      noElectron('shared/ imports nothing from Electron or the DOM.'),
    ),
  },
  {
    files: ['electron/core/**'],
    rules: restrict(
      [{ group: ['**/hosts/**', '**/workers/**', '**/renderer/**'], message: 'core/ must not depend on its callers.' }],
      noElectron('core/ is pure Node so the CLI and web host can run it; Electron belongs in hosts/desktop.'),
    ),
  },
  {
    files: ['electron/workers/**'],
    rules: restrict([
      { group: ['**/hosts/**', '**/renderer/**'], message: 'a worker is started by hosts; it never imports them.' },
    ]),
  },
  {
    files: ['electron/hosts/cli/**', 'electron/hosts/web/**'],
    rules: restrict(
      [{ group: ['**/renderer/**'], message: 'hosts talk to the renderer through the API contract only.' }],
      noElectron('the CLI and web host run without Electron.'),
    ),
  },
  {
    files: ['electron/hosts/desktop/**'],
    rules: restrict([
      {
        group: ['**/renderer/**'],
        message: 'the main process talks to the renderer through IPC and the API contract only.',
      },
    ]),
  },
  {
    // A sandboxed preload can require() only 'electron' and a few polyfills, not Node or
    // our own modules at run time: it is bundled, and what it bundles must be safe there.
    files: ['electron/hosts/preload/**'],
    ignores: ['electron/hosts/preload/vite.config.ts'],
    rules: restrict([
      { group: nodeBuiltins, message: 'a sandboxed preload has no Node modules; ask the main process over IPC.' },
      {
        group: ['**/core/**', '**/workers/**', '**/desktop/**', '**/cli/**', '**/web/**', '**/renderer/**'],
        message:
          'the preload imports only electron, electron/shared and its own folder (it is bundled for the sandbox).',
      },
    ]),
  },
  {
    files: ['renderer/**'],
    rules: restrict(
      [
        { group: nodeBuiltins, message: 'the renderer runs in a browser sandbox; ask the host through the API.' },
        {
          group: ['**/electron/core/**', '**/electron/hosts/**', '**/electron/workers/**'],
          message: 'the renderer sees electron/shared only.',
        },
      ],
      noElectron('the renderer reaches Electron only through the preload API.'),
    ),
  },
);
