/**
 * Resolves symbolic input dimensions to numbers: the user's `--dim` values first, then
 * the defaults a model declares in its `modeldyno.dims` metadata, then defaults guessed
 * from the dimension's name. Every value says where it came from, so reports can show
 * which numbers the user never chose.
 */
import { DynoError } from '../../shared/errors.js';
import type { Dim, TensorInfo } from '../../shared/model.js';
import type { ResolvedDim } from '../../shared/session.js';

/** The side of the square image most vision models are trained on. */
const IMAGE_SIDE = 224;

/** Name patterns and the value a typical export means by them, checked in order. */
const NAME_DEFAULTS: Array<[RegExp, number]> = [
  [/batch/i, 1],
  [/past/i, 0],
  [/height|width|^[hw]$/i, IMAGE_SIDE],
  [/channel/i, 3],
  [/seq|len|token|time|frame|step/i, 128],
];

/** Parses `name=value,name=value` as written in model metadata and `--dim` flags. */
export function parseDimList(text: string): Record<string, number> {
  const dims: Record<string, number> = {};
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.lastIndexOf('=');
    const name = trimmed.slice(0, eq).trim();
    const value = Number(trimmed.slice(eq + 1));
    if (eq <= 0 || !Number.isInteger(value) || value < 0) {
      throw new DynoError('usage', `"${trimmed}" is not NAME=VALUE with a whole number ≥ 0.`);
    }
    dims[name] = value;
  }
  return dims;
}

export interface DimResolution {
  dims: ResolvedDim[];
  /** The inputs with every dimension a number. */
  inputs: TensorInfo[];
}

/** `--dim input[axis]=value` sets a dimension the graph leaves unnamed (paddle2onnx's -1). */
const POSITIONAL = /^(.+)\[(\d+)\]$/;

export function resolveDims(
  inputs: TensorInfo[],
  userDims: Record<string, number>,
  modelDefaults: Record<string, number>,
): DimResolution {
  const symbolic = new Set<string>();
  for (const input of inputs) {
    for (const dim of input.shape) if (typeof dim === 'string') symbolic.add(dim);
  }
  const user: Record<string, number> = {};
  const positional = new Map<string, number>();
  for (const [name, value] of Object.entries(userDims)) {
    const match = POSITIONAL.exec(name);
    if (match) {
      checkPositional(inputs, match[1]!, Number(match[2]));
      positional.set(name, value);
    } else if (symbolic.has(name)) {
      user[name] = value;
    } else {
      const known = [...symbolic].join(', ') || 'none';
      throw new DynoError(
        'usage',
        `--dim ${name}: the model has no symbolic dimension of that name (it has: ${known}; ` +
          'set an unnamed one as INPUT[AXIS]=VALUE).',
      );
    }
  }
  const resolved = new Map<string, ResolvedDim>();
  const resolve = (name: string): number => {
    const done = resolved.get(name);
    if (done) return done.value;
    const entry = pick(name, { user, modelDefaults, symbolic }, resolve);
    resolved.set(name, entry);
    return entry.value;
  };
  // Plain names first, so that sums such as "past_sequence_length + 1" see them.
  const ordered = [...symbolic].sort((a, b) => Number(a.includes('+')) - Number(b.includes('+')));
  for (const name of ordered) resolve(name);
  const concrete = inputs.map((input) => ({
    ...input,
    shape: input.shape.map(
      (dim, axis) =>
        positional.get(`${input.name}[${axis}]`) ??
        (typeof dim === 'number' ? dim : dim === null ? openDimDefault(input.shape, axis) : resolve(dim)),
    ),
  }));
  const positionalDims = [...positional].map(([name, value]): ResolvedDim => ({ name, value, source: 'user' }));
  return { dims: [...ordered.map((name) => resolved.get(name)!), ...positionalDims], inputs: concrete };
}

function checkPositional(inputs: TensorInfo[], inputName: string, axis: number): void {
  const input = inputs.find((i) => i.name === inputName);
  if (!input) {
    const names = inputs.map((i) => i.name).join(', ');
    throw new DynoError(
      'usage',
      `--dim ${inputName}[${axis}]: the model has no input "${inputName}" (it has: ${names}).`,
    );
  }
  const dim = input.shape[axis];
  if (axis >= input.shape.length) {
    throw new DynoError('usage', `--dim ${inputName}[${axis}]: "${inputName}" has ${input.shape.length} dimensions.`);
  }
  if (typeof dim === 'number') {
    throw new DynoError('usage', `--dim ${inputName}[${axis}]: the model fixes that dimension at ${dim}.`);
  }
}

/**
 * A dim the graph leaves open has no name to guess from, but its place says what it is.
 * paddle2onnx writes images as [-1, 3, -1, -1] (PaddleOCR, PaddleDetection) or NHWC with
 * 3 last; their open height and width get the image default, every other open dim 1.
 */
function openDimDefault(shape: readonly Dim[], axis: number): number {
  if (shape.length !== 4) return 1;
  if (shape[1] === 3) return axis === 2 || axis === 3 ? IMAGE_SIDE : 1;
  if (shape[3] === 3) return axis === 1 || axis === 2 ? IMAGE_SIDE : 1;
  return 1;
}

interface DimSources {
  user: Record<string, number>;
  modelDefaults: Record<string, number>;
  symbolic: Set<string>;
}

function pick(name: string, sources: DimSources, resolve: (name: string) => number): ResolvedDim {
  const { user, modelDefaults, symbolic } = sources;
  // Own keys only: a dim named `constructor` or `toString` must not find Object.prototype's.
  const own = (record: Readonly<Record<string, number>>) => (Object.hasOwn(record, name) ? record[name] : undefined);
  const fromUser = own(user);
  if (fromUser !== undefined) return { name, value: fromUser, source: 'user' };
  // A total (past + new) follows its parts once the user sets either: the model's default
  // total only fits the model's default parts.
  const isTotal = /total|all_seq|attention_mask_sequence/i.test(name);
  const partsFromUser = Object.keys(user).some((n) => /past|seq|len/i.test(n));
  const fromModel = own(modelDefaults);
  if (fromModel !== undefined && !((isTotal || name.includes('+')) && partsFromUser)) {
    return { name, value: fromModel, source: 'model' };
  }
  if (name.includes('+')) return { name, value: sumOf(name, resolve), source: 'default' };
  if (isTotal) return { name, value: totalLength(symbolic, resolve), source: 'default' };
  for (const [pattern, value] of NAME_DEFAULTS) {
    if (pattern.test(name)) return { name, value, source: 'default' };
  }
  return { name, value: 1, source: 'default' };
}

/** Evaluates names such as "past_sequence_length + 1" that exporters write for sums. */
function sumOf(name: string, resolve: (name: string) => number): number {
  return name
    .split('+')
    .map((term) => term.trim())
    .reduce((sum, term) => sum + (/^\d+$/.test(term) ? Number(term) : resolve(term)), 0);
}

/** A decoder's total length is past + new tokens; guess both from the other dims. */
function totalLength(symbolic: Set<string>, resolve: (name: string) => number): number {
  const past = [...symbolic].find((n) => /past/i.test(n) && !n.includes('+'));
  const seq = [...symbolic].find((n) => /seq|len/i.test(n) && !/past|total|\+/i.test(n));
  return (past ? resolve(past) : 0) + (seq ? resolve(seq) : 128);
}
