/** What ModelDyno knows about a model file, from its graph and from ONNX Runtime. */
import { z } from 'zod';

/** Element types as ONNX Runtime's JS API names them. */
export const TensorDtype = z.enum([
  'float32',
  'float64',
  'float16',
  'bfloat16',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'bool',
  'string',
  'int4',
  'uint4',
  'float8e4m3fn',
  'float8e4m3fnuz',
  'float8e5m2',
  'float8e5m2fnuz',
  'unknown',
]);
export type TensorDtype = z.infer<typeof TensorDtype>;

/** A dimension is a number, a symbolic name, or null when the graph leaves it open. */
export const Dim = z.union([z.number().int(), z.string(), z.null()]);
export type Dim = z.infer<typeof Dim>;

export const TensorInfo = z.strictObject({
  name: z.string(),
  dtype: TensorDtype,
  shape: z.array(Dim),
});
export type TensorInfo = z.infer<typeof TensorInfo>;

export const OpsetInfo = z.strictObject({ domain: z.string(), version: z.number().int() });
export type OpsetInfo = z.infer<typeof OpsetInfo>;

/** The model part of a session: identity, interface and size. */
export const ModelInfo = z.strictObject({
  path: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  irVersion: z.number().int(),
  producer: z.string(),
  opsets: z.array(OpsetInfo),
  inputs: z.array(TensorInfo),
  outputs: z.array(TensorInfo),
  /** Node count per op type, subgraphs (If/Loop/Scan bodies) included. */
  opCounts: z.record(z.string(), z.number().int()),
  nodeCount: z.number().int(),
  parameterCount: z.number(),
  parameterBytes: z.number(),
  /** True when weights live in external data files beside the model. */
  externalData: z.boolean(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;
