/**
 * `modeldyno calibrate [--refresh] [--json]`: measures this machine through ONNX Runtime
 * (GEMM per thread count, memory bandwidth, disk read) once, caches the profile, and
 * prints it. Later runs print the cached profile unless --refresh.
 */
import { calibrate, loadCachedProfile, profilePath, saveProfile } from '../../../core/analysis/calibrate.js';
import type { MachineProfile } from '../../../shared/analysis.js';
import { parseStrict } from '../args.js';
import { formatBytes, formatMs } from '../format.js';
import { StepProgressBar } from '../step-progress.js';

export async function runCalibrate(argv: string[]): Promise<number> {
  const { values } = parseStrict(argv, { refresh: { type: 'boolean' }, json: { type: 'boolean' } });
  let profile = values.refresh ? null : await loadCachedProfile();
  const fromCache = profile !== null;
  if (profile === null) {
    if (!values.json) process.stderr.write('Calibrating this machine through ONNX Runtime (5–10 s) …\n');
    const bar = new StepProgressBar();
    try {
      profile = await calibrate({ onProgress: (progress) => bar.update(progress) });
    } finally {
      bar.clear();
    }
    saveProfile(profile);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(profile)}\n`);
  else process.stdout.write(formatProfile(profile, profilePath(profile.fingerprint), fromCache));
  return 0;
}

const gflops = (flopsPerSec: number) => `${(flopsPerSec / 1e9).toFixed(1)} GFLOP/s`;
const line = (label: string, text: string) => `${label.padEnd(13)}${text}\n`;

/** Peak achieved FLOP/s ÷ bandwidth: ops below this many FLOP per byte are memory-bound here. */
export function balancePoint(profile: MachineProfile): number | null {
  const peak = Math.max(0, ...profile.gemm.map((g) => g.flopsPerSec));
  return profile.memoryBandwidthBytesPerSec > 0 && peak > 0 ? peak / profile.memoryBandwidthBytesPerSec : null;
}

export function formatProfile(profile: MachineProfile, path: string, fromCache: boolean): string {
  let out = line(
    'Machine',
    `${profile.cpuModel} · ${profile.logicalCores} logical / ${profile.physicalCores} physical cores · ${formatBytes(profile.memTotalBytes)} RAM`,
  );
  profile.gemm.forEach((g, i) => {
    const label = i === 0 ? 'GEMM fp32' : '';
    out += line(
      label,
      `${String(g.threads).padStart(3)} thread${g.threads === 1 ? ' ' : 's'}  ${gflops(g.flopsPerSec)}`,
    );
  });
  out += line('Memory', `${(profile.memoryBandwidthBytesPerSec / 1e9).toFixed(1)} GB/s streaming (read + write)`);
  const disk = profile.diskReadMBps;
  out += line(
    'Disk read',
    disk === null
      ? 'not measured'
      : `${disk.toFixed(0)} MB/s ${profile.diskReadCold ? 'cold (page cache evicted)' : 'warm (page cache could not be evicted)'}`,
  );
  out += line(
    'Host↔device',
    profile.hostToDeviceGBps === null
      ? 'not measured (no GPU execution provider)'
      : `${profile.hostToDeviceGBps.toFixed(1)} GB/s up · ${profile.deviceToHostGBps?.toFixed(1) ?? 'n/a'} GB/s down`,
  );
  const balance = balancePoint(profile);
  out += line('Balance', balance === null ? 'n/a' : `${balance.toFixed(1)} FLOP/byte (peak GEMM ÷ memory bandwidth)`);
  out += line('Measured', `${profile.measuredAt} in ${formatMs(profile.durationMs)}`);
  out += line(fromCache ? 'Cached' : 'Saved', `${path}${fromCache ? '  (--refresh measures again)' : ''}`);
  return out;
}
