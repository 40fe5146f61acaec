/**
 * Runs one profile inside the inference worker: read → create → warm-up → measured runs,
 * then the op profile. Everything it learns goes out as `WorkerToHost` messages the moment
 * it is known, so a crash later loses nothing already said.
 */
import { readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { DynoError, toErrorInfo } from '../../shared/errors.js';
import type { TensorInfo } from '../../shared/model.js';
import { TensorDtype } from '../../shared/model.js';
import type { PhaseName, ProfileSettings } from '../../shared/session.js';
import { checkExternalData } from '../models/external-data.js';
import { inspectModel } from '../models/inspect.js';
import { parseDimList, resolveDims } from './dims.js';
import {
  checkProvider,
  createSession,
  evictFromPageCache,
  processReadBytes,
  readModelFile,
  sessionOptions,
  sha256Of,
} from './load.js';
import { memoryCapBytes } from './memory-cap.js';
import { alignOpEvents } from './op-events.js';
import type { HostToWorker, WorkerToHost } from './protocol.js';
import { makeInputs } from './tensors.js';
import { generateAll } from './generate-all.js';
import { detectDecoder } from './llm-layout.js';
import { MAX_PROFILED_RUNS, RunLoop } from './run-loop.js';

export interface EngineIo {
  emit(message: WorkerToHost): void;
  /** True once the host asked to end the measured runs. */
  stopRequested(): boolean;
}

const now = () => process.hrtime.bigint();

export async function runEngine(start: Extract<HostToWorker, { type: 'start' }>, io: EngineIo): Promise<void> {
  try {
    await profile(start, io);
    io.emit({ type: 'done' });
  } catch (err) {
    io.emit({ type: 'error', error: toErrorInfo(err, 'run-failed') });
  }
}

async function profile(start: Extract<HostToWorker, { type: 'start' }>, io: EngineIo): Promise<void> {
  const { modelPath, settings } = start;
  const phase = async <T>(name: PhaseName, work: () => Promise<T>): Promise<T> => {
    io.emit({ type: 'phase-start', phase: name, atNs: String(now()) });
    const result = await work();
    io.emit({ type: 'phase-end', phase: name, atNs: String(now()) });
    return result;
  };

  checkProvider(settings.executionProvider);
  const evicted = settings.cold ? await evictFromPageCache(modelPath) : false;
  const readBefore = await processReadBytes();
  const bytes = await phase('read', () => readModelFile(modelPath));
  const readAfter = await processReadBytes();
  io.emit({
    type: 'load',
    fileBytes: bytes.byteLength,
    diskReadBytes: readBefore === null || readAfter === null ? null : readAfter - readBefore,
    evicted,
  });

  const graph = namingFile(modelPath, () => inspectModel(bytes));
  io.emit({
    type: 'model',
    model: {
      path: modelPath,
      sizeBytes: bytes.byteLength,
      sha256: sha256Of(bytes),
      irVersion: graph.irVersion,
      producer: graph.producer,
      opsets: graph.opsets,
      inputs: graph.inputs,
      outputs: graph.outputs,
      opCounts: graph.opCounts,
      nodeCount: graph.nodeCount,
      parameterCount: graph.parameterCount,
      parameterBytes: graph.parameterBytes,
      externalData: graph.externalData,
    },
  });

  // Before ORT opens anything the model names: nothing may be read from outside its folder.
  await namingFile(modelPath, () => checkExternalData(modelPath, graph.externalTensors));
  const prefix = settings.opProfile ? join(start.profileDir, 'ort-profile') : null;
  // External weights are resolved relative to the model's folder, which only a path gives.
  const source = graph.externalData ? modelPath : bytes;
  const session = await phase('create', () =>
    namingFile(modelPath, () => createSession(source, sessionOptions(settings, prefix))),
  );

  const declared = runtimeInputs(session, graph.inputs);
  const runs = new RunLoop(session, io);
  const layout = settings.llm === 'off' ? null : detectDecoder(declared, graph.outputs);
  let feeds: Record<string, ort.Tensor> | null = null;
  if (layout) {
    await generateAll({ runs, layout, declared, indexBounds: graph.indexBounds, settings, io, phase });
  } else {
    if (settings.llm === 'on') {
      throw new DynoError(
        'model-unsupported',
        `${modelPath}: not a decoder: LLM mode needs the Optimum layout (input_ids in, logits out, past_key_values.* / present.* for a cache).`,
      );
    }
    const modelDims = graph.metadata['modeldyno.dims'];
    const { dims, inputs } = resolveDims(declared, settings.dims, modelDims ? parseDimList(modelDims) : {});
    io.emit({ type: 'inputs', dims, inputs });
    const pastLength = dims.find((d) => /past/i.test(d.name) && !d.name.includes('+'))?.value ?? 0;
    const fixed = makeInputs(inputs, {
      indexBounds: graph.indexBounds,
      pastLength,
      seed: 1,
      memoryCapBytes: memoryCapBytes(settings),
    });
    feeds = fixed;
    if (settings.warmup > 0) await phase('warmup', () => runs.repeat(fixed, settings.warmup, true, null));
    await phase('runs', () => runs.repeat(fixed, settings.runs, false, settings.durationS));
  }

  if (prefix !== null) await emitOpEvents(session, start.profileDir, runs, io);
  await session.release();
  if (settings.sweepThreads.length > 0 && feeds) {
    const sweepFeeds = feeds;
    await phase('sweep', () => sweepThreads(source, settings, sweepFeeds, io));
  }
  io.emit({ type: 'memory', peakRssBytes: await peakRssBytes() });
}

/** Runs per thread count of a sweep: enough for a stable median, few enough to stay short. */
const SWEEP_RUNS = { min: 5, max: 30 };

/**
 * The same inputs at each thread count, one fresh session per count (ORT fixes its
 * thread pool at creation), unprofiled so the points compare with each other.
 */
async function sweepThreads(
  source: Uint8Array | string,
  settings: ProfileSettings,
  feeds: Record<string, ort.Tensor>,
  io: EngineIo,
): Promise<void> {
  const runs = Math.max(SWEEP_RUNS.min, Math.min(settings.runs, SWEEP_RUNS.max));
  for (const threads of settings.sweepThreads) {
    if (io.stopRequested()) return;
    const options = sessionOptions({ ...settings, intraOpThreads: threads }, null);
    const session = await createSession(source, options);
    for (let i = 0; i < Math.min(settings.warmup, 2); i++) await session.run(feeds);
    const latenciesMs: number[] = [];
    for (let i = 0; i < runs && !io.stopRequested(); i++) {
      const startNs = now();
      await session.run(feeds);
      latenciesMs.push(Number(now() - startNs) / 1e6);
    }
    await session.release();
    io.emit({ type: 'sweep', threads, latenciesMs });
  }
}

/** Puts the file's path in front of a model error, so the one-line message names it. */
function namingFile<T>(path: string, work: () => T): T {
  const rethrow = (err: unknown): never => {
    if (err instanceof DynoError) throw new DynoError(err.kind, `${path}: ${err.message}`, { cause: err });
    throw err;
  };
  try {
    const result = work();
    return result instanceof Promise ? (result.catch(rethrow) as T) : result;
  } catch (err) {
    return rethrow(err);
  }
}

/** Inputs as ONNX Runtime sees them; the graph fills in what the metadata leaves out. */
function runtimeInputs(session: ort.InferenceSession, graphInputs: TensorInfo[]): TensorInfo[] {
  return session.inputMetadata.map((meta): TensorInfo => {
    const fromGraph = graphInputs.find((g) => g.name === meta.name);
    if (!meta.isTensor) {
      throw new DynoError(
        'model-unsupported',
        `Input "${meta.name}" is not a tensor (sequence or map inputs are not supported).`,
      );
    }
    const dtype = TensorDtype.safeParse(meta.type);
    return {
      name: meta.name,
      dtype: dtype.success ? dtype.data : (fromGraph?.dtype ?? 'unknown'),
      shape:
        meta.shape.length === 0 && fromGraph
          ? fromGraph.shape
          : meta.shape.map((d) => (typeof d === 'number' ? (d < 0 ? null : d) : d === '' ? null : d)),
    };
  });
}

async function emitOpEvents(session: ort.InferenceSession, dir: string, runs: RunLoop, io: EngineIo): Promise<void> {
  if (runs.spans.length < MAX_PROFILED_RUNS) session.endProfiling();
  // endProfiling() returns nothing: the file is found by its prefix.
  const file = (await readdir(dir)).find((f) => f.startsWith('ort-profile_') && f.endsWith('.json'));
  if (!file) return;
  const target = join(dir, 'ort-profile.json');
  await rename(join(dir, file), target);
  let aligned: ReturnType<typeof alignOpEvents>;
  try {
    aligned = alignOpEvents(await readFile(target, 'utf8'), runs.spans);
  } catch (err) {
    // ORT writes node names into its JSON unescaped: a name with a quote breaks the file.
    // The runs are measured all the same; only the per-op breakdown is lost.
    io.emit({
      type: 'note',
      message: `ONNX Runtime's op profile could not be read (${(err as Error).message.slice(0, 120)}), so this session has no per-op data. ORT writes node names into it unescaped; a node name with a quote or backslash breaks it — rename such nodes, or profile with --no-op-profile.`,
    });
    return;
  }
  io.emit({ type: 'op-events', events: aligned.events, ortRunMs: aligned.ortRunMs });
}

/** The kernel's high-water mark of this process's resident set (exact, unlike sampling). */
async function peakRssBytes(): Promise<number | null> {
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s*(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null; // not Linux: the sampled peak stands alone.
  }
}
