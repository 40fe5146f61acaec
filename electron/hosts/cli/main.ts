/**
 * The `modeldyno` command. Exit codes: 0 ok, 1 a missing session or a failed compare gate,
 * 2 usage or a missing tool, 3 the model cannot be loaded, 4 a run failed or the worker died
 * (the session is kept).
 */
import { DynoError, toErrorInfo } from '../../shared/errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { runCalibrate } from './commands/calibrate.js';
import { runCompare } from './commands/compare.js';
import { runCompress } from './commands/compress.js';
import { runCompressions } from './commands/compressions.js';
import { runExport } from './commands/export.js';
import { runImport } from './commands/import.js';
import { runModels } from './commands/models.js';
import { runWhatIf } from './commands/whatif.js';
import { runProfile } from './commands/profile.js';
import { runServe } from './commands/serve.js';
import { runSessions, runShow } from './commands/sessions.js';

export const HELP = `modeldyno — what holds your model's inference back

Usage:
  modeldyno profile <model.onnx> [options]   profile a model and print the summary
  modeldyno sessions [--sessions DIR] [--json]   list recorded sessions with their status
  modeldyno show <session-id> [--sessions DIR] [--json]   print one session's summary
  modeldyno calibrate [--refresh] [--json]     measure this machine (GEMM, bandwidth, disk) once
  modeldyno whatif <session-id> --target ID[,ID…] [--json]
                                               project a session onto other hardware
                                               (catalogue ids, threads:N, cpu:cores=16,…;
                                               --targets-file FILE for a JSON list of specs)
  modeldyno export <session-id> --format html|pdf|dyno|csv|trace|json [--out FILE]
                                               write a session as a file: HTML report, PDF
                                               (needs Chromium), .dyno session file, CSV
                                               (--what samples|ops, or csv-samples/csv-ops),
                                               Chrome/Perfetto trace; default FILE <id>.<ext>
  modeldyno import <file>                      add a .dyno session file, or an ONNX Runtime
                                               profile JSON (op-level analysis), as a session
  modeldyno compare <A> <B> [--json] [--fail-if-slower PCT] [--html FILE]
                                               B against A: deltas and per-op-type times;
                                               exit 1 when B's p50 (TTFT/TPOT p50 for LLMs)
                                               is more than PCT % slower
  modeldyno compress <model.onnx> [--to int8,int4,int4:128,fp16,prune:0.5] [--compare]
                    [--out DIR] [--json] [--report[=FILE]] [profile options]
                                               make int8 / int4 (MatMulNBits, block 32 or
                                               :N) / fp16-weight / pruned variants, measure
                                               their fidelity against the original (max |Δ|,
                                               cosine, top-1 for decoders); --compare also
                                               profiles each side by side (default --to:
                                               int8,int4:32,int4:128,fp16)
  modeldyno compressions [list | show <id> | delete <id>] [--sessions DIR] [--json]
                                               stored experiments; delete removes one with
                                               its variant files (its sessions stay)
  modeldyno models [list]                      list bundled models and on-demand presets
  modeldyno models make <preset> [--out DIR]   generate a preset into the model cache
  modeldyno serve [--host H] [--port P] [--token T] [--root DIR]… [--sessions DIR] [--no-open]
                                               serve the app to a browser on this machine;
                                               prints the URL to open (with its token).
                                               --root: folders the browser may open (default:
                                               the bundled models and the current folder)

Profile options:
  --runs N               measured runs (default 20)
  --warmup N             warm-up runs before measuring (default 3)
  --duration S           run for S seconds instead of a fixed count
  --threads N            ONNX Runtime intra-op threads (default: one per physical core)
  --inter-threads N      inter-op threads
  --opt LEVEL            graph optimisation: disabled, basic, extended, all (default all)
  --ep NAME              execution provider (default cpu)
  --dim NAME=VALUE       value of a symbolic input dimension (repeatable);
                         INPUT[AXIS]=VALUE sets an unnamed one
  --hz N                 hardware sampling rate, 1–100 (default 20)
  --no-op-profile        do not collect ONNX Runtime's per-op profile
  --cold                 evict the model file from the page cache before loading
  --no-calibrate         analyse without a machine profile if none is cached
  --llm auto|on|off      generation profiling for decoders (auto: by inputs/outputs)
  --prompt-tokens LIST   prompt lengths P (default 32), e.g. 32,128,512
  --output-tokens LIST   output tokens N per request (default 32)
  --batch LIST           sequences per request (default 1)
  --repetitions N        requests per combination (default 3)
  --sweep-threads LIST   also measure at these intra-op thread counts (e.g. 1,2,4)
                         and fit Amdahl's law for core-count projections
  --create-timeout S     limit for reading and creating the session (default 120)
  --run-timeout S        limit for one inference run (default 60)
  --memory-cap SIZE      stop the worker when its resident memory passes SIZE
                         (e.g. 512M, 8G; default 90 % of this machine's memory)
  --sessions DIR         where sessions are stored (default $MODELDYNO_HOME/sessions
                         or ~/.modeldyno/sessions)
  --json                 print one JSON object instead of the summary
  --report               write the session's HTML report to report.html in its folder
                         (--report=FILE: there instead) and print its path last

export, import and compare take --sessions DIR as profile does.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'profile':
        return await runProfile(rest);
      case 'sessions':
        return runSessions(rest);
      case 'show':
        return runShow(rest);
      case 'models':
        return await runModels(rest);
      case 'calibrate':
        return await runCalibrate(rest);
      case 'whatif':
        return await runWhatIf(rest);
      case 'export':
        return await runExport(rest);
      case 'import':
        return await runImport(rest);
      case 'compare':
        return await runCompare(rest);
      case 'compress':
        return await runCompress(rest);
      case 'compressions':
        return runCompressions(rest);
      case 'serve':
        return await runServe(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new DynoError('usage', `Unknown command "${command}". Run \`modeldyno help\`.`);
    }
  } catch (err) {
    const info = toErrorInfo(err, 'run-failed');
    process.stderr.write(`modeldyno: ${info.message}\n`);
    if (info.kind === 'run-failed' && !(err instanceof DynoError) && err instanceof Error)
      process.stderr.write(`${err.stack}\n`);
    return exitCodeFor(info);
  }
}
