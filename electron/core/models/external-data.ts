/**
 * External data is the one way an ONNX file makes ONNX Runtime open other files: each
 * external tensor names a `location` that ORT resolves against the model's folder. A model
 * downloaded from anywhere could name `../../.ssh/id_rsa`, an absolute path, a symlink or
 * a hard link to such a file, or the in-memory tag `*\/_ORT_MEM_ADDR_/*`. Every reference is
 * checked here before ORT sees the model.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { DynoError } from '../../shared/errors.js';
import { allGraphs, elementCount, isExternal } from './graph-walk.js';
import { bitsPerElement } from './onnx-dtype.js';
import type { GraphProto, ModelProto, SparseTensorProto, TensorProto } from './onnx-proto.js';
import { entryValue } from './onnx-proto.js';

/** One tensor whose bytes live outside the model file, as the file declares it. */
export interface ExternalTensorRef {
  tensor: string;
  /** As written; undefined when the file leaves it out (ORT refuses such a tensor too). */
  location: string | undefined;
  /** As written: ORT parses them, so a check of ours must see the same text. */
  offset: string | undefined;
  length: string | undefined;
  /** Bytes the tensor needs by dims and element type; null for strings and unknown types. */
  neededBytes: number | null;
}

/**
 * Every external tensor ORT could load: initializers, sparse initializers, and tensors in
 * node attributes (a Constant's value), in every subgraph and model-local function.
 */
export function externalTensorRefs(model: ModelProto): ExternalTensorRef[] {
  const roots: GraphProto[] = model.graph ? [model.graph] : [];
  for (const fn of model.functions ?? []) roots.push({ name: fn.name, node: fn.node });
  const refs: ExternalTensorRef[] = [];
  const add = (tensor: TensorProto | undefined, dims = tensor?.dims) => {
    if (!tensor || !isExternal(tensor)) return;
    const bits = bitsPerElement(tensor.dataType);
    refs.push({
      tensor: tensor.name ?? '(unnamed)',
      location: entryValue(tensor.externalData, 'location'),
      offset: entryValue(tensor.externalData, 'offset'),
      length: entryValue(tensor.externalData, 'length'),
      neededBytes: bits > 0 ? Math.ceil((elementCount(dims) * bits) / 8) : null,
    });
  };
  const addSparse = (sparse: SparseTensorProto | undefined) => {
    add(sparse?.values, sparse?.values?.dims);
    add(sparse?.indices);
  };
  for (const graph of roots.flatMap((root) => allGraphs(root))) {
    for (const tensor of graph.initializer ?? []) add(tensor);
    for (const sparse of graph.sparseInitializer ?? []) addSparse(sparse);
    for (const node of graph.node ?? []) {
      for (const attribute of node.attribute ?? []) {
        add(attribute.t);
        for (const tensor of attribute.tensors ?? []) add(tensor);
        addSparse(attribute.sparseTensor);
        for (const sparse of attribute.sparseTensors ?? []) addSparse(sparse);
      }
    }
  }
  return refs;
}

const FIX =
  'Keep external data files inside the model folder and name them by a plain relative path ' +
  '(re-export with the data next to the model, e.g. location "model.onnx.data").';

/**
 * Refuses any reference that does not resolve inside the model's folder, or whose file
 * is missing, shorter than the declared range, or a hard link. The folder is the one the
 * model path names, or the one its file really lives in: a Hugging Face cache links both
 * the model and its data into one `blobs/` folder, and that is no escape.
 */
export async function checkExternalData(modelPath: string, refs: readonly ExternalTensorRef[]): Promise<void> {
  if (refs.length === 0) return;
  const folder = dirname(resolve(modelPath));
  const allowed = [await realpath(folder), dirname(await realpath(modelPath))];
  const refuse = (ref: ExternalTensorRef, problem: string) =>
    new DynoError(
      'model-invalid',
      `tensor "${ref.tensor}" keeps its data at "${ref.location ?? ''}", which ${problem}. ModelDyno does not let ONNX Runtime read it. ${FIX}`,
    );
  for (const ref of refs) {
    const location = ref.location;
    if (location === undefined || location === '') throw refuse(ref, 'is empty (the location key is missing)');
    if (isAbsolute(location) || /^[a-zA-Z]:|^[\\/]/.test(location)) throw refuse(ref, 'is an absolute path');
    if (location.split(/[\\/]/).includes('..')) throw refuse(ref, 'climbs out of the model folder with ".."');
    let real: string;
    try {
      real = await realpath(resolve(folder, location));
    } catch {
      throw refuse(ref, `does not exist in the model folder ${folder} (the data file is missing)`);
    }
    if (!allowed.some((dir) => isInside(dir, real)))
      throw refuse(ref, `is a link to ${real}, outside the model folder`);
    const info = await stat(real);
    if (!info.isFile()) throw refuse(ref, 'is not a regular file');
    // A hard link is indistinguishable from its target; a link count above one is the
    // proxy (it also refuses a legitimately shared file, which is rare for weights).
    if (info.nlink > 1) throw refuse(ref, `has ${info.nlink} hard links, so it may be a file from outside the folder`);
    const offset = byteCount(ref.offset, 0);
    const length = byteCount(ref.length, ref.neededBytes);
    if (offset === null) throw refuse(ref, `has an invalid offset "${ref.offset ?? ''}"`);
    if (length === null && ref.length !== undefined) throw refuse(ref, `has an invalid length "${ref.length}"`);
    const end = offset + (length ?? 0);
    if (info.size < end)
      throw refuse(
        ref,
        `is ${info.size} bytes, shorter than the ${end} bytes declared (offset ${offset} + length ${length ?? 0})`,
      );
  }
}

/** A non-negative integer as ORT would read it; `fallback` when absent, null when malformed. */
function byteCount(text: string | undefined, fallback: number | null): number | null {
  if (text === undefined) return fallback;
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
