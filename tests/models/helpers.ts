/** Running generated models in real ONNX Runtime from tests. */
import * as ort from 'onnxruntime-node';
import type { GraphBuilder } from '../../models/builder/graph-builder.js';
import { encodeModel } from '../../electron/core/models/onnx-proto.js';

/** One thread: results must not depend on how work is split. */
export async function sessionFor(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
}

export async function sessionForBuilder(g: GraphBuilder): Promise<ort.InferenceSession> {
  return sessionFor(encodeModel(g.toModel()));
}

export function floatTensor(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}

export function int64Tensor(values: readonly number[], dims: readonly number[]): ort.Tensor {
  return new ort.Tensor(
    'int64',
    BigInt64Array.from(values, (v) => BigInt(v)),
    dims,
  );
}

export function floats(tensor: ort.Tensor | undefined): Float32Array {
  if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error('expected a float32 output');
  return tensor.data;
}

/** `batch=1,height=224` → { batch: 1, height: 224 }. */
export function parseDims(text: string | undefined): Record<string, number> {
  if (!text) return {};
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const [name, value] = pair.split('=');
      return [name ?? '', Number(value)];
    }),
  );
}
