/**
 * Parsing `nvidia-smi --query-gpu=… --format=csv,noheader,nounits` lines. Each line is
 * one GPU: the queried fields in order, separated by ", ". A value the GPU or driver
 * cannot give is a bracketed word instead of a number — "[N/A]" (utilisation of a MIG
 * GPU, power of many consumer cards), "[Not Supported]", "[Unknown Error]" — and its
 * series is then absent from that reading rather than 0.
 */

/** A GPU series metric, the last part of `gpu.<index>.<metric>`. */
export type GpuMetric =
  | 'utilPct'
  | 'memUtilPct'
  | 'memUsedBytes'
  | 'memTotalBytes'
  | 'powerWatts'
  | 'smClockMhz'
  | 'memClockMhz'
  | 'temperatureC';

const MIB = 1024 * 1024;

/** The query fields the sampler understands, with their series and unit scale. */
const FIELD_METRICS: Readonly<Record<string, { metric: GpuMetric; scale: number }>> = {
  'utilization.gpu': { metric: 'utilPct', scale: 1 },
  'utilization.memory': { metric: 'memUtilPct', scale: 1 },
  // nvidia-smi's MiB (it prints "MiB" when units are on).
  'memory.used': { metric: 'memUsedBytes', scale: MIB },
  'memory.total': { metric: 'memTotalBytes', scale: MIB },
  'power.draw': { metric: 'powerWatts', scale: 1 },
  'clocks.current.sm': { metric: 'smClockMhz', scale: 1 },
  'clocks.sm': { metric: 'smClockMhz', scale: 1 },
  'clocks.current.memory': { metric: 'memClockMhz', scale: 1 },
  'clocks.mem': { metric: 'memClockMhz', scale: 1 },
  'temperature.gpu': { metric: 'temperatureC', scale: 1 },
};

/**
 * The fields the sampler streams. Only fields every driver of the last decade knows:
 * one unknown field makes nvidia-smi reject the whole query ("is not a valid field to
 * query"), which would cost every GPU series. PCIe throughput is not among them because
 * --query-gpu has no such field (only `nvidia-smi dmon -s t`, at 1 s granularity).
 */
export const GPU_QUERY_FIELDS: readonly string[] = [
  'index',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'power.draw',
  'clocks.current.sm',
  'clocks.current.memory',
  'temperature.gpu',
];

/** One GPU's values from one line. */
export interface GpuReading {
  index: number;
  metrics: Partial<Record<GpuMetric, number>>;
}

/**
 * Parses one output line queried with `fields` (in query order); fields the sampler has
 * no series for (timestamp, name …) are skipped. Null for a line that is not a reading:
 * an error message, a header, or a line whose field count does not match.
 */
export function parseGpuLine(line: string, fields: readonly string[] = GPU_QUERY_FIELDS): GpuReading | null {
  const cells = line.trim().split(', ');
  if (cells.length !== fields.length) return null;
  let index: number | null = null;
  const metrics: Partial<Record<GpuMetric, number>> = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    const cell = cells[i] as string;
    if (field === 'index') {
      const value = Number(cell);
      if (!Number.isInteger(value) || value < 0) return null;
      index = value;
      continue;
    }
    const mapping = FIELD_METRICS[field];
    if (mapping === undefined) continue;
    const value = parseCellNumber(cell);
    if (value !== null) metrics[mapping.metric] = value * mapping.scale;
  }
  return index === null ? null : { index, metrics };
}

/** A numeric cell, or null for "[N/A]", "[Not Supported]", "" and other non-numbers. */
export function parseCellNumber(cell: string): number | null {
  const trimmed = cell.trim();
  if (trimmed === '' || trimmed.startsWith('[')) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Splits streamed output into complete lines, keeping a trailing partial line for later. */
export class LineSplitter {
  private pending = '';

  push(chunk: string, onLine: (line: string) => void): void {
    let text = this.pending + chunk;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const line = text.slice(0, newline);
      if (line.trim() !== '') onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    this.pending = text;
  }
}
