/**
 * Fidelity measured for real: the fidelity worker process, ONNX Runtime, the bundled
 * models and copies of them with seeded noise in one weight. Each call starts a worker
 * (about a second here), so the cases are few and each checks several things.
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIDELITY_SEED,
  forkFidelityWorker,
  measureFidelity,
  type FidelityLauncher,
  type FidelityWorkerHandle,
} from '../../../electron/core/compress/fidelity.js';
import type { FidelityWorkerToHost, HostToFidelityWorker } from '../../../electron/core/compress/fidelity-protocol.js';
import { resolveDims, parseDimList } from '../../../electron/core/inference/dims.js';
import { makeInputs, seededRandom } from '../../../electron/core/inference/tensors.js';
import { workerEntry } from '../../../electron/core/inference/worker-client.js';
import { inspectModel } from '../../../electron/core/models/inspect.js';
import { decodeModel, encodeModel } from '../../../electron/core/models/onnx-proto.js';
import { adaptUtilityProcess } from '../../../electron/hosts/desktop/utility-handle.js';
import { Fidelity } from '../../../electron/shared/compress.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { modelPath, tempDir } from '../../helpers/paths.js';
import { ForkedUtilityProcess } from '../../hosts/desktop/support/forked-utility-process.js';

const dir = tempDir('fidelity');
const mlp = modelPath('mlp.onnx');
const decoder = modelPath('decoder.onnx');

/**
 * A copy of a bundled model with uniform noise of ±`share` × the weight's RMS added to
 * one float32 initializer, seeded: a stand-in for the error a compressed weight carries.
 */
function perturbed(model: string, weight: string, share: number, seed = 11): string {
  const proto = decodeModel(readFileSync(modelPath(`${model}.onnx`)));
  const tensor = proto.graph?.initializer?.find((t) => t.name === weight);
  if (!tensor?.rawData) throw new Error(`${model} has no raw initializer ${weight}`);
  // rawData is a view into the whole file's buffer: copy it before reading it as floats.
  const values = new Float32Array(new Uint8Array(tensor.rawData).buffer);
  const rms = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0) / values.length);
  const random = seededRandom(seed);
  for (let i = 0; i < values.length; i++) values[i]! += share * rms * (random() * 2 - 1);
  tensor.rawData = new Uint8Array(values.buffer);
  const path = join(dir, `${model}.${weight}.${share}.onnx`);
  writeFileSync(path, encodeModel(proto));
  return path;
}

async function failure(promise: Promise<unknown>): Promise<DynoError> {
  const err = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DynoError);
  return err as DynoError;
}

/** Whether a process still runs (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: gone.
  }
}

describe('measureFidelity', () => {
  it('finds an MLP identical to itself on every element', async () => {
    const fidelity = await measureFidelity({ referencePath: mlp, variantPath: mlp, dims: {} });
    expect(Fidelity.parse(fidelity)).toEqual(fidelity);
    // The model's declared batch of 512 rows × 128 outputs.
    expect(fidelity).toEqual({
      seed: DEFAULT_FIDELITY_SEED,
      outputs: [{ name: 'output', elements: 512 * 128, maxAbsDiff: 0, cosine: 1 }],
      maxAbsDiff: 0,
      cosine: 1,
      llm: null,
    });
  });

  it('finds a decoder identical to itself over every greedy step, with the user dims ignored', async () => {
    const fidelity = await measureFidelity({
      referencePath: decoder,
      variantPath: decoder,
      // As in the profiler's LLM mode, one sequence is generated whatever the dims say.
      dims: { batch_size: 3 },
      promptTokens: 8,
      steps: 12,
    });
    expect(fidelity.llm).toEqual({
      promptTokens: 8,
      steps: 12,
      top1Agreement: 1,
      minLogitsCosine: 1,
      meanLogitsCosine: 1,
    });
    // Logits of the last position at each step: 12 × the vocabulary of 2,000.
    expect(fidelity.outputs).toEqual([{ name: 'logits', elements: 12 * 2000, maxAbsDiff: 0, cosine: 1 }]);
    expect(fidelity.maxAbsDiff).toBe(0);
    expect(fidelity.cosine).toBe(1);
  });

  it('measures a perturbed MLP as close but not equal, as a direct comparison of the two outputs does', async () => {
    const variantPath = perturbed('mlp', 'layers.1.weight', 0.1);
    const fidelity = await measureFidelity({ referencePath: mlp, variantPath, dims: { batch: 64 } });
    const [output] = fidelity.outputs;
    expect(output?.elements).toBe(64 * 128);
    expect(fidelity.maxAbsDiff).toBeGreaterThan(0);
    expect(fidelity.cosine).toBeLessThan(1);
    expect(fidelity.cosine).toBeGreaterThan(0.9);

    // The same seeded inputs, both models run here in the test, compared by hand.
    const graph = inspectModel(readFileSync(mlp));
    const { inputs } = resolveDims(graph.inputs, { batch: 64 }, parseDimList(graph.metadata['modeldyno.dims']!));
    const feeds = makeInputs(inputs, { indexBounds: graph.indexBounds, pastLength: 0, seed: DEFAULT_FIDELITY_SEED });
    const run = async (path: string) => {
      const session = await ort.InferenceSession.create(path);
      const data = (await session.run(feeds)).output!.data as Float32Array;
      await session.release();
      return data;
    };
    const [a, b] = [await run(mlp), await run(variantPath)];
    let [dot, na, nb, max] = [0, 0, 0, 0];
    for (let i = 0; i < a.length; i++) {
      dot += a[i]! * b[i]!;
      na += a[i]! * a[i]!;
      nb += b[i]! * b[i]!;
      max = Math.max(max, Math.abs(a[i]! - b[i]!));
    }
    expect(fidelity.maxAbsDiff).toBeCloseTo(max, 5);
    expect(fidelity.cosine).toBeCloseTo(dot / Math.sqrt(na * nb), 6);
  });

  it('counts the steps where a perturbed decoder picks another next token', async () => {
    const variantPath = perturbed('decoder', 'h.1.mlp.c_proj.weight', 1);
    const fidelity = await measureFidelity({ referencePath: decoder, variantPath, dims: {} });
    const llm = fidelity.llm!;
    expect(llm.steps).toBe(32);
    expect(llm.promptTokens).toBe(32);
    // A share of 32 steps: some tokens flip, most do not.
    expect(llm.top1Agreement).toBeGreaterThan(0);
    expect(llm.top1Agreement).toBeLessThan(1);
    expect(Number.isInteger(llm.top1Agreement * 32)).toBe(true);
    expect(llm.minLogitsCosine).toBeLessThan(llm.meanLogitsCosine);
    expect(llm.meanLogitsCosine).toBeLessThan(1);
    expect(fidelity.cosine).toBe(llm.minLogitsCosine);
    expect(fidelity.maxAbsDiff).toBe(fidelity.outputs[0]!.maxAbsDiff);
    expect(fidelity.maxAbsDiff).toBeGreaterThan(0);
  });

  it('names the variant when it is not a model, and the next call still works', async () => {
    const broken = join(dir, 'broken.onnx');
    writeFileSync(broken, 'not an onnx model at all');
    const err = await failure(measureFidelity({ referencePath: mlp, variantPath: broken, dims: {} }));
    expect(err.kind).toBe('model-invalid');
    expect(err.message).toMatch(/^The variant \(.*broken\.onnx\): file is not an ONNX model/);

    // The original is named when it is the one at fault.
    const missing = await failure(
      measureFidelity({ referencePath: join(dir, 'none.onnx'), variantPath: mlp, dims: {} }),
    );
    expect(missing.kind).toBe('model-not-found');
    expect(missing.message).toMatch(/^The original \(.*none\.onnx\)/);

    // ORT's own refusal (a weight whose bytes do not fit its shape) comes back with its first line.
    const proto = decodeModel(readFileSync(mlp));
    const weight = proto.graph!.initializer!.find((t) => t.name === 'layers.2.bias')!;
    weight.rawData = new Uint8Array(weight.rawData!).subarray(0, 8);
    const truncated = join(dir, 'truncated.onnx');
    writeFileSync(truncated, encodeModel(proto));
    const refused = await failure(measureFidelity({ referencePath: mlp, variantPath: truncated, dims: {} }));
    expect(refused.kind).toBe('model-invalid');
    expect(refused.message).toMatch(/^The variant \(.*truncated\.onnx\): ONNX Runtime cannot create a session/);
    expect(refused.message).toContain('layers.2.bias');
    expect(refused.message).not.toContain('\n');

    const fidelity = await measureFidelity({ referencePath: mlp, variantPath: mlp, dims: { batch: 4 } });
    expect(fidelity.cosine).toBe(1);
  });

  it('names the variant when ONNX Runtime fails to run it, with the first line ORT gives', async () => {
    // The original's 8,000-row table bounds the seeded ids; a variant with 100 rows cannot take them.
    const proto = decodeModel(readFileSync(modelPath('embedding.onnx')));
    const table = proto.graph!.initializer!.find((t) => t.name === 'embedding.weight')!;
    table.dims = [100, 64];
    table.rawData = new Uint8Array(table.rawData!).subarray(0, 100 * 64 * 4);
    const small = join(dir, 'small-table.onnx');
    writeFileSync(small, encodeModel(proto));
    const err = await failure(
      measureFidelity({ referencePath: modelPath('embedding.onnx'), variantPath: small, dims: {} }),
    );
    expect(err.kind).toBe('run-failed');
    expect(err.message).toMatch(
      /^The variant \(.*small-table\.onnx\) failed to run: .*indices element out of data bounds/,
    );
    expect(err.message).not.toContain('\n');
  });

  it('reports a worker killed mid-comparison as worker-crashed, without waiting for the timeout', async () => {
    let pid: number | undefined;
    const launcher: FidelityLauncher = () => {
      const handle = forkFidelityWorker();
      // Killed the moment both models are loaded: 200 decode steps are still to come.
      handle.onMessage((message) => message.type === 'loaded' && handle.kill());
      pid = (handle as { pid?: number }).pid;
      return handle;
    };
    const err = await failure(
      measureFidelity({ referencePath: decoder, variantPath: decoder, dims: {}, steps: 200 }, launcher),
    );
    expect(err.kind).toBe('worker-crashed');
    expect(err.message).toMatch(/exited \(signal SIGKILL\) while comparing the two models/);
    expect(pid !== undefined && alive(pid)).toBe(false);
  });

  it('reports a process that exits at once as worker-crashed, with the end of its stderr', async () => {
    const script = join(dir, 'exits.mjs');
    writeFileSync(script, "process.stderr.write('no fidelity here\\n'); process.exit(3);\n");
    const launcher = (): FidelityWorkerHandle => {
      const child = fork(script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let stderrTail = '';
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderrTail += chunk));
      return {
        send: (message) => child.connected && child.send(message),
        kill: () => child.kill('SIGKILL'),
        onMessage: (listener) => child.on('message', (m) => listener(m as FidelityWorkerToHost)),
        onExit: (listener) => child.on('close', (code, signal) => listener({ code, signal, stderrTail })),
      };
    };
    const err = await failure(measureFidelity({ referencePath: mlp, variantPath: mlp, dims: {} }, launcher));
    expect(err.kind).toBe('worker-crashed');
    expect(err.message).toBe(
      `The fidelity worker exited (code 3) while loading the two models, before reporting on ${mlp}: no fidelity here`,
    );
  });

  it('stops a worker that runs past its timeout, and says so', async () => {
    let pid: number | undefined;
    const launcher: FidelityLauncher = () => {
      const handle = forkFidelityWorker();
      pid = (handle as { pid?: number }).pid;
      return handle;
    };
    // No worker starts Node, loads ORT and two models in 50 ms.
    const err = await failure(
      measureFidelity({ referencePath: mlp, variantPath: mlp, dims: {}, timeoutMs: 50 }, launcher),
    );
    expect(err.kind).toBe('worker-timeout');
    expect(err.message).toMatch(/did not finish within 0\.05 s \(stopped while loading the two models\)/);
    await expect.poll(() => pid !== undefined && alive(pid)).toBe(false);
  });

  it('stops a worker whose memory passes the cap, as the profiler does, and leaves none behind', async () => {
    let pid: number | undefined;
    const launcher = () => {
      const worker = forkFidelityWorker();
      pid = worker.pid;
      return worker;
    };
    // Node and ONNX Runtime alone take more than 40 MB resident.
    const err = await failure(
      measureFidelity({ referencePath: mlp, variantPath: mlp, dims: {}, memoryCapBytes: 40 * 2 ** 20 }, launcher),
    );
    expect(err.kind).toBe('out-of-memory');
    expect(err.message).toMatch(/resident memory reached .* over the memory cap of 0\.04 GB; it was stopped/);
    await expect.poll(() => pid !== undefined && alive(pid)).toBe(false);
  });

  it('refuses numbers no job can use before starting a worker', async () => {
    const launcher = () => {
      throw new Error('no worker should start');
    };
    for (const bad of [{ steps: 0 }, { promptTokens: 1.5 }, { timeoutMs: 0 }, { seed: -1 }]) {
      const err = await failure(measureFidelity({ referencePath: mlp, variantPath: mlp, dims: {}, ...bad }, launcher));
      expect(err.kind).toBe('usage');
    }
    // A generation longer than the decoder's 256 learned positions is refused by name.
    const long = await failure(
      measureFidelity({ referencePath: decoder, variantPath: decoder, dims: {}, promptTokens: 200, steps: 100 }),
    );
    expect(long.kind).toBe('input-invalid');
    expect(long.message).toContain("runs past the decoder's 256 positions");
  });

  it('runs over a utility-process port, as the desktop app starts it', async () => {
    const exits: number[] = [];
    const launcher = (): FidelityWorkerHandle => {
      const handle = adaptUtilityProcess<HostToFidelityWorker, FidelityWorkerToHost>(
        new ForkedUtilityProcess(workerEntry('fidelity-worker')),
      );
      handle.onExit((exit) => exits.push(exit.code ?? -1));
      return handle;
    };
    const fidelity = await measureFidelity(
      { referencePath: decoder, variantPath: decoder, dims: {}, promptTokens: 4, steps: 4 },
      launcher,
    );
    expect(fidelity.llm?.top1Agreement).toBe(1);
    // The worker leaves after the end-of-stream handshake (parent-channel.ts), cleanly.
    await expect.poll(() => exits).toEqual([0]);
  });
});
