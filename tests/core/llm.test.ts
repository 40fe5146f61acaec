import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { makePreset } from '../../models/index.js';
import { analyse } from '../../electron/core/analysis/analyse.js';
import { getMachineProfile } from '../../electron/core/analysis/calibrate.js';
import { findTarget } from '../../electron/core/analysis/catalogue.js';
import { resolveTarget } from '../../electron/core/analysis/targets.js';
import { project } from '../../electron/core/analysis/whatif.js';
import { inspectModel } from '../../electron/core/models/inspect.js';
import { profileModel } from '../../electron/core/profiler.js';
import { loadSessionData } from '../../electron/core/recording/store.js';
import { defaultSettings, type ProfileSettings } from '../../electron/shared/session.js';
import { modelPath, tempDir, testHome } from '../helpers/paths.js';

const llm = (overrides: Partial<ProfileSettings>): ProfileSettings => ({
  ...defaultSettings,
  warmup: 1,
  repetitions: 2,
  promptTokens: [8],
  outputTokens: [6],
  ...overrides,
});

async function generateSession(path: string, settings: ProfileSettings) {
  const sessionsDir = tempDir('llm');
  const profile = await getMachineProfile({ dir: join(testHome, 'machine-profiles') });
  const analysis = { profile, targets: [], peakFlopsPerSec: profile.peakFp32FlopsEstimate ?? null };
  const result = await profileModel({ modelPath: path, sessionsDir, settings, analysis });
  return loadSessionData(sessionsDir, result.sessionId);
}

/** Greedy decoding by full recompute, straight through ONNX Runtime: the reference. */
async function recomputeTokens(path: string, prompt: number[], count: number): Promise<number[]> {
  const session = await ort.InferenceSession.create(path);
  const layers = session.inputNames.filter((n) => n.startsWith('past_key_values.')).length / 2;
  const tokens = [...prompt];
  const out: number[] = [];
  for (let step = 0; step < count; step++) {
    const n = tokens.length;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(tokens, BigInt), [1, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from(tokens.map((_, i) => BigInt(i))), [1, n]),
    };
    const meta = session.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
    const shape = meta && meta.isTensor ? meta.shape : [];
    for (let i = 0; i < layers; i++) {
      for (const kind of ['key', 'value']) {
        feeds[`past_key_values.${i}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [
          1,
          Number(shape[1]),
          0,
          Number(shape[3]),
        ]);
      }
    }
    const logits = (await session.run(feeds)).logits!.data as Float32Array;
    const vocab = logits.length / n;
    let best = 0;
    for (let v = 1; v < vocab; v++) if (logits[(n - 1) * vocab + v]! > logits[(n - 1) * vocab + best]!) best = v;
    out.push(best);
    tokens.push(best);
  }
  await session.release();
  return out;
}

describe('language-model generation', () => {
  it('produces with the KV cache the same greedy tokens as full recompute on the bundled decoder', async () => {
    const data = await generateSession(modelPath('decoder.onnx'), llm({ repetitions: 1, outputTokens: [8] }));
    const request = data.requests.find((r) => !r.warmup) as unknown as { tokenIds: number[]; promptTokens: number };
    // The prompt is not journalled; rebuild it the way generate() seeds it.
    const { seededRandom } = await import('../../electron/core/inference/tensors.js');
    const random = seededRandom(1000);
    const vocab = inspectModel(readFileSync(modelPath('decoder.onnx'))).indexBounds.input_ids!;
    const prompt = Array.from({ length: request.promptTokens }, () => Math.floor(random() * vocab));
    expect(request.tokenIds).toEqual(await recomputeTokens(modelPath('decoder.onnx'), prompt, 8));
  });

  it('keeps TTFT + (N − 1)·TPOT equal to end-to-end latency', async () => {
    const { result } = await generateSession(modelPath('decoder.onnx'), llm({}));
    const row = result.llm!;
    expect(row.ttftMs.mean + (row.outputTokens - 1) * row.tpotMs!.mean).toBeCloseTo(row.e2eMs.mean, 6);
    expect(row.itlMs!.p50).toBeGreaterThan(0);
    expect(row.kvCache).toBe(true);
    expect(row.definitions.itlMs).toMatch(/llmperf/);
  });

  it('produces one sweep row per combination of prompt length and batch', async () => {
    const { result } = await generateSession(
      modelPath('decoder.onnx'),
      llm({ promptTokens: [4, 8], batch: [1, 2], outputTokens: [3] }),
    );
    expect(result.sweep.map((r) => [r.promptTokens, r.batch])).toEqual([
      [4, 1],
      [4, 2],
      [8, 1],
      [8, 2],
    ]);
    for (const row of result.sweep) expect(row.requests).toBe(2);
    expect(result.phases.map((p) => p.name)).toEqual(['spawn', 'read', 'create', 'warmup', 'generate']);
  });

  it('labels prefill and decode from their own measurements', async () => {
    const { result } = await generateSession(modelPath('decoder.onnx'), llm({ promptTokens: [64], outputTokens: [8] }));
    const phases = (result.bottlenecks ?? []).map((b) => b.phase);
    // The labels themselves depend on this machine's balance; both phases must be judged.
    expect(phases).toEqual(expect.arrayContaining(['prefill', 'decode']));
  });

  it('detects a decoder without a KV cache and flags it as a software bottleneck', async () => {
    const path = await makePreset('decoder-nocache-tiny', tempDir('nocache'));
    const { result } = await generateSession(path, llm({}));
    expect(result.llm?.kvCache).toBe(false);
    expect(result.llm?.kvCacheBytesPerToken).toBeNull();
    const flag = result.bottlenecks?.find((b) => b.evidence.some((e) => /no KV cache/.test(e)));
    expect(flag?.evidence.join(' ')).toMatch(/software bottleneck/);
  });

  it('sizes the cache of a grouped-query decoder by its KV heads', async () => {
    const path = await makePreset('decoder-gqa-tiny', tempDir('gqa'));
    const { result } = await generateSession(path, llm({}));
    // 2 (K, V) × 2 layers × 2 KV heads × 16 head size × 4 bytes.
    expect(result.llm?.kvCacheBytesPerToken).toBe(512);
    expect(result.llm?.kvCacheBytesAtEnd).toBe(512 * (8 + 6));
  });

  it('refuses LLM mode for a model that is not a decoder', async () => {
    const result = await profileModel({
      modelPath: modelPath('mlp.onnx'),
      sessionsDir: tempDir('notllm'),
      settings: llm({ llm: 'on' }),
    });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/not a decoder/);
  });
});

describe('language-model projections and recommendations', () => {
  it('projects TTFT and TPOT onto this machine unchanged at its own thread count, and onto a GPU', async () => {
    const data = await generateSession(modelPath('decoder.onnx'), llm({ promptTokens: [32], outputTokens: [8] }));
    const profile = data.result.machineProfile!;
    const whatIf = analyse(data, profile, [], profile.peakFp32FlopsEstimate ?? null).whatIf!;
    const same = project(whatIf, resolveTarget(`threads:${whatIf.threads}`));
    expect(same.llm!.ttftMs).toBeCloseTo(data.result.llm!.ttftMs.mean, 6);
    expect(same.llm!.tpotMs).toBeCloseTo(data.result.llm!.tpotMs!.mean, 6);
    const gpu = project(whatIf, findTarget('nvidia-rtx-4090'));
    expect(gpu.llm!.outputTokensPerSec).toBeGreaterThan(0);
    expect(gpu.assumptions.join(' ')).toMatch(/TPOT like the decode runs/);
  });

  it('recommends a bigger batch and, for a decoder without a cache, the cache, with numbers', async () => {
    const path = await makePreset('decoder-nocache-tiny', tempDir('nocache-rec'));
    const { result } = await generateSession(path, llm({}));
    const titles = (result.recommendations ?? []).map((r) => r.title).join('\n');
    expect(titles).toMatch(/KV cache: TPOT .* → about /);
    const batch = result.recommendations?.find((r) => r.metric === 'outputTokensPerSec' && r.kind === 'software');
    if (batch) expect(batch.title).toMatch(/tokens\/s/);
  });
});

describe('the generation timeline', () => {
  it('paints every prefill and decode run with the verdict of its kind', async () => {
    const data = await generateSession(modelPath('decoder.onnx'), llm({ repetitions: 1, outputTokens: [5] }));
    const measured = data.result.runs.filter((r) => !r.warmup);
    const verdict = (phase: string) => data.result.bottlenecks?.find((b) => b.phase === phase)?.label;
    const request = data.requests.find((r) => !r.warmup)!;
    for (const [i, runIndex] of request.tokenRuns.entries()) {
      const run = measured.find((r) => r.index === runIndex)!;
      const segment = data.result.segments?.find(
        (s) => s.startMs === run.startMs && s.endMs === run.startMs + run.durationMs,
      );
      expect(segment?.label).toBe(verdict(i === 0 ? 'prefill' : 'decode'));
    }
  });
});
