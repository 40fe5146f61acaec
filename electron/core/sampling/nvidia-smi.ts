/**
 * GPU readings from ONE long-lived `nvidia-smi --query-gpu … -lms <ms>` child: starting
 * nvidia-smi costs tens of milliseconds of NVML initialisation, so a process per sample
 * would cost more than everything else the sampler does. The latest reading of each GPU
 * is merged into every sample. The child is killed on stop() and on process exit; if the
 * host dies without running exit handlers, the child gets SIGPIPE on its next write.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Socket } from 'node:net';
import path from 'node:path';
import { GPU_QUERY_FIELDS, LineSplitter, parseGpuLine, type GpuMetric } from './parse-nvidia-smi.js';
import { CpuMeter } from './tick-loop.js';
import type { SampleValues } from './trackers.js';

/**
 * The fastest the stream is asked to report. utilization.gpu is itself an average over
 * 1/6 s to 1 s (nvidia-smi --help-query-gpu) and power.draw over 1 s on recent drivers,
 * so polling NVML faster would repeat values while nvidia-smi burns CPU of its own.
 */
export const MIN_GPU_INTERVAL_MS = 100;

const STOP_GRACE_MS = 2000;

/** Children alive anywhere in this process, killed if the process exits first. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLiveChildrenOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
  });
}

/**
 * The executable nvidia-smi would run as, or null when there is none: an explicit path
 * must be executable; a bare name is looked up on PATH (as spawn would).
 */
export function locateExecutable(command: string): string | null {
  const candidates =
    command.includes('/') || command.includes('\\')
      ? [command]
      : (process.env['PATH'] ?? '')
          .split(path.delimiter)
          .filter((dir) => dir !== '')
          .map((dir) => path.join(dir, command));
  // Windows finds nvidia-smi.exe for a bare "nvidia-smi"; X_OK means only F_OK there.
  if (process.platform === 'win32' && path.extname(command) === '') {
    candidates.push(...candidates.map((candidate) => `${candidate}.exe`));
  }
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here (or not executable): try the next PATH entry.
    }
  }
  return null;
}

type GpuKeys = Record<GpuMetric, string>;

function gpuKeys(index: number): GpuKeys {
  const prefix = `gpu.${index}`;
  return {
    utilPct: `${prefix}.utilPct`,
    memUtilPct: `${prefix}.memUtilPct`,
    memUsedBytes: `${prefix}.memUsedBytes`,
    memTotalBytes: `${prefix}.memTotalBytes`,
    powerWatts: `${prefix}.powerWatts`,
    smClockMhz: `${prefix}.smClockMhz`,
    memClockMhz: `${prefix}.memClockMhz`,
    temperatureC: `${prefix}.temperatureC`,
  };
}

interface GpuState {
  keys: GpuKeys;
  metrics: Partial<Record<GpuMetric, number>>;
}

export class NvidiaSmiStream {
  /** CPU time spent parsing the stream's lines (part of the sampler's own cost). */
  readonly cpu = new CpuMeter();
  private readonly gpus = new Map<number, GpuState>();
  private readonly lines = new LineSplitter();
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readingsSeen = 0;

  constructor(
    private readonly executable: string,
    private readonly intervalMs: number,
  ) {}

  /** Whether at least one GPU reading arrived (SamplerStats.gpu). */
  get contributed(): boolean {
    return this.readingsSeen > 0;
  }

  start(): void {
    const args = [
      `--query-gpu=${GPU_QUERY_FIELDS.join(',')}`,
      '--format=csv,noheader,nounits',
      '-lms',
      String(Math.max(MIN_GPU_INTERVAL_MS, Math.round(this.intervalMs))),
    ];
    const child = spawn(this.executable, args, { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    this.child = child;
    liveChildren.add(child);
    killLiveChildrenOnExit();
    this.exited = new Promise((resolve) => {
      const finish = (): void => {
        liveChildren.delete(child);
        // A crashed or killed stream is not an error: GPU series stop with it.
        this.gpus.clear();
        if (this.child === child) this.child = null;
        resolve();
      };
      // 'close' rather than 'exit': it comes after stdout has delivered its last line.
      child.once('close', finish);
      // spawn failures (EACCES, ENOENT after the PATH check) arrive as 'error'.
      child.once('error', finish);
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.cpu.measure(() => this.lines.push(chunk, this.onLine)));
    // Like the tick timers, the stream never keeps the host alive on its own.
    child.unref();
    if (child.stdout instanceof Socket) child.stdout.unref();
  }

  /** Copies the latest reading of every GPU into a sample. */
  mergeInto(values: SampleValues): void {
    for (const gpu of this.gpus.values()) {
      const metrics = gpu.metrics;
      for (const metric in metrics) {
        const value = metrics[metric as GpuMetric];
        if (value !== undefined) values[gpu.keys[metric as GpuMetric]] = value;
      }
    }
  }

  /** Ends the child (SIGTERM, then SIGKILL after a grace period) and waits for its exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const escalation = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      escalation.unref();
      await this.exited;
      clearTimeout(escalation);
    }
    await this.exited;
    child?.stdout?.destroy();
  }

  private readonly onLine = (line: string): void => {
    const reading = parseGpuLine(line);
    if (reading === null) return;
    let gpu = this.gpus.get(reading.index);
    if (gpu === undefined) {
      gpu = { keys: gpuKeys(reading.index), metrics: reading.metrics };
      this.gpus.set(reading.index, gpu);
    }
    gpu.metrics = reading.metrics;
    this.readingsSeen++;
  };
}
