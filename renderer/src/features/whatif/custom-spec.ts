/**
 * The custom-hardware form's model: the fields each kind of spec takes and the spec
 * string `whatIf` accepts (`cpu:cores=16,ghz=4.5,flopsPerCycle=32,bandwidthGBps=80`).
 * The keys and rules mirror the engine's `parseCustomTarget` (electron/core/analysis/
 * catalogue.ts), which the renderer may not import; checking them here lets the form
 * say what is wrong before a round trip, and the engine still validates what arrives.
 */
import type { DiskInterface, HardwareKind } from '../../../../electron/shared/hardware.js';

export interface SpecField {
  key: string;
  label: string;
  unit: string;
  integer: boolean;
  required: boolean;
  /** A short example or default for the empty input. */
  placeholder: string;
}

const field = (key: string, label: string, unit: string, required: boolean, placeholder: string): SpecField => ({
  key,
  label,
  unit,
  integer: key === 'cores' || key === 'threads' || key === 'flopsPerCycle',
  required,
  placeholder,
});

export const SPEC_FIELDS: Record<HardwareKind, SpecField[]> = {
  cpu: [
    field('cores', 'Cores', '', true, 'e.g. 16'),
    field('threads', 'Threads', '', false, '= cores'),
    field('ghz', 'Clock', 'GHz', false, 'e.g. 4.5'),
    field('flopsPerCycle', 'FLOP/cycle/core', '', false, 'e.g. 32'),
    field('peakGflops', 'or peak FP32', 'GFLOP/s', false, 'e.g. 2300'),
    field('bandwidthGBps', 'Memory BW', 'GB/s', true, 'e.g. 80'),
    field('memoryGB', 'Memory', 'GiB', false, 'e.g. 64'),
  ],
  'apple-silicon': [
    field('cores', 'CPU cores', '', true, 'e.g. 12'),
    field('threads', 'Threads', '', false, '= cores'),
    field('tflops', 'GPU peak FP32', 'TFLOP/s', false, 'e.g. 14'),
    field('bandwidthGBps', 'Memory BW', 'GB/s', true, 'e.g. 400'),
    field('memoryGB', 'Unified memory', 'GiB', false, 'e.g. 64'),
  ],
  gpu: [
    field('tflops', 'Peak FP32', 'TFLOP/s', true, 'e.g. 40'),
    field('fp16Tflops', 'Peak FP16', 'TFLOP/s', false, 'e.g. 160'),
    field('bandwidthGBps', 'Memory BW', 'GB/s', true, 'e.g. 1000'),
    field('memoryGB', 'VRAM', 'GiB', true, 'e.g. 24'),
    field('pcieGBps', 'PCIe, one way', 'GB/s', true, '31.5 = 4.0 ×16'),
  ],
  disk: [field('readMBps', 'Sequential read', 'MB/s', true, 'e.g. 7000')],
  memory: [
    field('bandwidthGBps', 'Bandwidth', 'GB/s', true, 'e.g. 90'),
    field('memoryGB', 'Size', 'GiB', true, 'e.g. 32'),
  ],
};

/** What each kind's figures mean, said once under the form rather than squeezed into placeholders. */
export const KIND_NOTES: Record<HardwareKind, string> = {
  cpu: 'Peak FP32 is cores × clock × FLOP/cycle (32 for two 256-bit FMA units, 64 with AVX-512), or give it directly. Memory size is GiB.',
  'apple-silicon': 'Apple publishes no CPU FLOP/s; the GPU figure is optional. Memory is unified.',
  gpu: 'Dense FP16 without sparsity. PCIe is one direction after encoding: 15.8 GB/s for 3.0 ×16, 31.5 for 4.0 ×16.',
  disk: 'The rated sequential read: a cold model load reads the file at this rate.',
  memory: 'The rated bandwidth of the configuration (channels × transfer rate × 8 bytes) and its size.',
};

export const DISK_INTERFACES: DiskInterface[] = ['sata', 'nvme-gen3', 'nvme-gen4', 'nvme-gen5'];

/** The whatIf contract's limit on one target string. */
const MAX_SPEC_CHARS = 500;

export interface CustomSpecInput {
  kind: HardwareKind;
  /** Field text by key, as typed; blank means not given. */
  values: Record<string, string>;
  /** Becomes `id=` so two custom targets of one kind stay apart in the results. */
  id: string;
  name: string;
  /** Disks only; blank means not given. */
  diskInterface: string;
}

export interface CustomSpecResult {
  /** The spec to send, or null while any error remains. */
  spec: string | null;
  /** Problems by field key; `name`, `id` and `form` for the rest. */
  errors: Record<string, string>;
}

function readNumber(f: SpecField, text: string): { value: number } | { error: string } {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) return { error: `${f.label} must be a positive number` };
  if (f.integer && !Number.isInteger(value)) return { error: `${f.label} must be a whole number` };
  return { value };
}

/** Rules that join fields: a CPU's peak from clock × FLOP/cycle or given, threads ≥ cores. */
function crossFieldErrors(kind: HardwareKind, n: Record<string, number>, errors: Record<string, string>): void {
  if (kind === 'cpu' && errors.peakGflops === undefined) {
    const hasClock = n.ghz !== undefined || n.flopsPerCycle !== undefined;
    if (n.peakGflops === undefined && !hasClock) {
      errors.peakGflops = 'give peak GFLOP/s, or clock and FLOP/cycle';
    } else if (n.peakGflops === undefined && (n.ghz === undefined || n.flopsPerCycle === undefined)) {
      errors[n.ghz === undefined ? 'ghz' : 'flopsPerCycle'] = 'clock and FLOP/cycle go together';
    }
  }
  if (n.cores !== undefined && n.threads !== undefined && n.threads < n.cores) {
    errors.threads = 'threads cannot be fewer than cores';
  }
}

/** The spec string for a filled-in form, or what is wrong with it. */
export function buildCustomSpec(input: CustomSpecInput): CustomSpecResult {
  const errors: Record<string, string> = {};
  const numbers: Record<string, number> = {};
  const parts: string[] = [];
  for (const f of SPEC_FIELDS[input.kind]) {
    const text = (input.values[f.key] ?? '').trim();
    if (text === '') {
      if (f.required) errors[f.key] = `${f.label} is needed`;
      continue;
    }
    const read = readNumber(f, text);
    if ('error' in read) {
      errors[f.key] = read.error;
      continue;
    }
    numbers[f.key] = read.value;
    parts.push(`${f.key}=${read.value}`);
  }
  crossFieldErrors(input.kind, numbers, errors);
  const id = input.id.trim();
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) errors.id = 'id must be kebab-case: a-z, 0-9, single hyphens';
  const name = input.name.trim();
  // The spec is comma-separated key=value pairs: a name holding either would split wrongly.
  if (/[,=]/.test(name)) errors.name = 'a name cannot contain "," or "="';
  const diskInterface = input.kind === 'disk' ? input.diskInterface.trim() : '';
  if (diskInterface !== '' && !(DISK_INTERFACES as string[]).includes(diskInterface)) {
    errors.diskInterface = `interface is one of ${DISK_INTERFACES.join(', ')}`;
  }
  const spec = `${input.kind}:${[
    ...parts,
    ...(diskInterface === '' ? [] : [`interface=${diskInterface}`]),
    `id=${id}`,
    ...(name === '' ? [] : [`name=${name}`]),
  ].join(',')}`;
  if (spec.length > MAX_SPEC_CHARS) errors.form = `the spec is longer than ${MAX_SPEC_CHARS} characters`;
  return { spec: Object.keys(errors).length === 0 ? spec : null, errors };
}

/** `threads:N`: this machine as measured, run at another intra-op thread count. */
export function buildThreadsSpec(text: string): { spec: string | null; error: string | null } {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < 1 || n > 1024) {
    return { spec: null, error: 'a whole number of threads from 1 to 1024' };
  }
  return { spec: `threads:${n}`, error: null };
}

/** The `id=` of a custom spec; null for catalogue ids and `threads:N`. */
export function specId(spec: string): string | null {
  return /(?:^[a-z-]+:|,)id=([^,]+)/.exec(spec)?.[1] ?? null;
}

/** How a selected target reads in the list: a catalogue name, a custom spec's name or its spec, or the thread count. */
export function specLabel(spec: string, catalogueName: (id: string) => string | undefined): string {
  const threads = /^threads:(\d+)$/.exec(spec);
  if (threads) return `This machine, ${threads[1]} threads`;
  if (!spec.includes(':')) return catalogueName(spec) ?? spec;
  return /,name=([^,]+)/.exec(spec)?.[1] ?? spec;
}
