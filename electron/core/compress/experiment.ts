/**
 * One compression experiment: make each variant, measure how closely it follows the
 * original, then (when asked) profile the original and every variant with the same
 * settings, one after the other, so the rows compare like with like, and the original
 * once more at the end to measure how far this machine drifted meanwhile. Each step may
 * fail on its own: the failure is kept in its row and the experiment goes on. The
 * experiment is saved after every step, so a host that dies keeps what was done.
 */
import { basename, extname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  type CompressionExperiment,
  type VariantOutcome,
  type VariantSpec,
  specLabel,
  specSlug,
  specText,
} from '../../shared/compress.js';
import { DynoError, toErrorInfo } from '../../shared/errors.js';
import type { ProfileResult, ProfileSettings } from '../../shared/session.js';
import { sha256Of } from '../inference/load.js';
import { inspectModel } from '../models/inspect.js';
import { readFile } from 'node:fs/promises';
import { measureFidelity, type FidelityLauncher } from './fidelity.js';
import { experimentDir, newExperimentId, saveExperiment } from './store.js';
import { gzipSize, writeVariant } from './variants.js';

export interface ExperimentRequest {
  modelPath: string;
  specs: VariantSpec[];
  settings: ProfileSettings;
  /** `compressionsRoot(sessions)`. */
  root: string;
  /** Where the variant files go; the experiment's own folder by default. */
  outDir?: string;
  /**
   * Profiles one model with `settings` and returns its finished session, or null to skip
   * profiling (`compress` without `--compare`). The host decides how: the CLI with a
   * progress bar, the API as a live session the app can watch.
   */
  profile: ((modelPath: string, label: string) => Promise<ProfileResult>) | null;
  fidelityLauncher?: FidelityLauncher;
  onProgress?(progress: ExperimentProgress): void;
  /** Set by the host to stop after the current step. */
  cancelled?: () => boolean;
  /** Called once the id is known and the first save is done. */
  onCreated?(experiment: CompressionExperiment): void;
}

export interface ExperimentProgress {
  experimentId: string;
  /** e.g. `build int4:32`, `fidelity int8`, `profile fp32`. */
  step: string;
  done: number;
  total: number;
}

export async function runExperiment(request: ExperimentRequest): Promise<CompressionExperiment> {
  const { modelPath, specs, settings } = request;
  if (specs.length === 0) throw new DynoError('usage', 'Name at least one variant to make.');
  const source = await checkSource(modelPath);
  const id = newExperimentId(modelPath, new Date());
  const dir = experimentDir(request.root, id);
  const outDir = request.outDir ?? dir;
  mkdirSync(outDir, { recursive: true });
  const experiment: CompressionExperiment = {
    schemaVersion: 1,
    id,
    createdAt: new Date().toISOString(),
    status: 'running',
    modelPath,
    modelSha256: source.sha256,
    fileBytes: source.fileBytes,
    gzipBytes: await gzipSize(modelPath),
    settings,
    baselineSessionId: null,
    baselineError: null,
    baselineRepeatSessionId: null,
    variants: specs.map((spec): VariantOutcome => ({
      spec,
      text: specText(spec),
      label: specLabel(spec),
      build: null,
      sessionId: null,
      fidelity: null,
      error: null,
    })),
  };
  const save = () => saveExperiment(request.root, experiment);
  save();
  request.onCreated?.(experiment);

  const total = specs.length * 2 + (request.profile ? specs.length + 2 : 0);
  let done = 0;
  const step = async (name: string, work: () => Promise<void>) => {
    if (request.cancelled?.()) throw new DynoError('cancelled', 'The experiment was cancelled.');
    request.onProgress?.({ experimentId: id, step: name, done, total });
    await work();
    done++;
    save();
  };
  const stem = basename(modelPath, extname(modelPath));
  try {
    for (const variant of experiment.variants) {
      await step(`build ${variant.text}`, async () => {
        const path = join(outDir, `${stem}.${specSlug(variant.spec)}.onnx`);
        variant.build = await attempt(variant, () => writeVariant(modelPath, variant.spec, path));
      });
      await step(`fidelity ${variant.text}`, async () => {
        if (!variant.build) return;
        const variantPath = variant.build.path;
        variant.fidelity = await attempt(variant, () =>
          measureFidelity(
            {
              referencePath: modelPath,
              variantPath,
              dims: settings.dims,
              promptTokens: settings.promptTokens[0] ?? 32,
              steps: settings.outputTokens[0] ?? 32,
              intraOpThreads: settings.intraOpThreads,
              memoryCapBytes: settings.memoryCapBytes,
            },
            request.fidelityLauncher,
          ),
        );
      });
    }
    const profile = request.profile;
    if (profile) {
      await step('profile fp32', async () => {
        try {
          const result = await profile(modelPath, 'fp32');
          experiment.baselineSessionId = result.sessionId;
          experiment.baselineError = result.error ?? null;
        } catch (err) {
          experiment.baselineError = toErrorInfo(err, 'internal');
        }
      });
      for (const variant of experiment.variants) {
        await step(`profile ${variant.text}`, async () => {
          const build = variant.build;
          if (!build) return;
          const result = await attempt(variant, () => profile(build.path, variant.text));
          if (!result) return;
          variant.sessionId = result.sessionId;
          if (result.error && !variant.error) variant.error = result.error;
        });
      }
      // Last, so that the original brackets the variants: what moved between its two profiles moved for all.
      await step('profile fp32 again', async () => {
        if (experiment.baselineSessionId === null || experiment.baselineError) return;
        try {
          const result = await profile(modelPath, 'fp32 again');
          if (!result.error) experiment.baselineRepeatSessionId = result.sessionId;
        } catch {
          // Without the repeat the rows stand; only the drift is unknown.
        }
      });
    }
    experiment.status = 'complete';
  } catch (err) {
    const info = toErrorInfo(err, 'internal');
    experiment.status = info.kind === 'cancelled' ? 'cancelled' : 'failed';
  }
  save();
  request.onProgress?.({ experimentId: id, step: experiment.status, done: total, total });
  return experiment;
}

/** The step's value, or null with its error kept on the variant (the first one wins). */
async function attempt<T>(variant: VariantOutcome, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    variant.error ??= toErrorInfo(err, 'internal');
    return null;
  }
}

/**
 * Reads the model once to check it and fingerprint it. A file that is not a model fails
 * here, once, instead of once per variant; its bytes are not kept (a model may be GBs,
 * and the experiment goes on to profile for minutes).
 */
async function checkSource(path: string): Promise<{ sha256: string; fileBytes: number }> {
  const bytes = await readSource(path);
  inspectModel(bytes);
  return { sha256: sha256Of(bytes), fileBytes: bytes.byteLength };
}

async function readSource(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DynoError('model-not-found', `${path} does not exist; check the path.`);
    if (code === 'EISDIR') throw new DynoError('model-not-found', `${path} is a folder, not a model file.`);
    throw new DynoError('model-not-found', `${path} cannot be read (${code ?? (err as Error).message}).`);
  }
}
