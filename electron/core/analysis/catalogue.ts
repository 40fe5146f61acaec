/**
 * The hardware catalogue of what-if projections: the shipped entries of catalogue.json,
 * targets a user describes on the command line, and targets read from a JSON file. All
 * three pass the one `HardwareTarget` schema; only custom targets may omit sources.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { DynoError } from '../../shared/errors.js';
import { HardwareKind, HardwareTarget } from '../../shared/hardware.js';
import catalogueJson from './catalogue.json' with { type: 'json' };

const GIB = 2 ** 30;

let cached: HardwareTarget[] | null = null;

/** Formats the first issues of a failed parse as `field: message`. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(entry)'}: ${issue.message}`)
    .join('; ');
}

function entryLabel(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
  return typeof id === 'string' ? `entry ${index} (${id})` : `entry ${index}`;
}

/** Parses a list of targets; `fail` turns a message into the error the caller throws. */
function parseTargets(raw: unknown, origin: string, fail: (message: string) => Error): HardwareTarget[] {
  if (!Array.isArray(raw)) throw fail(`${origin}: expected an array of hardware targets`);
  const seen = new Set<string>();
  return raw.map((item: unknown, index) => {
    const parsed = HardwareTarget.safeParse(item);
    if (!parsed.success) throw fail(`${origin} ${entryLabel(item, index)}: ${describeIssues(parsed.error)}`);
    if (seen.has(parsed.data.id)) throw fail(`${origin} ${entryLabel(item, index)}: id: duplicate id`);
    seen.add(parsed.data.id);
    return parsed.data;
  });
}

/**
 * Validates catalogue data: a broken entry is a bug in the shipped data, so it throws an
 * Error naming the entry and the field.
 */
export function parseCatalogue(raw: unknown, origin = 'catalogue.json'): HardwareTarget[] {
  const targets = parseTargets(raw, origin, (message) => new Error(message));
  const custom = targets.find((t) => t.custom === true);
  if (custom) throw new Error(`${origin} entry (${custom.id}): custom: shipped entries cannot be custom`);
  return targets;
}

/** The shipped catalogue, validated on first use. */
export function loadCatalogue(): HardwareTarget[] {
  cached ??= parseCatalogue(catalogueJson as unknown);
  return [...cached];
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Distance from a query to an id or to any run of its hyphen-separated words ("h100" ~ "nvidia-h100-sxm"). */
function closeness(query: string, id: string): number {
  const words = id.split('-');
  let best = levenshtein(query, id);
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 1; end <= words.length; end++) {
      best = Math.min(best, levenshtein(query, words.slice(start, end).join('-')));
    }
  }
  return best;
}

/** The ids nearest to `query`, nearest first. */
export function closeIds(query: string, targets: readonly HardwareTarget[], limit = 5): string[] {
  const normalised = query.trim().toLowerCase();
  return targets
    .map((t) => ({ id: t.id, score: closeness(normalised, t.id), whole: levenshtein(normalised, t.id) }))
    .sort((a, b) => a.score - b.score || a.whole - b.whole || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((c) => c.id);
}

/** The target with this id; an unknown id is a usage error naming the closest ids. */
export function findTarget(id: string, among: readonly HardwareTarget[] = loadCatalogue()): HardwareTarget {
  const found = among.find((t) => t.id === id);
  if (found) return found;
  throw new DynoError('usage', `unknown hardware target "${id}"; close ids: ${closeIds(id, among).join(', ')}`);
}

type SpecKey =
  | 'cores'
  | 'threads'
  | 'ghz'
  | 'flopsPerCycle'
  | 'peakGflops'
  | 'tflops'
  | 'fp16Tflops'
  | 'bandwidthGBps'
  | 'memoryGB'
  | 'pcieGBps'
  | 'readMBps';

/** The keys each kind of spec accepts, besides `id`, `name` and (disks) `interface`. */
const SPEC_KEYS: Record<HardwareKind, SpecKey[]> = {
  cpu: ['cores', 'threads', 'ghz', 'flopsPerCycle', 'peakGflops', 'bandwidthGBps', 'memoryGB'],
  'apple-silicon': ['cores', 'threads', 'tflops', 'bandwidthGBps', 'memoryGB'],
  gpu: ['tflops', 'fp16Tflops', 'bandwidthGBps', 'memoryGB', 'pcieGBps'],
  disk: ['readMBps'],
  memory: ['bandwidthGBps', 'memoryGB'],
};

const INTEGER_KEYS = new Set<SpecKey>(['cores', 'threads', 'flopsPerCycle']);

function usage(spec: string, message: string): DynoError {
  return new DynoError('usage', `hardware spec "${spec}": ${message}`);
}

function splitSpec(spec: string): { kind: HardwareKind; pairs: Map<string, string> } {
  const colon = spec.indexOf(':');
  const kind = HardwareKind.safeParse(colon < 0 ? spec : spec.slice(0, colon));
  if (!kind.success) throw usage(spec, `start with a kind (${HardwareKind.options.join(', ')}) and a colon`);
  const pairs = new Map<string, string>();
  for (const part of colon < 0 ? [] : spec.slice(colon + 1).split(',')) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    if (!key || value === undefined || value === '' || extra !== undefined) {
      throw usage(spec, `"${part}" is not key=value`);
    }
    if (pairs.has(key)) throw usage(spec, `${key} is given twice`);
    pairs.set(key, value);
  }
  return { kind: kind.data, pairs };
}

function readNumbers(spec: string, kind: HardwareKind, pairs: Map<string, string>): Partial<Record<SpecKey, number>> {
  const allowed = SPEC_KEYS[kind];
  const numbers: Partial<Record<SpecKey, number>> = {};
  for (const [key, value] of pairs) {
    if (key === 'id' || key === 'name' || (key === 'interface' && kind === 'disk')) continue;
    if (!(allowed as string[]).includes(key)) {
      throw usage(spec, `unknown key ${key} for ${kind}; expected ${[...allowed, 'id', 'name'].join(', ')}`);
    }
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw usage(spec, `${key} must be a positive number, not "${value}"`);
    if (INTEGER_KEYS.has(key as SpecKey) && !Number.isInteger(n)) throw usage(spec, `${key} must be a whole number`);
    numbers[key as SpecKey] = n;
  }
  return numbers;
}

function cpuPeak(spec: string, n: Partial<Record<SpecKey, number>>): number | undefined {
  if (n.peakGflops !== undefined) return n.peakGflops * 1e9;
  if (n.ghz === undefined && n.flopsPerCycle === undefined) return undefined;
  if (n.ghz === undefined || n.flopsPerCycle === undefined || n.cores === undefined) {
    throw usage(spec, 'peak FP32 needs cores, ghz and flopsPerCycle together (or peakGflops)');
  }
  return n.cores * n.ghz * 1e9 * n.flopsPerCycle;
}

const scaled = (value: number | undefined, factor: number) => (value === undefined ? undefined : value * factor);

/**
 * A target from a command-line spec such as `cpu:cores=16,ghz=4.5,flopsPerCycle=32,
 * bandwidthGBps=80,memoryGB=64` or `disk:readMBps=7000`. Units are in the key names;
 * `memoryGB` is read as GiB like the catalogue's memory sizes.
 */
export function parseCustomTarget(spec: string): HardwareTarget {
  const { kind, pairs } = splitSpec(spec.trim());
  const n = readNumbers(spec, kind, pairs);
  const candidate = {
    id: pairs.get('id') ?? `custom-${kind}`,
    name: pairs.get('name') ?? `Custom ${kind} (${spec.trim()})`,
    kind,
    vendor: 'custom',
    custom: true,
    cores: n.cores,
    threads: n.threads ?? (kind === 'cpu' || kind === 'apple-silicon' ? n.cores : undefined),
    peakFp32FlopsPerSec: kind === 'cpu' ? cpuPeak(spec, n) : scaled(n.tflops, 1e12),
    peakFp16FlopsPerSec: scaled(n.fp16Tflops, 1e12),
    memoryBandwidthBytesPerSec: scaled(n.bandwidthGBps, 1e9),
    memoryBytes: scaled(n.memoryGB, GIB),
    pcieGBps: n.pcieGBps,
    seqReadMBps: n.readMBps,
    interface: pairs.get('interface'),
  };
  // Unset figures are left out rather than kept as `undefined`, so the target serialises as written.
  const parsed = HardwareTarget.safeParse(
    Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) throw usage(spec, describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Targets from a JSON file holding an array of entries in the catalogue's form. Entries
 * marked `custom: true` may leave out sources; an id that names a catalogue entry is
 * refused, so an id always means one machine.
 */
export async function loadTargetsFile(path: string): Promise<HardwareTarget[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new DynoError('usage', `cannot read hardware targets file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DynoError('usage', `${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const targets = parseTargets(raw, path, (message) => new DynoError('usage', message));
  const shipped = new Set(loadCatalogue().map((t) => t.id));
  const clash = targets.find((t) => shipped.has(t.id));
  if (clash) throw new DynoError('usage', `${path}: id ${clash.id} is already a catalogue entry; choose another id`);
  return targets;
}
