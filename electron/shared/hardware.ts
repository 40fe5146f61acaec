/**
 * The hardware catalogue of what-if projections (DESIGN.md, "What-if model"): machines a
 * session can be projected onto, each figure a vendor's published number or derived from
 * published inputs, with the page that backs it.
 *
 * Units: FLOP/s and bytes/s are decimal (1 GB/s = 1e9 B/s), as vendors rate bandwidth;
 * `memoryBytes` is binary (a vendor's "80 GB" of DRAM or HBM is 80 × 2^30 bytes);
 * `seqReadMBps` is the vendor's MB/s (1e6 B/s); `pcieGBps` is one direction of the host
 * link after encoding overhead, in 1e9 B/s.
 */
import { z } from 'zod';

export const HardwareKind = z.enum(['cpu', 'apple-silicon', 'gpu', 'disk', 'memory']);
export type HardwareKind = z.infer<typeof HardwareKind>;

export const DiskInterface = z.enum(['sata', 'nvme-gen3', 'nvme-gen4', 'nvme-gen5']);
export type DiskInterface = z.infer<typeof DiskInterface>;

/** The numeric figures an entry can carry; a source's `figure` names one or more of them. */
export const NUMERIC_FIGURES = [
  'year',
  'cores',
  'threads',
  'peakFp32FlopsPerSec',
  'peakFp16FlopsPerSec',
  'memoryBandwidthBytesPerSec',
  'memoryBytes',
  'pcieGBps',
  'seqReadMBps',
] as const;
export type NumericFigure = (typeof NUMERIC_FIGURES)[number];

type KindField = Exclude<NumericFigure, 'year'> | 'interface' | 'description';

/**
 * What each kind must and may carry. `needs` is what a projection reads, so custom
 * targets need it too; `catalogueNeeds` is what a shipped entry must also state.
 */
const KIND_FIELDS: Record<HardwareKind, { needs: KindField[]; catalogueNeeds: KindField[]; may: KindField[] }> = {
  cpu: {
    needs: ['cores', 'threads', 'peakFp32FlopsPerSec', 'memoryBandwidthBytesPerSec'],
    catalogueNeeds: [],
    may: ['memoryBytes'],
  },
  // Apple publishes GPU FP32 throughput for some chips only, and no CPU figure at all,
  // so peak FLOP/s is optional here and, where present, is the GPU's.
  'apple-silicon': {
    needs: ['cores', 'threads', 'memoryBandwidthBytesPerSec'],
    catalogueNeeds: ['memoryBytes'],
    may: ['peakFp32FlopsPerSec', 'peakFp16FlopsPerSec'],
  },
  gpu: {
    needs: ['peakFp32FlopsPerSec', 'memoryBandwidthBytesPerSec', 'memoryBytes', 'pcieGBps'],
    catalogueNeeds: [],
    may: ['peakFp16FlopsPerSec', 'cores'],
  },
  disk: { needs: ['seqReadMBps'], catalogueNeeds: ['interface'], may: [] },
  memory: { needs: ['memoryBandwidthBytesPerSec', 'memoryBytes'], catalogueNeeds: ['description'], may: [] },
};

const KIND_FIELD_NAMES: KindField[] = [
  ...NUMERIC_FIGURES.filter((f): f is Exclude<NumericFigure, 'year'> => f !== 'year'),
  'interface',
  'description',
];

/** The page behind one or more figures of an entry. */
export const FigureSource = z.strictObject({
  /** The figure(s) backed, by field name; several are separated by commas ("cores, threads"). */
  figure: z.string().min(1),
  url: z.url(),
  /** How a derived figure was computed from published inputs, or a caveat on the figure. */
  note: z.string().optional(),
});
export type FigureSource = z.infer<typeof FigureSource>;

const positive = z.number().positive();
const count = z.number().int().positive();

const HardwareTargetObject = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)'),
  name: z.string().min(1),
  kind: HardwareKind,
  vendor: z.string().min(1),
  /** Launch year; optional for custom targets only. */
  year: z.number().int().min(1990).max(2100).optional(),
  /** Physical cores (for GPUs, if given: streaming multiprocessors / compute units). */
  cores: count.optional(),
  /** Hardware threads the OS schedules on. */
  threads: count.optional(),
  peakFp32FlopsPerSec: positive.optional(),
  /** Dense FP16 (tensor/matrix units where the device has them), without sparsity. */
  peakFp16FlopsPerSec: positive.optional(),
  memoryBandwidthBytesPerSec: positive.optional(),
  /** Typical or maximum configuration; for GPUs the VRAM. */
  memoryBytes: positive.optional(),
  pcieGBps: positive.optional(),
  seqReadMBps: positive.optional(),
  interface: DiskInterface.optional(),
  /** For memory configurations: type, speed, channels and size in words. */
  description: z.string().min(1).optional(),
  /** True for targets a user described; they need no sources. */
  custom: z.boolean().optional(),
  sources: z.array(FigureSource).default([]),
});

/** Field names a source's `figure` string names. */
export function namedFigures(source: FigureSource): string[] {
  return source.figure
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

type TargetShape = z.infer<typeof HardwareTargetObject>;

function checkKindFields(target: TargetShape, ctx: z.RefinementCtx): void {
  const rules = KIND_FIELDS[target.kind];
  const required = target.custom === true ? rules.needs : [...rules.needs, ...rules.catalogueNeeds];
  const allowed = new Set<KindField>([...rules.needs, ...rules.catalogueNeeds, ...rules.may]);
  for (const field of required) {
    if (target[field] === undefined)
      ctx.addIssue({ code: 'custom', path: [field], message: `a ${target.kind} needs ${field}` });
  }
  for (const field of KIND_FIELD_NAMES) {
    if (target[field] !== undefined && !allowed.has(field)) {
      ctx.addIssue({ code: 'custom', path: [field], message: `${field} does not apply to a ${target.kind}` });
    }
  }
  if (target.cores !== undefined && target.threads !== undefined && target.threads < target.cores) {
    ctx.addIssue({ code: 'custom', path: ['threads'], message: 'threads cannot be fewer than cores' });
  }
}

function checkSources(target: TargetShape, ctx: z.RefinementCtx): void {
  const known = new Set<string>(NUMERIC_FIGURES);
  const backed = new Set<string>();
  target.sources.forEach((source, i) => {
    for (const figure of namedFigures(source)) {
      if (!known.has(figure)) {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'figure'], message: `"${figure}" is not a numeric field` });
      } else if (target[figure as NumericFigure] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'figure'],
          message: `"${figure}" is not set on this entry`,
        });
      }
      backed.add(figure);
    }
  });
  if (target.custom === true) return;
  if (target.year === undefined)
    ctx.addIssue({ code: 'custom', path: ['year'], message: 'a catalogue entry needs year' });
  for (const figure of NUMERIC_FIGURES) {
    if (target[figure] !== undefined && !backed.has(figure)) {
      ctx.addIssue({ code: 'custom', path: [figure], message: `${figure} has no source naming it` });
    }
  }
}

/** One machine, device, disk or memory configuration a session can be projected onto. */
export const HardwareTarget = HardwareTargetObject.superRefine((target, ctx) => {
  checkKindFields(target, ctx);
  checkSources(target, ctx);
});
export type HardwareTarget = z.infer<typeof HardwareTarget>;

export const HardwareCatalogue = z.array(HardwareTarget);
export type HardwareCatalogue = z.infer<typeof HardwareCatalogue>;
