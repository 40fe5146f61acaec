/**
 * `npm run models`: regenerates the bundled models in this folder and prints what
 * it wrote. Output is byte-identical across runs, so a diff in git means a preset
 * changed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPreset, makePreset, PRESETS } from './index.js';

const MODELS_DIR = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  let totalBytes = 0;
  for (const preset of PRESETS.filter((candidate) => candidate.bundled)) {
    const path = await makePreset(preset.name, MODELS_DIR);
    const bytes = await readFile(path);
    totalBytes += bytes.length;
    const params = findPreset(preset.name).build().parameterCount();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    console.log(
      `${preset.name.padEnd(10)} ${(bytes.length / 1e6).toFixed(2).padStart(6)} MB ` +
        `${params.toLocaleString('en-US').padStart(11)} params  sha256 ${sha256}`,
    );
  }
  console.log(`total      ${(totalBytes / 1e6).toFixed(2).padStart(6)} MB`);
}

await main();
