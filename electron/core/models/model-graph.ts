/** What the ONNX graph itself says about a model, before ONNX Runtime loads it. */
import type { OpsetInfo, TensorInfo } from '../../shared/model.js';
import type { ExternalTensorRef } from './external-data.js';

export interface ModelGraph {
  irVersion: number;
  /** `producer_name producer_version`, trimmed; '' when the file names no producer. */
  producer: string;
  opsets: OpsetInfo[];
  /** Graph inputs a caller must feed: inputs that are also initializers are left out. */
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /**
   * Node count per op type, nodes inside If/Loop/Scan bodies included. Ops outside the
   * default domain are prefixed with it: 'com.microsoft.MatMulNBits'.
   */
  opCounts: Record<string, number>;
  /** Sum of `opCounts`. */
  nodeCount: number;
  /** Elements in all initializers (subgraphs and external data included). */
  parameterCount: number;
  /** Bytes those elements occupy, at their stored width. */
  parameterBytes: number;
  /** True when any tensor (initializer or Constant) keeps its bytes in a file beside the model. */
  externalData: boolean;
  /** The distinct `location` values of external initializers, as written (not validated). */
  externalDataFiles: string[];
  /** Every external tensor reference, for `checkExternalData` before ONNX Runtime loads. */
  externalTensors: ExternalTensorRef[];
  /** `metadata_props`, e.g. `modeldyno.dims`. */
  metadata: Record<string, string>;
  /**
   * For each graph input used as Gather indices into an initializer table: the
   * table's size on the gathered axis (the smallest, when it indexes several), so
   * synthesised ids stay in range — `input_ids` → vocabulary size.
   */
  indexBounds: Record<string, number>;
}
