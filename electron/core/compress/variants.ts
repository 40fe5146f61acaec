/**
 * The compression lab's variant writers: an fp32 ONNX model's bytes in, one variant's
 * bytes out (int8, int4, fp16 or pruned), with an honest account of what changed. The
 * variant carries `modeldyno.variant` and `modeldyno.source-sha256` metadata beside the
 * original's own entries.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { VariantBuild, VariantSpec } from '../../shared/compress.js';
import { specLabel, specText } from '../../shared/compress.js';
import { DynoError } from '../../shared/errors.js';
import { allGraphs, countOps } from '../models/graph-walk.js';
import type { ModelProto } from '../models/onnx-proto.js';
import { encodeModel } from '../models/onnx-proto.js';
import { rewriteFp16 } from './fp16.js';
import { NameAllocator, defaultOpset, dropUnread, ensureOpset, opDelta, setMetadata } from './graph-edit.js';
import { findGatherTables, rewriteGathers } from './gather.js';
import { INT4_ACCURACY_LEVEL, MS_DOMAIN, rewriteInt4 } from './int4.js';
import { rewriteInt8 } from './int8.js';
import { rewritePrune } from './prune.js';
import type { Rewrite } from './rewrite.js';
import { emptyRewrite, finishRewrite, untouchedOf } from './rewrite.js';
import type { QuantizableWeight } from './weights.js';
import { decodeSource } from './source.js';
import { floatBytes, groupUntouched, inventory } from './weights.js';

export type BuiltVariant = Omit<VariantBuild, 'path' | 'fileBytes' | 'gzipBytes' | 'buildMs'>;

/**
 * Rewrites an fp32 model's bytes into one variant; pure, no I/O. Throws DynoError
 * 'model-invalid' for bytes that are not an ONNX model and 'model-unsupported' for a model
 * with external data. A model with nothing to rewrite is no error: weightsChanged is 0
 * and a note says why.
 */
export function buildVariant(source: Uint8Array, spec: VariantSpec): { bytes: Uint8Array; build: BuiltVariant } {
  const model = decodeSource(source);
  const opsBefore = countOps(allGraphs(model.graph!));
  const names = new NameAllocator(model);
  const result = emptyRewrite();
  switch (spec.kind) {
    case 'int8':
      rewriteWeights(model, result, names, { bits: 8, blocks: [32, 16] }, (weights) => {
        if (defaultOpset(model) >= 11) {
          rewriteInt8(model.graph!, weights, names, result);
          return weights;
        }
        const reason = 'MatMul/Gemm weight of a model below opset 11 (DynamicQuantizeLinear needs 11)';
        result.untouched.push(...weights.map((w) => ({ reason, bytes: floatBytes(w.tensor) })));
        result.notes.push(
          `The model imports ONNX opset ${defaultOpset(model)}; int8 needs opset 11. Convert it (onnx.version_converter) and try again.`,
        );
        return [];
      });
      break;
    case 'int4':
      rewriteWeights(model, result, names, { bits: 4, blocks: [spec.blockSize] }, (weights) => {
        const reason = `MatMul/Gemm weight with K < block size ${spec.blockSize}`;
        const small = weights.filter((w) => w.k < spec.blockSize);
        result.untouched.push(...small.map((w) => ({ reason, bytes: floatBytes(w.tensor) })));
        const fitting = weights.filter((w) => w.k >= spec.blockSize);
        if (fitting.length > 0) ensureOpset(model, MS_DOMAIN, 1);
        rewriteInt4(model.graph!, fitting, spec.blockSize, names, result);
        return fitting;
      });
      break;
    case 'fp16':
      rewriteFp16(model, names, result);
      break;
    case 'prune': {
      const { quantizable, others } = inventory(model);
      result.untouched.push(...untouchedOf(others));
      rewritePrune(model.graph!, quantizable, spec.sparsity, result);
      break;
    }
  }
  if (result.weightsChanged > 0) result.notes.unshift(...formatNotes(spec));
  else
    result.notes.push(
      spec.kind === 'fp16'
        ? 'The model has no float32 initializer to store as fp16; the variant equals the original.'
        : 'No weight could be rewritten: the model has no 2-D float32 MatMul/Gemm weight this variant takes (see untouched); the variant equals the original.',
    );
  setMetadata(model, {
    'modeldyno.variant': specText(spec),
    'modeldyno.source-sha256': createHash('sha256').update(source).digest('hex'),
  });
  const bytes = encodeModel(model);
  return {
    bytes,
    build: {
      spec,
      text: specText(spec),
      label: specLabel(spec),
      weightsChanged: result.weightsChanged,
      weightBytesBefore: result.weightBytesBefore,
      weightBytesAfter: result.weightBytesAfter,
      untouched: groupUntouched(result.untouched),
      ...opDelta(opsBefore, model),
      notes: result.notes,
    },
  };
}

/** What the format does at run time, for the variants that change how MatMuls compute. */
function formatNotes(spec: VariantSpec): string[] {
  if (spec.kind === 'int8')
    return [
      'Weights are int8 with a scale per output column, kept within ±64 so no int16 sums saturate on AVX2 CPUs without VNNI; activations are quantized to uint8 per tensor at run time, and ONNX Runtime runs each rewritten MatMul as one DynamicQuantizeMatMul.',
    ];
  if (spec.kind === 'int4')
    return [
      `Weights are 4-bit in blocks of ${spec.blockSize} along K, each block with its own scale and zero point; MatMulNBits multiplies in int8 (accuracy_level ${INT4_ACCURACY_LEVEL}). It pays off where weights are read more than reused (batch 1, LLM decoding); at large batches it can be slower than fp32.`,
    ];
  return [];
}

/**
 * int8 and int4: `rewrite` returns the MatMul/Gemm weights it rewrote; the Gather tables
 * become GatherBlockQuantized at `gather.bits` (the first of `gather.blocks` that divides a
 * row); then what is dead goes and what stays is reported.
 */
function rewriteWeights(
  model: ModelProto,
  result: Rewrite,
  names: NameAllocator,
  gather: { bits: 8 | 4; blocks: number[] },
  rewrite: (weights: QuantizableWeight[]) => QuantizableWeight[],
): void {
  const main = model.graph!;
  const { quantizable, others } = inventory(model);
  const tables = findGatherTables(main, new Set((main.input ?? []).map((value) => value.name ?? '')));
  const inTables = new Set(tables.map((table) => table.tensor));
  result.untouched.push(...untouchedOf(others.filter((other) => !inTables.has(other.tensor))));
  const rewritten = rewrite(quantizable);
  const counted = new Set(rewritten.map((weight) => weight.tensor));
  const byBlock = (table: (typeof tables)[number]) =>
    gather.blocks.find((block) => (table.tensor.dims?.[1] ?? 0) % block === 0) ?? gather.blocks[0]!;
  const used: number[] = [];
  const done = gather.blocks.flatMap((block) => {
    const rewrote = rewriteGathers(
      main,
      tables.filter((table) => byBlock(table) === block),
      gather.bits,
      block,
      names,
      result,
      counted,
    );
    if (rewrote.length > 0) used.push(block);
    return rewrote;
  });
  if (done.length > 0) {
    ensureOpset(model, MS_DOMAIN, 1);
    const block = `blocks of ${used.join(' or ')}`;
    result.notes.push(
      `Embedding tables (${done.map((t) => t.tensor.name ?? '').join(', ')}) are ${gather.bits}-bit in ${block} along each row, read through GatherBlockQuantized, which dequantizes only the rows it gathers.`,
    );
  }
  // A table whose every reader was rewritten is not needed in fp32 any more.
  dropUnread(main, { nodes: [], initializers: done.map((table) => table.tensor.name ?? '') });
  finishRewrite(main, rewritten, result);
}

/**
 * Reads `sourcePath`, builds the variant and writes it to `outPath` atomically (a file
 * beside it, then rename), then measures its gzip size. `buildMs` covers read, build and
 * write, not the gzip measurement.
 */
export async function writeVariant(sourcePath: string, spec: VariantSpec, outPath: string): Promise<VariantBuild> {
  const started = performance.now();
  const source = await readSource(sourcePath);
  const { bytes, build } = buildVariant(source, spec);
  const path = resolve(outPath);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  const buildMs = performance.now() - started;
  return { ...build, path, fileBytes: bytes.length, gzipBytes: await gzipCount(chunks(bytes)), buildMs };
}

async function readSource(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new DynoError('model-not-found', `no model at ${path}. Check the path.`, { cause: err });
    throw err;
  }
}

/** gzip size (level 6) of a file, streamed: the original's row of the comparison. */
export async function gzipSize(path: string): Promise<number> {
  return gzipCount(createReadStream(path));
}

/** 1 MiB views of `bytes`, so gzip streams through them instead of taking one huge write. */
function* chunks(bytes: Uint8Array): Generator<Uint8Array> {
  const size = 1 << 20;
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function gzipCount(source: Iterable<Uint8Array> | NodeJS.ReadableStream): Promise<number> {
  let total = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      done();
    },
  });
  const input = Symbol.iterator in source ? Readable.from(source, { objectMode: false }) : source;
  await pipeline(input, createGzip({ level: 6 }), counter);
  return total;
}
