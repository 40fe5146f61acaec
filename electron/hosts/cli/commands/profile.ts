/** `modeldyno profile`: one session, its summary on stdout, its exit code from the outcome. */
import { dirname, join, resolve } from 'node:path';
import { ProfileResult } from '../../../shared/session.js';
import { startProfile } from '../../../core/profiler.js';
import { parseProfileArgs } from '../args.js';
import { formatSummary } from '../format.js';
import { exitCodeFor } from '../exit-codes.js';
import { ProgressBar } from '../progress.js';
import { machineProfileForCli } from '../machine-profile.js';
import { recommendationTargets } from '../../../core/analysis/targets.js';
import { loadReportInput, renderSessionReport } from '../../../core/report/index.js';
import { writeFileAtomic } from '../../../core/recording/store.js';
import { DynoError, toErrorInfo } from '../../../shared/errors.js';

export async function runProfile(argv: string[]): Promise<number> {
  const { report, rest } = reportOption(argv);
  const args = parseProfileArgs(rest);
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
  const code = exitCodeFor(
    result.error,
    result.phases.some((p) => p.name === 'create'),
  );
  if (report === null) return code;
  const reportCode = await writeReport(
    dirname(handle.dir),
    result.sessionId,
    report ?? join(handle.dir, 'report.html'),
    args.json,
  );
  return code === 0 ? reportCode : code;
}

/**
 * `--report` (into the session folder) or `--report=FILE`, taken out before the profile
 * flags are parsed: a flag whose value is optional is not something parseArgs knows.
 * null: no report; undefined: the default path.
 */
function reportOption(argv: string[]): { report: string | null | undefined; rest: string[] } {
  let report: string | null | undefined = null;
  const rest: string[] = [];
  for (const arg of argv) {
    if (arg === '--report') report = undefined;
    else if (arg.startsWith('--report=')) report = reportPath(arg.slice('--report='.length));
    else rest.push(arg);
  }
  return { report, rest };
}

function reportPath(text: string): string {
  if (text === '') throw new DynoError('usage', '--report=FILE needs a file name (or --report alone).');
  return resolve(text);
}

/** Last on stdout, so that `npm run demo` ends with the path; on stderr beside `--json`. */
async function writeReport(root: string, sessionId: string, path: string, json: boolean): Promise<number> {
  try {
    writeFileAtomic(path, renderSessionReport(await loadReportInput(root, sessionId)));
  } catch (err) {
    const info = toErrorInfo(err, 'internal');
    process.stderr.write(`modeldyno: no report written: ${info.message}\n`);
    return exitCodeFor(info);
  }
  (json ? process.stderr : process.stdout).write(`Report: ${path}\n`);
  return 0;
}
