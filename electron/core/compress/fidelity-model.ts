/**
 * One of the two models the fidelity worker compares: read, inspected and opened in
 * ONNX Runtime, with every failure naming which of the two it was, so a user knows
 * whether the original or the variant is at fault.
 */
import type * as ort from 'onnxruntime-node';
import { DynoError } from '../../shared/errors.js';
import { ALLOCATION_FAILED, createSession, firstLine, readModelFile } from '../inference/load.js';
import { checkExternalData } from '../models/external-data.js';
import { inspectModel, type ModelGraph } from '../models/inspect.js';

/** One of the two models, loaded. */
export interface LoadedModel {
  /** `the original` or `the variant`, as error messages name it. */
  role: string;
  path: string;
  graph: ModelGraph;
  session: ort.InferenceSession;
}

/** Reads, inspects and opens one model; every failure names which of the two it was. */
export async function loadModel(
  role: string,
  path: string,
  options: ort.InferenceSession.SessionOptions,
): Promise<LoadedModel> {
  return naming(role, path, async () => {
    const bytes = await readModelFile(path);
    const graph = inspectModel(bytes);
    // Before ORT opens anything the model names: nothing may be read from outside its folder.
    await checkExternalData(path, graph.externalTensors);
    // External weights are resolved relative to the model's folder, which only a path gives.
    const session = await createSession(graph.externalData ? path : bytes, options);
    return { role, path, graph, session };
  });
}

/** Runs one model on `feeds`; ORT's first line comes back with the model named. */
export async function runModel(
  model: LoadedModel,
  feeds: Record<string, ort.Tensor>,
): Promise<ort.InferenceSession.ReturnType> {
  try {
    return await model.session.run(feeds);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const kind = ALLOCATION_FAILED.test(message) ? 'out-of-memory' : 'run-failed';
    throw new DynoError(kind, `${capitalised(model.role)} (${model.path}) failed to run: ${firstLine(message)}`, {
      cause: err,
    });
  }
}

async function naming<T>(role: string, path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DynoError)
      throw new DynoError(err.kind, `${capitalised(role)} (${path}): ${err.message}`, { cause: err });
    throw err;
  }
}

/** `The variant`: a role opens the message. */
export function capitalised(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}
