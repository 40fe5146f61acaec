/** The machine profile the CLI analyses with: cached, or measured once with a progress bar. */
import { getMachineProfile, loadCachedProfile } from '../../core/analysis/calibrate.js';
import type { MachineProfile } from '../../shared/analysis.js';
import { StepProgressBar } from './step-progress.js';

export async function machineProfileForCli(
  calibrateIfMissing: boolean,
  quiet: boolean,
): Promise<MachineProfile | null> {
  const cached = await loadCachedProfile();
  if (cached || !calibrateIfMissing) return cached;
  if (!quiet) {
    process.stderr.write(
      'Calibrating this machine once through ONNX Runtime (about 10 s; `modeldyno calibrate --refresh` redoes it) …\n',
    );
  }
  const bar = new StepProgressBar();
  try {
    return await getMachineProfile({ onProgress: (p) => bar.update(p) });
  } finally {
    bar.clear();
  }
}
