/**
 * A session built from an ONNX Runtime profile that any ORT application wrote (Python's
 * `SessionOptions.enable_profiling`, C++'s `EnableProfiling`, …), so its op-level
 * analysis — kernel time per node, FLOPs and bytes per op type — exists without running
 * the model here. The profile is ORT's undocumented Chrome-trace-like array; what is
 * read of it is what `parseOrtProfile` reads for sessions profiled here, so both paths
 * give the same op statistics for the same events.
 *
 * What a profile cannot say is left empty or marked unknown: the machine, the model
 * file's size, hash and interface, and which runs the application meant as warm-up
 * (every `model_run` counts as measured).
 */
import { rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { DynoError } from '../../shared/errors.js';
import type { ModelInfo } from '../../shared/model.js';
import { defaultSettings, type Phase, type ProfileSettings, SCHEMA_VERSION } from '../../shared/session.js';
import { parseOrtProfile, type OrtRun } from '../inference/ort-profile.js';
import type { JournalRecord } from '../recording/journal-record.js';
import { createSessionDir, JOURNAL_FILE, newSessionId, writeFileAtomic } from '../recording/store.js';
import { unknownMachine } from '../recording/summarise.js';
import { finishSession } from '../session-end.js';
import { describeIssues, MAX_JSON_BYTES, mib, parseBoundedJson } from './json-guard.js';

const KERNEL_SUFFIX = '_kernel_time';

/** The fields read; ORT writes more (pid, tid, thread statistics), which are allowed and ignored. */
const OrtEvent = z
  .looseObject({
    cat: z.string(),
    name: z.string(),
    ts: z.number().nonnegative(),
    dur: z.number().nonnegative(),
    args: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((event, ctx) => {
    if (event.cat !== 'Node' || !event.name.endsWith(KERNEL_SUFFIX)) return;
    for (const field of ['op_name', 'provider'] as const) {
      if (typeof event.args?.[field] !== 'string') {
        ctx.addIssue({ code: 'custom', path: ['args', field], message: 'a kernel event needs it as a string' });
      }
    }
  });
const OrtProfile = z.array(OrtEvent);

const LOAD_EVENTS = new Set(['model_loading_uri', 'model_loading_array', 'model_loading_from_saved_proto']);

export async function importOrtProfile(path: string, root: string): Promise<string> {
  const profilePath = resolve(path);
  const bytes = await readBounded(profilePath);
  const value = parseBoundedJson(bytes, `The ONNX Runtime profile ${basename(profilePath)}`);
  if (!Array.isArray(value)) {
    throw invalid(`${basename(profilePath)} is not an ONNX Runtime profile: expected a JSON array of events.`);
  }
  const parsed = OrtProfile.safeParse(value);
  if (!parsed.success) {
    throw invalid(
      `${basename(profilePath)} is not a valid ONNX Runtime profile: ${describeIssues(parsed.error.issues)}`,
    );
  }
  const runs = parseOrtProfile(bytes.toString('utf8'));
  if (runs.length === 0) {
    throw invalid(
      `${basename(profilePath)} has no model_run events: profile a session that ran the model (enable_profiling before the runs).`,
    );
  }
  const sessionEvents = parsed.data.filter((e) => e.cat === 'Session');
  const records = journalOf(profilePath, runs, sessionEvents);
  const header = records[0] as Extract<JournalRecord, { type: 'header' }>;
  const dir = createSessionDir(root, header.sessionId);
  try {
    writeFileAtomic(join(dir, JOURNAL_FILE), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    finishSession(dir, records, 'complete');
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return header.sessionId;
}

/** Refuses a file over the limit before reading it, and reads at most limit + 1 bytes. */
async function readBounded(path: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw invalid(`Cannot read the ONNX Runtime profile ${path}: ${(err as Error).message}`);
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_JSON_BYTES) {
      throw invalid(`${basename(path)} is ${mib(size)}; an ONNX Runtime profile is read up to ${mib(MAX_JSON_BYTES)}.`);
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

type Event = z.infer<typeof OrtEvent>;

/** The records a recorder would have journaled, on ORT's clock (ms since profiling started). */
function journalOf(profilePath: string, runs: OrtRun[], sessionEvents: Event[]): JournalRecord[] {
  const sessionId = newSessionId(profilePath, new Date());
  const phases = phasesOf(sessionEvents, runs);
  const providers = new Set(runs.flatMap((r) => r.nodes.map((n) => n.provider)));
  const settings: ProfileSettings = {
    ...defaultSettings,
    runs: Math.min(runs.length, 1_000_000),
    warmup: 0,
    llm: 'off',
    opProfile: true,
    executionProvider: providerName(providers),
  };
  const records: JournalRecord[] = [
    {
      type: 'header',
      schemaVersion: SCHEMA_VERSION,
      sessionId,
      startedAt: new Date().toISOString(),
      hostPid: process.pid,
      modelPath: profilePath,
      settings,
    },
    { type: 'machine', machine: unknownMachine('unknown (imported from an ONNX Runtime profile)') },
    { type: 'model', model: modelOf(profilePath, runs) },
    ...phases.map((phase): JournalRecord => ({ type: 'phase', phase })),
  ];
  runs.forEach((run, index) => {
    const durationMs = run.durUs / 1000;
    records.push({
      type: 'run',
      run: { index, warmup: false, startMs: run.tsUs / 1000, durationMs, ortMs: durationMs },
    });
  });
  runs.forEach((run, index) => {
    for (const node of run.nodes) {
      const { tsUs, durUs, ...rest } = node;
      records.push({ type: 'op', op: { run: index, ...rest, startMs: tsUs / 1000, durationMs: durUs / 1000 } });
    }
  });
  records.push({ type: 'ort-runs', ortRunMs: runs.map((r) => r.durUs / 1000) });
  records.push({ type: 'end', status: 'complete' });
  return records;
}

/** Model loading is the read phase, session initialisation the create phase, the runs span the rest. */
function phasesOf(sessionEvents: Event[], runs: OrtRun[]): Phase[] {
  const phases: Phase[] = [];
  const load = sessionEvents.find((e) => LOAD_EVENTS.has(e.name));
  if (load) phases.push({ name: 'read', startMs: load.ts / 1000, durationMs: load.dur / 1000 });
  const init = sessionEvents.find((e) => e.name === 'session_initialization');
  if (init) phases.push({ name: 'create', startMs: init.ts / 1000, durationMs: init.dur / 1000 });
  const first = runs[0]!;
  const endUs = runs.reduce((end, r) => Math.max(end, r.tsUs + r.durUs), first.tsUs);
  phases.push({ name: 'runs', startMs: first.tsUs / 1000, durationMs: (endUs - first.tsUs) / 1000 });
  return phases;
}

/** `CPUExecutionProvider` → `cpu`, as the settings name providers; several are joined. */
function providerName(providers: Set<string>): string {
  const names = [...providers].map((p) => p.replace(/ExecutionProvider$/, '').toLowerCase()).sort();
  return (names.join('+') || 'unknown').slice(0, 64);
}

/** What the profile tells of the model: its node names and op types (post-optimisation). */
function modelOf(profilePath: string, runs: OrtRun[]): ModelInfo {
  const opTypeByNode = new Map<string, string>();
  for (const run of runs) for (const node of run.nodes) opTypeByNode.set(node.name, node.opType);
  const opCounts: Record<string, number> = {};
  for (const opType of opTypeByNode.values()) opCounts[opType] = (opCounts[opType] ?? 0) + 1;
  return {
    path: profilePath,
    sizeBytes: 0,
    sha256: '',
    irVersion: 0,
    producer: '',
    opsets: [],
    inputs: [],
    outputs: [],
    opCounts,
    nodeCount: opTypeByNode.size,
    parameterCount: 0,
    parameterBytes: 0,
    externalData: false,
  };
}

function invalid(message: string): DynoError {
  return new DynoError('session-invalid', message);
}
