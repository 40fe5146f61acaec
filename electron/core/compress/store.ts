/**
 * Where compression experiments live: `<sessions>/.compressions/<id>/`, beside the
 * sessions they profiled, holding `experiment.json` and the variant model files. A
 * dot-folder is never listed as a session. The JSON is validated on every read: a
 * session folder is something users copy around, and a hostile file must not reach the
 * views unchecked.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CompressionExperiment, type CompressionSummary } from '../../shared/compress.js';
import { DynoError } from '../../shared/errors.js';
import { newSessionId, writeFileAtomic } from '../recording/store.js';
import { basename } from 'node:path';

export const EXPERIMENT_FILE = 'experiment.json';
const ID = /^[A-Za-z0-9_.-]+$/;

export function compressionsRoot(sessionsRoot: string): string {
  return join(sessionsRoot, '.compressions');
}

/** `compress-20261129-070000-decoder-3f2a`: sorts by time, says which model. */
export function newExperimentId(modelPath: string, at: Date): string {
  return `compress-${newSessionId(modelPath, at)}`;
}

export function experimentDir(root: string, id: string): string {
  if (!ID.test(id) || id === '.' || id === '..') throw new DynoError('usage', `"${id}" is not an experiment id.`);
  return join(root, id);
}

export function saveExperiment(root: string, experiment: CompressionExperiment): void {
  const dir = experimentDir(root, experiment.id);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, EXPERIMENT_FILE), `${JSON.stringify(experiment, null, 1)}\n`);
}

/**
 * Reads and checks one experiment. One that says `running` but is not running in this
 * process was cut short (its host died): it reads as `incomplete`, with what it kept.
 */
export function loadExperiment(root: string, id: string, isRunning: (id: string) => boolean = () => false) {
  const path = join(experimentDir(root, id), EXPERIMENT_FILE);
  if (!existsSync(path)) throw new DynoError('session-not-found', `No compression experiment "${id}" in ${root}.`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DynoError(
      'session-invalid',
      `${path} is not JSON (${(err as Error).message}); delete the folder or run the experiment again.`,
    );
  }
  const parsed = CompressionExperiment.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DynoError(
      'session-invalid',
      `${path} is not a compression experiment ModelDyno wrote (${issue?.path.join('.') || 'root'}: ${issue?.message}); delete the folder or run the experiment again.`,
    );
  }
  const experiment = parsed.data;
  if (experiment.status === 'running' && !isRunning(id)) experiment.status = 'incomplete';
  if (experiment.id !== id)
    throw new DynoError('session-invalid', `${path} names experiment "${experiment.id}", not "${id}".`);
  return experiment;
}

/** Every readable experiment, newest first; unreadable folders are skipped. */
export function listExperiments(root: string, isRunning?: (id: string) => boolean): CompressionExperiment[] {
  if (!existsSync(root)) return [];
  const found: CompressionExperiment[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !ID.test(entry.name)) continue;
    try {
      found.push(loadExperiment(root, entry.name, isRunning));
    } catch {
      // A damaged experiment is reported when opened, not in the list.
    }
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function experimentSummary(experiment: CompressionExperiment): CompressionSummary {
  return {
    id: experiment.id,
    createdAt: experiment.createdAt,
    status: experiment.status,
    modelPath: experiment.modelPath,
    modelName: basename(experiment.modelPath),
    variants: experiment.variants.map((v) => v.text),
    baselineSessionId: experiment.baselineSessionId,
  };
}

/**
 * Removes an experiment's folder: its `experiment.json` and the variant files written there
 * (files written elsewhere with `--out` are the user's and stay). A damaged experiment may
 * be deleted too; an unknown id is `session-not-found`.
 */
export function deleteExperiment(root: string, id: string): void {
  const dir = experimentDir(root, id);
  if (!existsSync(join(dir, EXPERIMENT_FILE)))
    throw new DynoError('session-not-found', `No compression experiment "${id}" in ${root}.`);
  rmSync(dir, { recursive: true, force: true });
}
