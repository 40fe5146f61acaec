/**
 * Parses the model a variant is built from, refusing what the writers cannot take: bytes
 * that are not an ONNX model, and models whose tensors live in external data files (the
 * writers rewrite raw_data in one file; a > 2 GB model is out of scope).
 */
import { DynoError } from '../../shared/errors.js';
import { externalTensorRefs } from '../models/external-data.js';
import type { ModelProto } from '../models/onnx-proto.js';
import { decodeModel } from '../models/onnx-proto.js';

export const WHAT_TO_DO =
  'Check that the path points at a complete .onnx file (not a partial download) and export the model again.';

/**
 * Parses the source model. Throws 'model-invalid' for bytes that are not an ONNX model
 * and 'model-unsupported' for a model that keeps tensors in external data files.
 */
export function decodeSource(bytes: Uint8Array): ModelProto {
  let model: ModelProto;
  try {
    if (bytes.length === 0) throw new Error('the file is empty');
    model = decodeModel(bytes);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DynoError(
      'model-invalid',
      `cannot build a variant: the file is not an ONNX model (${detail}). ${WHAT_TO_DO}`,
      { cause: err },
    );
  }
  if (!model.graph || !model.irVersion)
    throw new DynoError('model-invalid', `cannot build a variant: the file has no graph or IR version. ${WHAT_TO_DO}`);
  const external = externalTensorRefs(model);
  if (external.length > 0) {
    const files = [...new Set(external.map((ref) => ref.location ?? '(no location)'))].join(', ');
    throw new DynoError(
      'model-unsupported',
      `cannot build a variant: the model keeps ${external.length} tensors in external data (${files}), and variants are built from single-file models. ` +
        'Save it as one file (onnx.save_model(model, path, save_as_external_data=False), possible below 2 GB) and try again.',
    );
  }
  return model;
}
