/**
 * `modeldyno whatif <session> --target ID[,ID…]`: the session projected onto other
 * hardware, each projection with its per-class breakdown and its assumptions.
 */
import { analyse } from '../../../core/analysis/analyse.js';
import { loadCachedProfile } from '../../../core/analysis/calibrate.js';
import { loadTargetsFile } from '../../../core/analysis/catalogue.js';
import { resolveTarget } from '../../../core/analysis/targets.js';
import { project } from '../../../core/analysis/whatif.js';
import { whatIfBaseline } from '../../../core/api/summaries.js';
import { loadSessionData, sessionsRoot } from '../../../core/recording/store.js';
import type { Projection } from '../../../shared/analysis.js';
import { DynoError } from '../../../shared/errors.js';
import { parseStrict } from '../args.js';
import { formatBytes, formatMs } from '../format.js';

const OPTIONS = {
  target: { type: 'string', multiple: true },
  'targets-file': { type: 'string' },
  sessions: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function runWhatIf(argv: string[]): Promise<number> {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  const id = positionals[0];
  if (positionals.length !== 1 || id === undefined) {
    throw new DynoError('usage', 'whatif takes one session id: modeldyno whatif <session-id> --target ID[,ID…]');
  }
  const fromFile = values['targets-file'] ? await loadTargetsFile(values['targets-file']) : [];
  const targets = [
    ...fromFile,
    ...(values.target ?? [])
      .flatMap(splitTargets)
      .filter((t) => t !== '')
      .map(resolveTarget),
  ];
  if (targets.length === 0)
    throw new DynoError(
      'usage',
      'whatif needs --target ID[,ID…] or --targets-file FILE (ids: electron/core/analysis/catalogue.json).',
    );
  const data = loadSessionData(sessionsRoot(values.sessions), id);
  // The profile of the machine the session ran on, as stored with it; else this machine's.
  const profile = data.result.machineProfile ?? (await loadCachedProfile());
  if (!profile)
    throw new DynoError(
      'usage',
      'No machine profile: run `modeldyno calibrate` on the machine that recorded the session.',
    );
  const whatIf = analyse(data, profile, [], profile.peakFp32FlopsEstimate ?? null).whatIf;
  if (!whatIf) throw new DynoError('session-invalid', `Session ${id} has no measured run to project.`);
  const projections = targets.map((target) => project(whatIf, target));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ sessionId: id, baseline: whatIfBaseline(data.result), projections })}\n`);
    return 0;
  }
  const r = data.result;
  process.stdout.write(
    `What if ${id} ran elsewhere (now: load ${formatMs(r.loadMs)}, create ${formatMs(r.createMs)}, p50 ${formatMs(r.latencyMs?.p50 ?? null)})\n`,
  );
  for (const p of projections) process.stdout.write(formatProjection(p));
  return 0;
}

function formatProjection(p: Projection): string {
  const fits =
    p.fitsInMemory === null
      ? ''
      : p.fitsInMemory
        ? ` (fits in ${formatBytes(p.memoryBytes)})`
        : ` — does NOT fit in ${formatBytes(p.memoryBytes)}`;
  const b = p.breakdown;
  return [
    `\n${p.targetName} [${p.targetId}]`,
    `  load ${formatMs(p.loadMs)} · create ${formatMs(p.createMs)} · p50 ${formatMs(p.latencyP50Ms)} · ${p.throughputPerSec === null ? 'n/a' : p.throughputPerSec.toFixed(1)} inferences/s · peak memory ${formatBytes(p.peakMemoryBytes)}${fits}`,
    ...(p.llm
      ? [
          `  LLM: TTFT ${formatMs(p.llm.ttftMs)} · TPOT ${formatMs(p.llm.tpotMs)} · ${p.llm.outputTokensPerSec.toFixed(1)} output tokens/s`,
        ]
      : []),
    `  per run: compute ${formatMs(b.computeMs)} · memory ${formatMs(b.memoryMs)} · transfer ${formatMs(b.transferMs)} · other ${formatMs(b.otherMs)}`,
    ...p.assumptions.map((a) => `  assumes ${a}`),
    '',
  ].join('\n');
}

/**
 * `ID,ID,threads:4` lists targets, but a custom spec (`disk:readMBps=900,id=x`) has commas
 * of its own: a `key=value` piece continues the spec before it.
 */
export function splitTargets(text: string): string[] {
  const targets: string[] = [];
  for (const piece of text.split(',')) {
    const continues = piece.includes('=') && !piece.includes(':') && targets.length > 0;
    if (continues) targets[targets.length - 1] += `,${piece}`;
    else targets.push(piece);
  }
  return targets;
}
