/** The Model screen's data: the graph's own description plus FLOPs from the newest analysed session. */
import { readFileSync, statSync } from 'node:fs';
import type { ModelOverview } from '../../shared/api.js';
import { DynoError } from '../../shared/errors.js';
import { inspectModel } from '../models/inspect.js';
import type { ProfileResult } from '../../shared/session.js';

export function inspectModelFile(path: string, sessions: readonly ProfileResult[]): ModelOverview {
  const stat = statSync(path);
  if (!stat.isFile()) throw new DynoError('model-not-found', `${path} is not a file. Pick an .onnx file.`);
  const graph = inspectModel(readFileSync(path));
  const analysed = sessions.find((s) => s.model.path === path && s.cost);
  return {
    path,
    sizeBytes: stat.size,
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
    metadata: graph.metadata,
    flopsPerRun: analysed?.cost?.totalFlops ?? null,
    flopsFromSessionId: analysed?.sessionId ?? null,
  };
}
