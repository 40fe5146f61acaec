/**
 * `modeldyno compress <model> --to int8,int4,fp16[,prune:0.5] [--compare] [--json]`:
 * makes the variants, measures their fidelity against the original, and with
 * `--compare` profiles the original and each variant with the same settings and prints
 * them side by side.
 */
import { resolve } from 'node:path';
import { compressionsRoot, experimentDir } from '../../../core/compress/store.js';
import { runExperiment } from '../../../core/compress/experiment.js';
import { compressionView } from '../../../core/compress/view.js';
import { startProfile } from '../../../core/profiler.js';
import { recommendationTargets } from '../../../core/analysis/targets.js';
import { sessionsRoot, writeFileAtomic } from '../../../core/recording/store.js';
import { storedSession } from '../../../core/compress/of-session.js';
import { loadReportInput, renderSessionReport } from '../../../core/report/index.js';
import { DEFAULT_SPECS, parseSpecList } from '../../../shared/compress.js';
import { DynoError, toErrorInfo } from '../../../shared/errors.js';
import type { ProfileResult } from '../../../shared/session.js';
import { parseProfileArgs } from '../args.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { machineProfileForCli } from '../machine-profile.js';
import { StepProgressBar } from '../step-progress.js';
import { formatCompression } from '../format-compress.js';

interface CompressOptions {
  to: string | null;
  compare: boolean;
  out: string | null;
  /** null: no report; undefined: `report.html` in the experiment folder. */
  report: string | null | undefined;
  rest: string[];
}

/** The flags of its own, taken out before the profile flags are parsed. */
function splitOptions(argv: string[]): CompressOptions {
  const options: CompressOptions = { to: null, compare: false, out: null, report: null, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (flag: string) => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new DynoError('usage', `${flag} needs a value.`);
      return next;
    };
    if (arg === '--to') options.to = value('--to');
    else if (arg.startsWith('--to=')) options.to = arg.slice('--to='.length);
    else if (arg === '--compare') options.compare = true;
    else if (arg === '--out') options.out = resolve(value('--out'));
    else if (arg.startsWith('--out=')) options.out = resolve(arg.slice('--out='.length));
    else if (arg === '--report') options.report = undefined;
    else if (arg.startsWith('--report=')) options.report = resolve(arg.slice('--report='.length));
    else options.rest.push(arg);
  }
  return options;
}

export async function runCompress(argv: string[]): Promise<number> {
  const options = splitOptions(argv);
  const specs = options.to === null ? [...DEFAULT_SPECS] : parseSpecList(options.to);
  const args = parseProfileArgs(options.rest);
  if (options.report !== null && !options.compare)
    throw new DynoError('usage', '--report needs --compare: the report shows the profiled original and its variants.');
  const modelPath = resolve(args.modelPath);
  const sessions = sessionsRoot(args.sessionsDir);
  const root = compressionsRoot(sessions);
  // Measured before any session, never during one: calibration saturates every core.
  const machine = options.compare ? await machineProfileForCli(args.calibrate, args.json) : null;
  const bar = new StepProgressBar();
  let current: { cancel(): void } | null = null;
  let interrupts = 0;
  const onSigint = () => {
    if (interrupts++ > 0) process.exit(130);
    current?.cancel();
  };
  process.on('SIGINT', onSigint);
  const profile = async (path: string): Promise<ProfileResult> => {
    const handle = await startProfile({
      modelPath: path,
      settings: args.settings,
      sessionsDir: sessions,
      analysis: {
        profile: machine,
        targets: recommendationTargets(),
        peakFlopsPerSec: machine?.peakFp32FlopsEstimate ?? null,
      },
    });
    current = handle;
    try {
      return await handle.done;
    } finally {
      current = null;
    }
  };
  let experiment;
  try {
    experiment = await runExperiment({
      modelPath,
      specs,
      settings: args.settings,
      root,
      ...(options.out ? { outDir: options.out } : {}),
      profile: options.compare ? profile : null,
      onProgress: (p) => bar.update(p),
      cancelled: () => interrupts > 0,
    });
  } finally {
    bar.clear();
    process.off('SIGINT', onSigint);
  }
  const lookup = storedSession(sessions);
  const view = compressionView(experiment, lookup);
  const dir = experimentDir(root, experiment.id);
  if (args.json) process.stdout.write(`${JSON.stringify(view)}\n`);
  else process.stdout.write(formatCompression(view, dir));
  let code = worstExit(view.rows.map((row) => row.error));
  if (options.report !== null) {
    const path = options.report ?? `${dir}/report.html`;
    try {
      if (experiment.baselineSessionId === null)
        throw new DynoError('run-failed', 'the original was not profiled, so there is nothing to report.');
      writeFileAtomic(path, renderSessionReport(await loadReportInput(sessions, experiment.baselineSessionId)));
      (args.json ? process.stderr : process.stdout).write(`Report: ${path}\n`);
    } catch (err) {
      const info = toErrorInfo(err, 'internal');
      process.stderr.write(`modeldyno: no report written: ${info.message}\n`);
      code = code === EXIT.ok ? exitCodeFor(info) : code;
    }
  }
  if (experiment.status === 'cancelled') return EXIT.ok;
  return code;
}

/** A variant that could not be made or run is a failure of the command, reported after the table. */
function worstExit(errors: Array<{ kind: string; message: string } | null>): number {
  const codes = errors.map((error) => (error ? exitCodeFor(error as Parameters<typeof exitCodeFor>[0]) : EXIT.ok));
  return Math.max(EXIT.ok, ...codes);
}
