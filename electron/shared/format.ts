/** Numbers with units, the same in the CLI, the renderer and reports. */

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'n/a';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : value < 10 ? 2 : 1)} ${units[unit]}`;
}

export function formatMs(ms: number | null): string {
  if (ms === null || Number.isNaN(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}

export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

export function formatPct(pct: number | null, digits = 0): string {
  return pct === null || Number.isNaN(pct) ? 'n/a' : `${pct.toFixed(digits)} %`;
}

/** FLOPs or FLOP/s with an SI prefix: `1.2 GFLOP`. */
export function formatFlops(flops: number | null, suffix = 'FLOP'): string {
  if (flops === null) return 'n/a';
  const prefixes: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const hit = prefixes.find(([scale]) => Math.abs(flops) >= scale);
  return hit ? `${(flops / hit[0]).toFixed(2)} ${hit[1]}${suffix}` : `${flops.toFixed(0)} ${suffix}`;
}
