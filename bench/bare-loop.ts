/**
 * The baseline of the overhead benchmark: a plain onnxruntime-node loop in its own process
 * (as ModelDyno's worker is), same model, options and inputs, no sampler, no journal.
 * argv: model path, runs, warm-up, intra-op threads. Prints run latencies (ms) as JSON.
 */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { parseDimList, resolveDims } from '../electron/core/inference/dims.js';
import { makeInputs } from '../electron/core/inference/tensors.js';
import { inspectModel } from '../electron/core/models/inspect.js';

const [modelPath = '', runsText = '20', warmupText = '3', threadsText = '0'] = process.argv.slice(2);
const bytes = await readFile(modelPath);
const graph = inspectModel(bytes);
const threads = Number(threadsText);
const session = await ort.InferenceSession.create(bytes, {
  graphOptimizationLevel: 'all',
  executionProviders: ['cpu'],
  ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
});
const defaults = graph.metadata['modeldyno.dims'];
const { inputs } = resolveDims(graph.inputs, {}, defaults ? parseDimList(defaults) : {});
const feeds = makeInputs(inputs, { indexBounds: graph.indexBounds, pastLength: 0, seed: 1 });
for (let i = 0; i < Number(warmupText); i++) await session.run(feeds);
const latenciesMs: number[] = [];
for (let i = 0; i < Number(runsText); i++) {
  const start = process.hrtime.bigint();
  await session.run(feeds);
  latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
process.stdout.write(JSON.stringify(latenciesMs));
