// The preload bundle: a sandboxed preload cannot load local modules, so preload.ts and
// the electron/shared code it imports become one CommonJS file; 'electron' stays a
// require() the sandbox provides. Paths are relative to the repository root, where
// `npm run build:desktop` runs.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: { entry: 'electron/hosts/preload/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rolldownOptions: { external: ['electron'] },
  },
});
