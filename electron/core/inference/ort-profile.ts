/**
 * Reads ONNX Runtime's profiler output (Chrome trace JSON written by endProfiling()).
 * Events: `Session` (`model_run` per run) and `Node` (`<node>_kernel_time` with args
 * `op_name`, `provider`, `input_type_shape`, `output_type_shape`). Times are µs from the
 * start of profiling; node names are the post-optimisation (fused) ones.
 */

export interface OrtNodeEvent {
  name: string;
  opType: string;
  provider: string;
  tsUs: number;
  durUs: number;
  inputShapes: number[][];
  outputShapes: number[][];
}

export interface OrtRun {
  tsUs: number;
  durUs: number;
  nodes: OrtNodeEvent[];
}

interface TraceEvent {
  cat?: unknown;
  name?: unknown;
  ts?: unknown;
  dur?: unknown;
  args?: Record<string, unknown>;
}

const KERNEL_SUFFIX = '_kernel_time';

/** Groups kernel events under the `model_run` that contains them, in run order. */
export function parseOrtProfile(json: string): OrtRun[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('ONNX Runtime profile is not a JSON array of events');
  const events = parsed as TraceEvent[];
  const runs: OrtRun[] = [];
  const nodes: OrtNodeEvent[] = [];
  for (const event of events) {
    if (typeof event.ts !== 'number' || typeof event.dur !== 'number') continue;
    if (event.cat === 'Session' && event.name === 'model_run') {
      runs.push({ tsUs: event.ts, durUs: event.dur, nodes: [] });
    } else if (event.cat === 'Node' && typeof event.name === 'string' && event.name.endsWith(KERNEL_SUFFIX)) {
      const args = event.args ?? {};
      nodes.push({
        name: event.name.slice(0, -KERNEL_SUFFIX.length),
        opType: typeof args.op_name === 'string' ? args.op_name : 'unknown',
        provider: typeof args.provider === 'string' ? args.provider : 'unknown',
        tsUs: event.ts,
        durUs: event.dur,
        inputShapes: shapesOf(args.input_type_shape),
        outputShapes: shapesOf(args.output_type_shape),
      });
    }
  }
  runs.sort((a, b) => a.tsUs - b.tsUs);
  nodes.sort((a, b) => a.tsUs - b.tsUs);
  let r = 0;
  for (const node of nodes) {
    while (r < runs.length && node.tsUs > runs[r]!.tsUs + runs[r]!.durUs) r++;
    const run = runs[r];
    if (run && node.tsUs >= run.tsUs) run.nodes.push(node);
  }
  return runs;
}

/** `[{"float":[1,3,224,224]}, …]` → `[[1,3,224,224], …]`. */
function shapesOf(value: unknown): number[][] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: unknown) => {
    if (entry === null || typeof entry !== 'object') return [];
    const dims = Object.values(entry as Record<string, unknown>)[0];
    return Array.isArray(dims) ? dims.filter((d): d is number => typeof d === 'number') : [];
  });
}
