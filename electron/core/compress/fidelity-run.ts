/**
 * The fidelity worker's job: load the fp32 original and a variant in ONNX Runtime (the
 * original first), feed both the same seeded inputs, and compare every output. Decoders
 * are compared over a greedy generation instead (fidelity-decode.ts). Runs in the
 * fidelity worker, never in a host (DESIGN.md, "Processes").
 */
import * as ort from 'onnxruntime-node';
import type { Fidelity, OutputFidelity } from '../../shared/compress.js';
import { DynoError } from '../../shared/errors.js';
import type { TensorInfo } from '../../shared/model.js';
import { defaultSettings } from '../../shared/session.js';
import { parseDimList, resolveDims } from '../inference/dims.js';
import { detectDecoder } from '../inference/llm-layout.js';
import { sessionOptions } from '../inference/load.js';
import { memoryCapBytes } from '../inference/memory-cap.js';
import { makeInputs } from '../inference/tensors.js';
import { compare, numericValues } from './fidelity-compare.js';
import { compareDecoders } from './fidelity-decode.js';
import { loadModel, runModel, type LoadedModel } from './fidelity-model.js';
import type { FidelityJob } from './fidelity-protocol.js';

export async function runFidelity(job: FidelityJob, onLoaded: () => void): Promise<Fidelity> {
  const options = sessionOptions({ ...defaultSettings, intraOpThreads: job.intraOpThreads }, null);
  const original = await loadModel('the original', job.referencePath, options);
  try {
    const variant = await loadModel('the variant', job.variantPath, options);
    try {
      checkSameInputs(original.graph.inputs, variant.graph.inputs);
      onLoaded();
      const layout = detectDecoder(original.graph.inputs, original.graph.outputs);
      return layout ? await compareDecoders(original, variant, layout, job) : await compareOnce(original, variant, job);
    } finally {
      await variant.session.release();
    }
  } finally {
    await original.session.release();
  }
}

/** Same seeded feeds for both only make sense when both take the same inputs. */
function checkSameInputs(original: TensorInfo[], variant: TensorInfo[]): void {
  const text = (inputs: TensorInfo[]) =>
    inputs
      .map((t) => `${t.name} ${t.dtype}`)
      .sort()
      .join(', ');
  if (text(original) !== text(variant)) {
    throw new DynoError(
      'model-invalid',
      `the variant takes other inputs than the original (${text(variant)} against ${text(original)}), so the two cannot be fed the same; make the variant again from this original.`,
    );
  }
}

/** A model that is not a decoder: one run of each on the profiler's seeded inputs. */
async function compareOnce(original: LoadedModel, variant: LoadedModel, job: FidelityJob): Promise<Fidelity> {
  const declared = original.graph.metadata['modeldyno.dims'];
  const { dims, inputs } = resolveDims(original.graph.inputs, job.dims, declared ? parseDimList(declared) : {});
  const pastLength = dims.find((d) => /past/i.test(d.name) && !d.name.includes('+'))?.value ?? 0;
  const feeds = makeInputs(inputs, {
    indexBounds: original.graph.indexBounds,
    pastLength,
    seed: job.seed,
    memoryCapBytes: memoryCapBytes({ memoryCapBytes: null }),
  });
  const expected = await runModel(original, feeds);
  const actual = await runModel(variant, feeds);
  const outputs: OutputFidelity[] = [];
  for (const name of original.session.outputNames) {
    const comparison = compareOutput(name, expected[name], actual[name]);
    if (comparison) outputs.push(comparison);
  }
  if (outputs.length === 0) {
    throw new DynoError('model-unsupported', 'the original has no numeric outputs, so there is nothing to compare.');
  }
  return {
    seed: job.seed,
    outputs,
    maxAbsDiff: Math.max(...outputs.map((o) => o.maxAbsDiff)),
    cosine: Math.min(...outputs.map((o) => o.cosine)),
    llm: null,
  };
}

/** One output of each; null for outputs without numbers (strings, sequences, maps). */
function compareOutput(
  name: string,
  expected: ort.OnnxValue | undefined,
  actual: ort.OnnxValue | undefined,
): OutputFidelity | null {
  if (!(expected instanceof ort.Tensor)) return null;
  const original = numericValues(expected);
  if (original === null) return null;
  const variant = actual instanceof ort.Tensor ? numericValues(actual) : null;
  if (variant === null) {
    throw new DynoError('model-invalid', `the variant has no numeric output "${name}" to compare with the original's.`);
  }
  if (original.length !== variant.length) {
    throw new DynoError(
      'model-invalid',
      `output "${name}" has ${original.length} elements from the original and ${variant.length} from the variant (shapes [${expected.dims.join(', ')}] and [${(actual as ort.Tensor).dims.join(', ')}]).`,
    );
  }
  return { name, ...compare(original, variant) };
}
