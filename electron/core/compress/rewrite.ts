/**
 * What rewriting one model into a variant produced, and the steps every weight-rewriting
 * variant (int8, int4) ends with: nodes swapped for their replacement chains in place
 * (which keeps the node list topologically sorted), dead Transposes and replaced
 * weights dropped, and a weight that something else still reads reported as kept.
 */
import type { GraphProto, NodeProto } from '../models/onnx-proto.js';
import { dropUnread } from './graph-edit.js';
import type { OtherWeight, QuantizableWeight } from './weights.js';
import { floatBytes } from './weights.js';

export interface Rewrite {
  weightsChanged: number;
  weightBytesBefore: number;
  weightBytesAfter: number;
  /** Float tensors left as they were, one entry per tensor, grouped by reason later. */
  untouched: Array<{ reason: string; bytes: number }>;
  notes: string[];
}

export const emptyRewrite = (): Rewrite => ({
  weightsChanged: 0,
  weightBytesBefore: 0,
  weightBytesAfter: 0,
  untouched: [],
  notes: [],
});

/** `others` as untouched entries (fp32 bytes by dims). */
export function untouchedOf(others: readonly OtherWeight[]): Rewrite['untouched'] {
  return others.map(({ tensor, reason }) => ({ reason, bytes: floatBytes(tensor) }));
}

/** Puts each node's replacement chain where the node was; chains only read what the node read. */
export function replaceNodes(graph: GraphProto, replacements: Map<NodeProto, NodeProto[]>): void {
  graph.node = (graph.node ?? []).flatMap((node) => replacements.get(node) ?? [node]);
}

/** Reason for a source weight that stays in fp32 beside its rewritten copy. */
export const keptReason = (readers: readonly string[]) =>
  `kept in fp32 beside its rewritten copy (also read by ${readers.join(', ')})`;

/**
 * Drops the folded Transposes and source initializers nothing reads any more, then
 * reports each source that is still read (a tied embedding's Gather) as kept.
 */
export function finishRewrite(main: GraphProto, rewritten: readonly QuantizableWeight[], result: Rewrite): void {
  dropUnread(main, {
    nodes: rewritten.flatMap((weight) => weight.folded),
    initializers: rewritten.map((weight) => weight.tensor.name ?? ''),
  });
  const remaining = new Set(main.initializer ?? []);
  const reported = new Set<unknown>();
  for (const weight of rewritten) {
    if (!remaining.has(weight.tensor) || reported.has(weight.tensor)) continue;
    reported.add(weight.tensor);
    const readers = weight.otherReaders.length ? weight.otherReaders : ['a node that was not rewritten'];
    result.untouched.push({ reason: keptReason(readers), bytes: floatBytes(weight.tensor) });
    result.notes.push(
      `${weight.tensor.name ?? ''} stays in fp32 (${mb(floatBytes(weight.tensor))}) because ${readers.join(', ')} also reads it; its MatMul use reads a rewritten copy, so the file carries both.`,
    );
  }
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e5 ? 3 : 2)} MB`;
