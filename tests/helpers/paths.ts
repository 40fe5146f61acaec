/** Paths and small helpers shared by tests that run real sessions. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const modelPath = (name: string) => join(repoRoot, 'models', name);
export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `dyno-${prefix}-`));

/** MODELDYNO_HOME of the tests: ignored by git, kept between runs so calibration runs once. */
export const testHome = join(repoRoot, '.cache', 'test-home');
