/**
 * Hostile and broken model files, generated at test time, each profiled through the real
 * worker: every one ends in a typed error that names the problem (or, for bit flips that
 * land in weights, a clean run), within short limits, and the host carries on.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileModel } from '../../../electron/core/profiler.js';
import { ERROR_KINDS, type ErrorKind } from '../../../electron/shared/errors.js';
import { defaultSettings, type ProfileSettings } from '../../../electron/shared/session.js';
import { modelPath, tempDir } from '../../helpers/paths.js';
import * as build from './corpus-models.js';

/** Short limits and a low memory cap keep the whole table well under a minute. */
export const HOSTILE_SETTINGS: ProfileSettings = {
  ...defaultSettings,
  runs: 2,
  warmup: 1,
  opProfile: false,
  createTimeoutMs: 20_000,
  runTimeoutMs: 10_000,
  memoryCapBytes: 512 * 2 ** 20,
};

/** A typed failure, or (for damage that may land in weights) either that or a clean run. */
type Expected = { kind: ErrorKind; fragment: RegExp } | 'complete' | 'complete-or-typed';

const NOT_A_MODEL = /file is not an ONNX model: .+\. Check that the path/;
const OUTSIDE = (problem: RegExp) =>
  new RegExp(`tensor "w" keeps its data at ".*", which ${problem.source}.*Keep external data files inside`);

const CORPUS: Array<[string, build.Builder, Expected]> = [
  ['a 0-byte file', build.empty, { kind: 'model-invalid', fragment: /the file is empty/ }],
  ['a text file', build.textFile, { kind: 'model-invalid', fragment: NOT_A_MODEL }],
  ...[0.0005, 0.02, 0.31, 0.5, 0.87, 0.9999].map((fraction): [string, build.Builder, Expected] => [
    `mlp.onnx truncated to ${fraction * 100} % of its bytes`,
    build.truncated(fraction),
    { kind: 'model-invalid', fragment: NOT_A_MODEL },
  ]),
  ...[
    [1, 1, undefined],
    [2, 64, undefined],
    [3, 4, 256],
    [4, 16, 256],
    [5, 1, 64],
  ].map(([seed, flips, within]): [string, build.Builder, Expected] => [
    `mlp.onnx with ${flips} bit(s) flipped (seed ${seed}${within ? `, first ${within} bytes` : ''})`,
    build.bitFlipped(seed!, flips!, within),
    'complete-or-typed',
  ]),
  [
    'an ONNX TensorProto (input_0.pb), protobuf but not a model',
    build.tensorNotModel,
    { kind: 'model-invalid', fragment: NOT_A_MODEL },
  ],
  [
    'an op no opset defines',
    build.unknownOp,
    { kind: 'model-invalid', fragment: /No Op registered for FrobnicateTensor/ },
  ],
  ['opset 999', build.futureOpset, { kind: 'model-unsupported', fragment: /Opset 999 is under development/ }],
  [
    'an input declared [1, 1e12]',
    build.hugeDims,
    {
      kind: 'out-of-memory',
      fragment: /Input "x" of shape \[1, 1000000000000\].*more than the memory cap of 0\.50 GB/,
    },
  ],
  [
    'a ConstantOfShape asking for 4 GB under a 512 MB cap',
    build.constantOfShapeBomb(2 ** 30),
    { kind: 'out-of-memory', fragment: /resident memory reached .* over the memory cap of 0\.50 GB.*--memory-cap/ },
  ],
  ['If nested 200 levels deep', build.nestedIf(200), { kind: 'model-invalid', fragment: /nested too deeply/ }],
  ['If nested 20 levels deep', build.nestedIf(20), 'complete'],
  ['external data at ../', build.externalParent, { kind: 'model-invalid', fragment: OUTSIDE(/climbs out/) }],
  [
    'external data at an absolute path',
    build.externalAbsolute,
    { kind: 'model-invalid', fragment: OUTSIDE(/is an absolute path/) },
  ],
  [
    'external data through a symlink out of the folder',
    build.externalSymlink,
    { kind: 'model-invalid', fragment: OUTSIDE(/is a link to .*secret\.bin, outside/) },
  ],
  [
    'external data through a hard link',
    build.externalHardLink,
    { kind: 'model-invalid', fragment: OUTSIDE(/has 2 hard links/) },
  ],
  [
    'external data missing',
    build.externalMissing,
    { kind: 'model-invalid', fragment: OUTSIDE(/does not exist in the model folder/) },
  ],
  [
    'external data shorter than declared',
    build.externalShort,
    { kind: 'model-invalid', fragment: OUTSIDE(/is 10 bytes, shorter than the 16 bytes declared/) },
  ],
  [
    "external data at ORT's in-memory address tag",
    build.externalMemoryAddress,
    { kind: 'model-invalid', fragment: OUTSIDE(/does not exist/) },
  ],
  [
    "a Constant node's tensor at ../",
    build.externalViaConstant,
    { kind: 'model-invalid', fragment: OUTSIDE(/climbs out/) },
  ],
  ['external data inside the model folder (the control)', build.externalInside, 'complete'],
];

describe.concurrent('a hostile or broken model file', () => {
  it.each(CORPUS)('%s ends as expected and the host carries on', async (_, make, expected) => {
    const dir = tempDir('hostile');
    const result = await profileModel({
      modelPath: make(dir),
      sessionsDir: join(dir, 'sessions'),
      settings: HOSTILE_SETTINGS,
    });

    if (expected === 'complete') {
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('complete');
    } else if (expected === 'complete-or-typed') {
      // Deterministic per seed, but which it is depends on where the flips land.
      if (result.status !== 'complete') {
        expect(result.status).toBe('failed');
        expect(ERROR_KINDS).toContain(result.error?.kind);
        expect(result.error?.kind).not.toBe('worker-crashed');
      }
    } else {
      expect(result.status).toBe('failed');
      expect(result.error?.kind).toBe(expected.kind);
      expect(result.error?.message).toMatch(expected.fragment);
    }
  });
});

describe('a hostile session beside a good one', () => {
  it('leaves the good session to complete while the bomb is stopped', async () => {
    const dir = tempDir('hostile-pair');
    const [good, bomb] = await Promise.all([
      profileModel({
        modelPath: modelPath('mlp.onnx'),
        sessionsDir: join(dir, 'sessions'),
        settings: { ...HOSTILE_SETTINGS, runs: 20 },
      }),
      profileModel({
        modelPath: build.constantOfShapeBomb(2 ** 30)(dir),
        sessionsDir: join(dir, 'sessions'),
        settings: HOSTILE_SETTINGS,
      }),
    ]);

    expect(bomb.status).toBe('failed');
    expect(bomb.error?.kind).toBe('out-of-memory');
    // The analysis names the phase it died in as held back by memory capacity.
    expect(bomb.bottlenecks?.find((b) => b.label === 'memory-capacity')?.evidence[0]).toBe(bomb.error?.message);
    expect(good.error).toBeUndefined();
    expect(good.status).toBe('complete');
    expect(good.runs.filter((run) => !run.warmup)).toHaveLength(20);
  });
});
