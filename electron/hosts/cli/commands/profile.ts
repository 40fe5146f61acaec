/** `modeldyno profile`: one session, its summary on stdout, its exit code from the outcome. */
import { ProfileResult } from '../../../shared/session.js';
import { startProfile } from '../../../core/profiler.js';
import { parseProfileArgs } from '../args.js';
import { formatSummary } from '../format.js';
import { exitCodeFor } from '../exit-codes.js';
import { ProgressBar } from '../progress.js';
import { machineProfileForCli } from '../machine-profile.js';
import { recommendationTargets } from '../../../core/analysis/targets.js';

export async function runProfile(argv: string[]): Promise<number> {
  const args = parseProfileArgs(argv);
  // Measured before the session, never during it: calibration saturates every core.
  const profile = await machineProfileForCli(args.calibrate, args.json);
  const analysis = {
    profile,
    targets: recommendationTargets(),
    peakFlopsPerSec: profile?.peakFp32FlopsEstimate ?? null,
  };
  const bar = new ProgressBar();
  const handle = await startProfile(
    { modelPath: args.modelPath, settings: args.settings, sessionsDir: args.sessionsDir, analysis },
    { onProgress: (p) => bar.update(p) },
  );
  // First Ctrl-C finishes the current run and keeps the session; a second one exits.
  let interrupts = 0;
  const onSigint = () => (interrupts++ === 0 ? handle.cancel() : process.exit(130));
  process.on('SIGINT', onSigint);
  const result = await handle.done;
  process.off('SIGINT', onSigint);
  bar.clear();
  if (args.json) {
    process.stdout.write(`${JSON.stringify(ProfileResult.parse(result))}\n`);
  } else {
    process.stdout.write(`${formatSummary(result, handle.dir, false)}\n`);
  }
  if (result.error && !args.json) process.stderr.write(`modeldyno: ${result.error.message}\n`);
  return exitCodeFor(
    result.error,
    result.phases.some((p) => p.name === 'create'),
  );
}
