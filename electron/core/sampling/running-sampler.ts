/**
 * The sampler's life cycle, shared by both sources: a deadline-based tick loop, one
 * Sample per tick with the latest GPU reading merged in, the series catalog, and the
 * statistics the session stores about sampling itself.
 */
import { DynoError } from '../../shared/errors.js';
import type { SamplerStats, SeriesInfo } from '../../shared/sample.js';
import type { NvidiaSmiStream } from './nvidia-smi.js';
import type { Sampler, SamplerOptions, SamplerSource } from './options.js';
import { SeriesCatalog } from './series-catalog.js';
import { TickLoop } from './tick-loop.js';
import type { SampleValues } from './trackers.js';

/** Where a sampler's readings come from: /proc, or systeminformation. */
export interface SampleReader {
  readonly source: SamplerSource;
  /** Watches the inference worker (or nothing); never throws for a vanished pid. */
  setPid(pid: number | null, nowNs: bigint): void;
  /** Writes this tick's values; rates cover the time since the previous read. */
  read(nowNs: bigint, values: SampleValues): void | Promise<void>;
  close(): void;
}

export class RunningSampler implements Sampler {
  readonly source: SamplerSource;
  private readonly catalog = new SeriesCatalog();
  private readonly loop: TickLoop;
  private state: 'ready' | 'running' | 'stopped' = 'ready';
  private samples = 0;
  private startNs: bigint | null = null;
  private lastDueNs: bigint | null = null;
  private cpuMicros = 0;
  private inFlight: Promise<void> | null = null;
  private stopped: Promise<SamplerStats> | null = null;

  constructor(
    private readonly options: SamplerOptions,
    readonly hzEffective: number,
    private readonly reader: SampleReader,
    private readonly gpu: NvidiaSmiStream | null,
  ) {
    this.source = reader.source;
    this.loop = new TickLoop({
      periodNs: BigInt(Math.round(1e9 / hzEffective)),
      onTick: (nowNs, dueNs) => this.tick(nowNs, dueNs),
    });
  }

  get seriesCount(): number {
    return this.catalog.size;
  }

  series(): SeriesInfo[] {
    return this.catalog.list();
  }

  setPid(pid: number | null): void {
    if (this.state === 'stopped') return;
    this.reader.setPid(pid, process.hrtime.bigint());
  }

  start(): void {
    if (this.state !== 'ready') throw new DynoError('usage', 'A sampler can be started once.');
    this.state = 'running';
    this.gpu?.start();
    const nowNs = process.hrtime.bigint();
    this.startNs = nowNs;
    // The baseline reading: rates in the first sample cover the first period.
    const baseline = this.reader.read(nowNs, {});
    // A failed baseline only costs the first sample its rates; nothing waits on it but stop().
    if (baseline instanceof Promise) this.inFlight = baseline.catch(() => undefined);
    this.loop.start(nowNs);
  }

  stop(): Promise<SamplerStats> {
    this.stopped ??= this.finish();
    return this.stopped;
  }

  private async finish(): Promise<SamplerStats> {
    const wasRunning = this.state === 'running';
    this.state = 'stopped';
    const loopStats = this.loop.stop();
    // An in-flight reading must not emit after stop() resolves. Its failure, if any,
    // already surfaced through the tick that started it.
    await this.inFlight?.catch(() => undefined);
    await this.gpu?.stop();
    this.reader.close();
    const elapsedSec = wasRunning ? Number(loopStats.elapsedNs) / 1e9 : 0;
    // Up to the deadline of the last sample: a stop() mid-period is not a slow sampler,
    // and a timer firing a few µs early is not a fast one.
    const spanSec = this.startNs !== null && this.lastDueNs !== null ? Number(this.lastDueNs - this.startNs) / 1e9 : 0;
    const cpuMicros = this.cpuMicros + (this.gpu?.cpu.micros ?? 0);
    return {
      source: this.source,
      hzRequested: this.options.hz,
      hzAchieved: spanSec > 0 ? this.samples / spanSec : 0,
      samples: this.samples,
      missed: loopStats.missed,
      cpuPct: elapsedSec > 0 ? (cpuMicros / 1e6 / elapsedSec) * 100 : 0,
      gpu: this.gpu?.contributed ?? false,
    };
  }

  private tick(nowNs: bigint, dueNs: bigint): void | Promise<void> {
    const cpuBefore = process.cpuUsage();
    const values: SampleValues = {};
    const work = this.reader.read(nowNs, values);
    if (!(work instanceof Promise)) {
      this.emit(nowNs, dueNs, values, cpuBefore);
      return;
    }
    // CPU measured across an await also counts whatever else the event loop ran
    // meanwhile, so the systeminformation source's cpuPct is an upper bound.
    const done = work.then(() => this.emit(nowNs, dueNs, values, cpuBefore));
    this.inFlight = done;
    return done;
  }

  private emit(nowNs: bigint, dueNs: bigint, values: SampleValues, cpuBefore: NodeJS.CpuUsage): void {
    if (this.state !== 'running') return;
    this.lastDueNs = dueNs;
    this.gpu?.mergeInto(values);
    this.catalog.observe(values);
    const spent = process.cpuUsage(cpuBefore);
    this.cpuMicros += spent.user + spent.system;
    this.samples++;
    // The host's own handling of the sample is not the sampler's cost: measured before.
    this.options.onSample({ tMs: Number(nowNs - this.options.originNs) / 1e6, values });
  }
}
