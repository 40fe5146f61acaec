/**
 * Calibrates this machine once per test run, before any test file starts: measured while
 * other test files run, GEMM at 2 threads came out slower than at 1 (both cores were
 * busy), which no analysis test can be right about.
 */
import { join } from 'node:path';
import { getMachineProfile } from '../electron/core/analysis/calibrate.js';
import { testHome } from './helpers/paths.js';

export default async function setup(): Promise<void> {
  await getMachineProfile({ dir: join(testHome, 'machine-profiles'), refresh: true });
}
