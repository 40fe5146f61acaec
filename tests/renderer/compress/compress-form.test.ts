import { describe, expect, it } from 'vitest';
import { DEFAULT_SPECS, parseSpecList, specText } from '../../../electron/shared/compress.js';
import {
  choiceLabel,
  type CompressForm,
  defaultCompressForm,
  parseCompressForm,
  restoreCompressForm,
} from '../../../renderer/src/features/compress/compress-form.js';

const form = (over: Partial<CompressForm> = {}): CompressForm => ({
  ...defaultCompressForm('models/mlp.onnx'),
  ...over,
});

describe('the new-experiment form', () => {
  it('starts with the default variants ticked and profiling on', () => {
    const parsed = parseCompressForm(form());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.request.variants).toEqual(DEFAULT_SPECS.map(specText));
    expect(parsed.request.profile).toBe(true);
    expect(parsed.request.settings).toEqual({ runs: 20, warmup: 3, intraOpThreads: 0, opProfile: true });
  });

  it('sends spellings the host parses back to the same variants', () => {
    const ticked = { int8: true, 'int4:32': false, 'int4:128': true, fp16: false, prune: true };
    const parsed = parseCompressForm(form({ variants: ticked, sparsity: '0.75' }));
    expect(parsed.ok && parsed.request.variants).toEqual(['int8', 'int4:128', 'prune:0.75']);
    if (parsed.ok)
      expect(parseSpecList(parsed.request.variants.join(',')).map(specText)).toEqual(parsed.request.variants);
  });

  it('marks a sparsity outside 0 < s < 1 beside its field', () => {
    const ticked = { int8: false, 'int4:32': false, 'int4:128': false, fp16: false, prune: true };
    for (const sparsity of ['1', '0', '-0.2', 'half', '']) {
      const parsed = parseCompressForm(form({ variants: ticked, sparsity }));
      expect(parsed.ok ? null : parsed.errors).toEqual({ sparsity: 'a share between 0 and 1, e.g. 0.5' });
    }
  });

  it('ignores the sparsity while prune is not ticked', () => {
    expect(parseCompressForm(form({ sparsity: 'half' })).ok).toBe(true);
  });

  it('asks for a variant and a model', () => {
    const none = { int8: false, 'int4:32': false, 'int4:128': false, fp16: false, prune: false };
    const parsed = parseCompressForm(form({ variants: none, modelPath: '  ' }));
    expect(parsed.ok ? null : Object.keys(parsed.errors).sort()).toEqual(['modelPath', 'variants']);
  });

  it('checks the profile settings with the contract only when profiling', () => {
    const bad = form({ runs: '0', warmup: 'x', intraOpThreads: '2.5' });
    const parsed = parseCompressForm(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(Object.keys(parsed.errors).sort()).toEqual(['intraOpThreads', 'runs', 'warmup']);
      expect(parsed.errors.warmup).toBe('a whole number');
    }
    const buildOnly = parseCompressForm({ ...bad, profile: false });
    expect(buildOnly.ok && buildOnly.request).toMatchObject({ profile: false, settings: {} });
  });

  it('names each choice as the table will', () => {
    expect(choiceLabel('int4:128', '0.5')).toBe('int4 (block 128)');
    expect(choiceLabel('prune', '0.5')).toBe('pruned 50 %');
    expect(choiceLabel('prune', 'oops')).toBe('pruned');
  });
});

describe('the form as last stored', () => {
  it('comes back over the defaults with the open model, whatever storage held', () => {
    const stored = JSON.parse(JSON.stringify(form({ runs: '5', variants: { ...form().variants, prune: true } })));
    const restored = restoreCompressForm(stored, 'models/cnn.onnx');
    expect(restored).toMatchObject({ modelPath: 'models/cnn.onnx', runs: '5' });
    expect(restored.variants.prune).toBe(true);
    // Without an open model, the model last used.
    expect(restoreCompressForm(stored, '').modelPath).toBe('models/mlp.onnx');
    for (const junk of [null, 42, 'text', { runs: 7, variants: 'all', profile: 'yes' }]) {
      expect(restoreCompressForm(junk, 'm.onnx')).toEqual(defaultCompressForm('m.onnx'));
    }
  });
});
