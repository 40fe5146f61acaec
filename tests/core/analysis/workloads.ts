/**
 * Workloads whose true bottleneck is known by construction, built with the model
 * generator at test time: one per class of DESIGN.md.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { int, ints } from '../../../models/builder/attributes.js';
import { normal } from '../../../models/builder/tensors.js';
import { writeModelFile } from '../../../models/builder/write-model.js';

/** Gather of 16 k rows from a 64 MB table, then a mean: ~0.1 FLOP per byte moved. */
export async function streamingModel(dir: string): Promise<string> {
  const g = new GraphBuilder('streaming', 7);
  const ids = g.input('ids', 'int64', ['batch', 'sequence']);
  const table = g.weight('table', [65_536, 256], normal(1));
  const rows = g.op('Gather', [table, ids], { axis: int(0) });
  const pooled = g.op('ReduceMean', [rows], { axes: ints([2]), keepdims: int(0) });
  g.output(pooled, 'pooled', 'float32', ['batch', 'sequence']);
  return write(g, dir, 'streaming.onnx', 'batch=1,sequence=16384');
}

/** Negation of a 128 MB input: the kernel streams it in ~10 ms, run() copies it for ~100 ms. */
export async function transferModel(dir: string): Promise<string> {
  const g = new GraphBuilder('transfer', 7);
  const x = g.input('x', 'float32', ['n']);
  g.output(g.op('Neg', [x]), 'y', 'float32', ['n']);
  return write(g, dir, 'transfer.onnx', `n=${32 * 1024 * 1024}`);
}

async function write(g: GraphBuilder, dir: string, file: string, dims: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  await writeModelFile(g, { opset: 17, metadata: { 'modeldyno.dims': dims } }, path);
  return path;
}
