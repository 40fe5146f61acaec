#!/usr/bin/env node
// The `modeldyno` command: runs the compiled CLI from dist/ (built by `npm run build`,
// which `npm ci` runs through the prepare script).
try {
  await import('../dist/electron/hosts/cli/index.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/electron')) {
    process.stderr.write('modeldyno: the CLI is not built yet. Run `npm run build` in the modeldyno folder.\n');
    process.exit(1);
  }
  throw err;
}
