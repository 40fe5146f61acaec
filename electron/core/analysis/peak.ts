/**
 * This machine's theoretical FP32 peak, for "the target reaches the same share of its
 * peak" in projections: physical cores × clock × FP32 FLOP per cycle from the widest
 * FMA the CPU advertises (AVX-512: 2 FMA units × 16 lanes × 2 = 64; AVX2+FMA: 32;
 * NEON: 16 per 128-bit pipe pair). Linux only; null where /proc/cpuinfo cannot tell.
 */
import { readFileSync } from 'node:fs';

export function estimatePeakFlops(physicalCores: number, cpuinfo = readCpuinfo()): number | null {
  if (cpuinfo === null || physicalCores <= 0) return null;
  const mhz = Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(cpuinfo)?.[1] ?? /@\s*([\d.]+)GHz/.exec(cpuinfo)?.[1] ?? NaN);
  const ghz = mhz > 100 ? mhz / 1000 : mhz;
  if (!Number.isFinite(ghz) || ghz <= 0) return null;
  const flags = /^(flags|Features)\s*:(.*)$/m.exec(cpuinfo)?.[2] ?? '';
  const has = (flag: string) => new RegExp(`\\b${flag}\\b`).test(flags);
  const perCycle = has('avx512f') ? 64 : has('avx2') && has('fma') ? 32 : has('asimd') ? 16 : has('avx') ? 16 : 8;
  return physicalCores * ghz * 1e9 * perCycle;
}

function readCpuinfo(): string | null {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return null; // not Linux: projections state that this machine's peak is unknown.
  }
}
