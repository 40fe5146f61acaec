/**
 * Places ONNX Runtime's kernel events on the session's monotonic clock. ORT's clock
 * starts at profiling start; each `model_run` is aligned inside the JS-measured span of
 * the same run, centred, because the JS↔native overhead falls on both sides of it.
 */
import type { OpEventRaw } from './protocol.js';
import { parseOrtProfile } from './ort-profile.js';

export interface AlignedOps {
  events: OpEventRaw[];
  /** ORT's own model_run time per run index, null where the run was not profiled. */
  ortRunMs: Array<number | null>;
}

export function alignOpEvents(json: string, spans: Array<{ startNs: bigint; endNs: bigint }>): AlignedOps {
  const ortRuns = parseOrtProfile(json);
  const events: OpEventRaw[] = [];
  const ortRunMs: Array<number | null> = spans.map(() => null);
  ortRuns.forEach((run, index) => {
    const span = spans[index];
    if (!span) return;
    ortRunMs[index] = run.durUs / 1000;
    const jsNs = Number(span.endNs - span.startNs);
    const slackNs = Math.max(0, (jsNs - run.durUs * 1000) / 2);
    const offsetNs = Number(span.startNs) + slackNs - run.tsUs * 1000;
    for (const node of run.nodes) {
      events.push({
        run: index,
        name: node.name,
        opType: node.opType,
        provider: node.provider,
        startNs: String(Math.round(node.tsUs * 1000 + offsetNs)),
        durationMs: node.durUs / 1000,
        inputShapes: node.inputShapes,
        outputShapes: node.outputShapes,
      });
    }
  });
  return { events, ortRunMs };
}
