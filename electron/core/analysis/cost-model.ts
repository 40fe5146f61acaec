/**
 * The graph cost model: FLOPs and bytes of each op execution from its type and the
 * shapes ONNX Runtime's profile recorded for it (what actually ran, after fusion), and
 * their per-run totals by op type. A multiply-add is 2 FLOPs; each input is read once
 * and each output written once. Op types without a formula are reported as unknown
 * with bytes from their shapes and 0 FLOPs: listed, never guessed.
 */
import type { CostSummary, OpCost, OpTypeCost } from '../../shared/analysis.js';
import type { OpEvent } from '../../shared/session.js';
import { attention, groupQueryAttention, multiHeadAttention } from './op-costs/attention.js';
import { conv, convTranspose, globalPool, pool } from './op-costs/conv.js';
import {
  COMPARISON_OPS,
  ELEMENTWISE_FLOPS,
  LOGIC_OPS,
  VARIADIC_OPS,
  comparison,
  elementwise,
  logic,
  variadic,
  where,
} from './op-costs/elementwise.js';
import {
  dynamicQuantizeMatMul,
  fusedMatMul,
  gemm,
  matMul,
  matMulInteger,
  matMulNBits,
  qLinearMatMul,
} from './op-costs/matmul.js';
import {
  constantOfShape,
  copy,
  copyWithInt64Args,
  gather,
  gatherBlockQuantized,
  memcpy,
  shapeOf,
  slice,
  view,
} from './op-costs/movement.js';
import { NORMALIZATION_FLOPS, REDUCTION_FLOPS, normalization, reduction } from './op-costs/normalization.js';
import type { CostFormula, Traffic } from './op-costs/traffic.js';
import { INT64_BYTES, bytesOf } from './op-costs/traffic.js';

const DEFAULT_DTYPE_BYTES = 4;

const each = (opTypes: readonly string[], formula: CostFormula) => opTypes.map((op) => [op, formula] as const);
const table = (flops: Readonly<Record<string, number>>, make: (perElement: number) => CostFormula) =>
  Object.entries(flops).map(([op, perElement]) => [op, make(perElement)] as const);

/** Every op type with a cost formula, by the name ORT's profile gives it (`op_name`, no domain). */
const FORMULAS: ReadonlyMap<string, CostFormula> = new Map<string, CostFormula>([
  ['MatMul', matMul],
  ['Gemm', gemm],
  ['FusedGemm', gemm],
  ['FusedMatMul', fusedMatMul],
  ['MatMulInteger', matMulInteger],
  ['QLinearMatMul', qLinearMatMul],
  ['MatMulNBits', matMulNBits],
  ...each(['DynamicQuantizeMatMul', 'MatMulIntegerToFloat'], dynamicQuantizeMatMul),
  ...each(['Conv', 'FusedConv', 'NhwcFusedConv'], conv),
  ['ConvTranspose', convTranspose],
  ...each(['MaxPool', 'AveragePool', 'LpPool'], pool),
  ...each(['GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool'], globalPool),
  ...table(ELEMENTWISE_FLOPS, elementwise),
  ...each(COMPARISON_OPS, comparison),
  ...each(LOGIC_OPS, logic),
  ...each(VARIADIC_OPS, variadic),
  ['Where', where],
  ...table(NORMALIZATION_FLOPS, normalization),
  ...table(REDUCTION_FLOPS, (perElement) => reduction(perElement)),
  ['ArgMax', reduction(1, INT64_BYTES)],
  ['ArgMin', reduction(1, INT64_BYTES)],
  ...each(['Reshape', 'Squeeze', 'Unsqueeze', 'Identity', 'Flatten'], view),
  ...each(['Concat', 'Transpose', 'ReorderInput', 'ReorderOutput', 'DepthToSpace', 'SpaceToDepth'], copy),
  ...each(['Split', 'Expand', 'Tile', 'Pad'], copyWithInt64Args),
  ['Slice', slice],
  ...each(['Shape', 'Size'], shapeOf),
  ['ConstantOfShape', constantOfShape],
  ...each(['Gather', 'GatherElements', 'GatherND'], gather),
  ['GatherBlockQuantized', gatherBlockQuantized],
  ...each(['MemcpyToHost', 'MemcpyFromHost'], memcpy),
  ['Attention', attention],
  ['MultiHeadAttention', multiHeadAttention],
  ['GroupQueryAttention', groupQueryAttention],
]);

/** True when `opType` has a cost formula. */
export function hasCostFormula(opType: string): boolean {
  return FORMULAS.has(opType);
}

/**
 * FLOPs and bytes of one op execution. `dtypeBytes` is the element size of the op's
 * floating-point tensors (4 for float32); quantised and index tensors are counted at
 * their own widths. Unknown op types, and known ones whose shapes cannot be costed
 * (a Conv without its weight shape), come back `known: false` with 0 FLOPs.
 */
export function opCost(
  event: Pick<OpEvent, 'name' | 'opType' | 'inputShapes' | 'outputShapes'>,
  dtypeBytes: number = DEFAULT_DTYPE_BYTES,
): OpCost {
  const shapes = { inputs: event.inputShapes, outputs: event.outputShapes };
  const traffic = FORMULAS.get(event.opType)?.(shapes, dtypeBytes) ?? null;
  const known = traffic !== null;
  const { flops, bytesRead, bytesWritten }: Traffic = traffic ?? {
    flops: 0,
    bytesRead: bytesOf(shapes.inputs, dtypeBytes),
    bytesWritten: bytesOf(shapes.outputs, dtypeBytes),
  };
  const bytes = bytesRead + bytesWritten;
  return {
    name: event.name,
    opType: event.opType,
    flops,
    bytesRead,
    bytesWritten,
    intensity: bytes === 0 ? 0 : flops / bytes,
    known,
  };
}

/**
 * Totals of one run's op events, grouped by op type and sorted by FLOPs (then bytes)
 * descending. `timeMsByOpType` gives each group's measured kernel time per run; groups
 * it does not cover get `timeMs: null`.
 */
export function costSummary(events: OpEvent[], timeMsByOpType?: Map<string, number>): CostSummary {
  const groups = new Map<string, OpTypeCost>();
  let totalFlops = 0;
  let totalBytes = 0;
  for (const event of events) {
    const cost = opCost(event);
    const bytes = cost.bytesRead + cost.bytesWritten;
    totalFlops += cost.flops;
    totalBytes += bytes;
    const group = groups.get(cost.opType) ?? {
      opType: cost.opType,
      count: 0,
      flops: 0,
      bytes: 0,
      timeMs: timeMsByOpType?.get(cost.opType) ?? null,
      known: true,
    };
    group.count += 1;
    group.flops += cost.flops;
    group.bytes += bytes;
    group.known &&= cost.known;
    groups.set(cost.opType, group);
  }
  const byOpType = [...groups.values()].sort(
    (a, b) => b.flops - a.flops || b.bytes - a.bytes || a.opType.localeCompare(b.opType),
  );
  return {
    totalFlops,
    totalBytes,
    byOpType,
    unknownOpTypes: byOpType.filter((group) => !group.known).map((group) => group.opType),
  };
}
