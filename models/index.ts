/** The generator's API: what the CLI's `modeldyno models make <preset>` calls. */
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeModel } from '../electron/core/models/onnx-proto.js';
import { DynoError } from '../electron/shared/errors.js';
import type { ModelOptions } from './builder/graph-builder.js';
import { writeModelFile } from './builder/write-model.js';
import type { Preset, PresetInfo } from './presets/index.js';
import { PRESET_DEFINITIONS } from './presets/index.js';

export type { PresetInfo } from './presets/index.js';

/** The presets, bundled first, without their build functions. */
export const PRESETS: readonly PresetInfo[] = PRESET_DEFINITIONS.map(
  ({ name, description, bundled, approxParams }) => ({ name, description, bundled, approxParams }),
);

export function findPreset(name: string): Preset {
  const preset = PRESET_DEFINITIONS.find((candidate) => candidate.name === name);
  if (!preset) {
    const names = PRESET_DEFINITIONS.map((candidate) => candidate.name).join(', ');
    throw new DynoError('usage', `unknown model preset '${name}'. Choose one of: ${names}.`);
  }
  return preset;
}

/** `name=value,…` as the `modeldyno.dims` metadata holds it. */
export function formatDims(dims: Readonly<Record<string, number>>): string {
  return Object.entries(dims)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
}

function modelOptions(preset: Preset): ModelOptions {
  return {
    opset: preset.opset,
    metadata: {
      'modeldyno.preset': preset.name,
      'modeldyno.description': preset.description,
      'modeldyno.dims': formatDims(preset.dims),
    },
  };
}

/** The preset's ONNX bytes in memory; the same on every run and machine. */
export function presetBytes(name: string): Uint8Array {
  const preset = findPreset(name);
  return encodeModel(preset.build().toModel(modelOptions(preset)));
}

/**
 * Writes `<outDir>/<name>.onnx` (the bytes of `presetBytes`, streamed one weight at
 * a time) and returns its path. The file appears whole or not at all — written
 * beside it, then renamed — so a cache never holds half a model.
 */
export async function makePreset(name: string, outDir: string): Promise<string> {
  const preset = findPreset(name);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `${name}.onnx`);
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeModelFile(preset.build(), modelOptions(preset), partial);
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return path;
}
