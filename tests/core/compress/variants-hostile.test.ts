/**
 * The hostile model corpus through every variant writer: each file is either rewritten
 * or refused with a typed DynoError naming it (never a TypeError, a hang or a huge
 * allocation), as the compression lab reads models in the host process.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVariant } from '../../../electron/core/compress/variants.js';
import { parseSpecList } from '../../../electron/shared/compress.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { tempDir } from '../../helpers/paths.js';
import * as corpus from '../hostile/corpus-models.js';

const dir = tempDir('variants-hostile');
const specs = parseSpecList('int8,int4,fp16,prune:0.5');

const models: Array<[string, corpus.Builder, 'rewritten' | 'model-invalid' | 'model-unsupported']> = [
  ['empty file', corpus.empty, 'model-invalid'],
  ['text file', corpus.textFile, 'model-invalid'],
  ['a tensor, not a model', corpus.tensorNotModel, 'model-invalid'],
  ['cut at 10 %', corpus.truncated(0.1), 'model-invalid'],
  ['cut at 99 %', corpus.truncated(0.99), 'model-invalid'],
  ['bits flipped in the header', corpus.bitFlipped(2, 50, 400), 'model-invalid'],
  ['bits flipped in the weights', corpus.bitFlipped(1, 200), 'rewritten'],
  ['If nested 5,000 deep', corpus.nestedIf(5000), 'model-invalid'],
  ['ConstantOfShape of 10¹² floats', corpus.constantOfShapeBomb(1e12), 'rewritten'],
  ['dims of 10¹² on an input', corpus.hugeDims, 'rewritten'],
  ['an unknown op', corpus.unknownOp, 'rewritten'],
  ['external data outside its folder', corpus.externalParent, 'model-unsupported'],
  ['external data via a symlink', corpus.externalSymlink, 'model-unsupported'],
  ['external data at a memory address', corpus.externalMemoryAddress, 'model-unsupported'],
];

describe('the variant writers on hostile models', () => {
  it.each(models.map(([name, build, expected]) => [name, expected, build] as const))(
    '%s: %s',
    (_name, expected, build) => {
      const bytes = readFileSync(build(dir));
      for (const spec of specs) {
        let outcome: string;
        try {
          buildVariant(bytes, spec);
          outcome = 'rewritten';
        } catch (err) {
          expect(err, spec.kind).toBeInstanceOf(DynoError);
          outcome = (err as DynoError).kind;
          expect((err as DynoError).message.length, spec.kind).toBeGreaterThan(20);
        }
        expect(outcome, spec.kind).toBe(expected);
      }
    },
  );
});
