/**
 * `npm run bench`: ratios measured side by side in one run on this machine.
 *   1. Profiler overhead: ModelDyno (sampler at 20 and 100 Hz, op profiling off) vs. a
 *      bare onnxruntime-node loop, interleaved. Target ≤ 1.02.
 *      Each round pairs the sides seconds apart; the IQR printed with the ratio is the
 *      machine's own noise, which on a shared 2-core VM (±10–15 %) exceeds the target.
 *   2. Sampler cost at 20/50/100 Hz and achieved/requested rate. Targets: ≤ 1 % of a
 *      core at 50 Hz, ≥ 98 % of the requested rate.
 *   Timeline: time to interactive and per zoom on a synthetic 1-hour 50 Hz session in
 *   Chromium (bench/ui/timeline.ts). Targets: < 1 s, < 150 ms.
 *   Export: time and size of each export format of the same synthetic session
 *   (bench/export.ts). Targets: HTML < 2 s and < 5 MB, .dyno < 10 MB.
 *   Long run: a 10-minute profile at 50 Hz (bench/long-run.ts; BENCH_LONG_S shortens it).
 *   Targets: host memory growth < 50 MB, samples recorded ≥ 99 % of expected.
 *   Compression, last: each variant's file size and latency against fp32, interleaved in
 *   this process (bench/compress.ts).
 */
import { fileURLToPath } from 'node:url';
import { benchOverhead } from './overhead.js';
import { benchSampler } from './sampler.js';
import { benchProjection } from './projection.js';
import { benchTimeline, printTimelineBench } from './ui/timeline.js';
import { benchExport, printExportBench } from './export.js';
import { benchLongRun, printLongRunBench } from './long-run.js';
import { benchCompress, printCompressBench } from './compress.js';
import { DEFAULT_SPECS } from '../electron/shared/compress.js';

const model = fileURLToPath(new URL('../../models/mlp.onnx', import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const runs = Number(process.env.BENCH_RUNS ?? 40);
const samplerSeconds = Number(process.env.BENCH_SAMPLER_SECONDS ?? 5);

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

console.log(
  `Profiler overhead — mlp.onnx at its default batch, op profiling off, ${rounds} interleaved rounds × ${runs} runs, ratio = median over rounds of paired medians`,
);
const overhead = await benchOverhead(model, [20, 100], rounds, runs, Number(process.env.BENCH_THREADS ?? 0));
for (const row of overhead) {
  const ratio = row.label.startsWith('bare')
    ? ''
    : `  ratio ${row.ratio.toFixed(3)} [IQR ${row.ratioP25.toFixed(3)}–${row.ratioP75.toFixed(3)}] (target ≤ 1.02: ${verdict(row.ratio <= 1.02)})`;
  console.log(`  ${row.label.padEnd(24)} median ${row.medianMs.toFixed(3)} ms over ${row.runs} runs${ratio}`);
}

console.log(`\nSampler cost — ${samplerSeconds} s at each rate, side by side`);
for (const row of await benchSampler([20, 50, 100], samplerSeconds)) {
  const rate = row.hzAchieved / row.hz;
  const costOk = row.hz !== 50 || row.cpuPctOfCore <= 1;
  console.log(
    `  ${String(row.hz).padStart(3)} Hz: ${row.cpuPctOfCore.toFixed(2)} % of one core${row.hz === 50 ? ` (target ≤ 1 %: ${verdict(costOk)})` : ''}` +
      `, achieved ${row.hzAchieved.toFixed(2)} Hz = ${(rate * 100).toFixed(1)} % of requested (target ≥ 98 %: ${verdict(rate >= 0.98)}), ${row.missed} missed`,
  );
}

const accuracyRounds = Number(process.env.BENCH_ACCURACY_ROUNDS ?? 3);
console.log(
  `\nProjection accuracy — predicted vs measured on this machine, ${accuracyRounds} rounds (target ≤ 10 % median error)`,
);
const accuracy = await benchProjection(
  { mlp: model, cnn: fileURLToPath(new URL('../../models/cnn.onnx', import.meta.url)) },
  accuracyRounds,
);
for (const check of [...new Set(accuracy.map((row) => row.check))]) {
  const rows = accuracy.filter((row) => row.check === check);
  const errors = rows.map((row) => row.errorPct).sort((a, b) => a - b);
  const median = errors[Math.floor(errors.length / 2)]!;
  const detail = rows.map((row) => `${row.predicted.toFixed(2)}/${row.measured.toFixed(2)}`).join(' ');
  // Beside the per-round error: the error of the medians, in which the drift of a shared
  // machine between one round's sessions averages out.
  const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const pooled = Math.abs(mid(rows.map((r) => r.predicted)) / mid(rows.map((r) => r.measured)) - 1) * 100;
  console.log(
    `  ${check.padEnd(34)} median error ${median.toFixed(1)} % (${verdict(median <= 10)}), error of medians ${pooled.toFixed(1)} %  predicted/measured ms: ${detail}`,
  );
}

printTimelineBench(await benchTimeline());

printExportBench(await benchExport(Number(process.env.BENCH_EXPORT_ROUNDS ?? 3)));

// Ten minutes on their own, so that nothing else of the bench runs beside them. Its
// absolute RSS includes what the parts before left in this process (the export bench's
// 1-hour session): `node dist/bench/long-run.js` measures the host alone.
printLongRunBench(await benchLongRun(model, Number(process.env.BENCH_LONG_S ?? 600)));

// Sessions side by side need one process: last, after the long run.
const compressRounds = Number(process.env.BENCH_COMPRESS_ROUNDS ?? 7);
console.log(
  `\nCompression — each variant against fp32 in one process, ${compressRounds} interleaved rounds × 20 runs, ratio = median over rounds of per-round p50 ratios`,
);
const decoder = fileURLToPath(new URL('../../models/decoder.onnx', import.meta.url));
printCompressBench(
  await benchCompress(
    [
      { label: 'mlp (batch 512)', path: model },
      { label: 'decoder prefill (32 tokens)', path: decoder },
      {
        label: 'decoder decode (1 token, 32 past)',
        path: decoder,
        dims: { sequence_length: 1, past_sequence_length: 32, total_sequence_length: 33 },
        pastLength: 32,
      },
    ],
    [...DEFAULT_SPECS, { kind: 'prune', sparsity: 0.5 }],
    compressRounds,
    20,
  ),
);
