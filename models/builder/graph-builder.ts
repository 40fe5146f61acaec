/**
 * Builds an ONNX graph node by node. Weights are recorded as specs and only turned
 * into bytes by `toModel`, so presets the size of GPT-2 can be counted and checked
 * without allocating them.
 */
import type { ModelProto, NodeProto, TensorProto, ValueInfoProto } from '../../electron/core/models/onnx-proto.js';
import { DataType } from '../../electron/core/models/onnx-proto.js';
import { dataTypeOf } from '../../electron/core/models/onnx-dtype.js';
import type { Dim, TensorDtype } from '../../electron/shared/model.js';
import type { Attributes } from './attributes.js';
import { tensor, toAttributeProtos } from './attributes.js';
import type { Init, WeightSpec } from './tensors.js';
import { elementCount, floatTensor, int64Tensor, materialise } from './tensors.js';

/** ONNX opset 17 (IR 8): LayerNormalization is a standard op from here on. */
export const DEFAULT_OPSET = 17;
const IR_VERSION = 8;
/** A fixed producer version keeps bytes stable when the app's version changes. */
const PRODUCER = { producerName: 'modeldyno-models', producerVersion: '1' };

export interface ModelOptions {
  opset?: number;
  /**
   * 'shapes-only' writes initializers with dims and type but no data: the graph can
   * be inspected (GPT-2 small in kilobytes) but not run. Default 'materialise'.
   */
  weights?: 'materialise' | 'shapes-only';
  metadata?: Readonly<Record<string, string>>;
  docString?: string;
}

export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly weights: WeightSpec[] = [];
  private readonly weightNames = new Set<string>();
  private readonly opCounter = new Map<string, number>();
  private readonly scopes: string[] = [];

  constructor(
    readonly name: string,
    readonly seed: number,
  ) {}

  input(name: string, dtype: TensorDtype, shape: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, dtype, shape));
    return name;
  }

  /**
   * Declares `value` a graph output called `name`: renames the node output in place
   * when nothing consumes it yet, otherwise adds an Identity.
   */
  output(value: string, name: string, dtype: TensorDtype, shape: readonly Dim[]): string {
    const outputName = value === name ? value : this.rename(value, name);
    this.outputs.push(valueInfo(outputName, dtype, shape));
    return outputName;
  }

  private rename(value: string, name: string): string {
    const producer = this.nodes.find((node) => node.output?.includes(value));
    const consumed = this.nodes.some((node) => node.input?.includes(value));
    if (!producer?.output || consumed) return this.op('Identity', [value], {}, name);
    producer.output = producer.output.map((output) => (output === value ? name : output));
    return name;
  }

  /** A float32 initializer; its name is prefixed with the current scope. */
  weight(name: string, dims: readonly number[], init: Init): string {
    const fullName = this.scoped(name, '.');
    if (this.weightNames.has(fullName)) throw new Error(`duplicate weight ${fullName}`);
    this.weightNames.add(fullName);
    this.weights.push({ name: fullName, dims: [...dims], init });
    return fullName;
  }

  /** A node with one output; returns the output's name (`outputName` or derived). */
  op(opType: string, inputs: readonly string[], attributes: Attributes = {}, outputName?: string): string {
    const [output] = this.opMulti(opType, inputs, 1, attributes, outputName ? [outputName] : undefined);
    return output as string;
  }

  /** A node with `outputCount` outputs. */
  opMulti(
    opType: string,
    inputs: readonly string[],
    outputCount: number,
    attributes: Attributes = {},
    outputNames?: readonly string[],
  ): string[] {
    const count = (this.opCounter.get(opType) ?? 0) + 1;
    this.opCounter.set(opType, count);
    const nodeName = this.scoped(`${opType}_${count}`, '/');
    const output = outputNames?.slice() ?? Array.from({ length: outputCount }, (_, i) => `${nodeName}_output_${i}`);
    this.nodes.push({
      name: nodeName,
      opType,
      input: [...inputs],
      output,
      attribute: toAttributeProtos(attributes),
    });
    return output;
  }

  /** An int64 constant as a Constant node, so it is not counted as a parameter. */
  int64s(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.op('Constant', [], { value: tensor(int64Tensor('', dims, values)) });
  }

  /** A float32 scalar constant (Constant node). */
  scalar(value: number): string {
    return this.op('Constant', [], {
      value: tensor(floatTensor('', [], Float32Array.of(value))),
    });
  }

  /** Runs `build` with names prefixed by `prefix` (weights `prefix.x`, nodes `prefix/X`). */
  scope<T>(prefix: string, build: () => T): T {
    this.scopes.push(prefix);
    try {
      return build();
    } finally {
      this.scopes.pop();
    }
  }

  /** Weight specs in creation order. */
  weightSpecs(): readonly WeightSpec[] {
    return this.weights;
  }

  parameterCount(): number {
    return this.weights.reduce((sum, spec) => sum + elementCount(spec.dims), 0);
  }

  /** The values `toModel` writes for one weight (recomputed from the seed). */
  weightValues(name: string): Float32Array {
    const spec = this.weights.find((candidate) => candidate.name === name);
    if (!spec) throw new Error(`no weight named ${name}`);
    return materialise(spec, this.seed);
  }

  /** The model, every weight materialised unless `options.weights` says otherwise. */
  toModel(options: ModelOptions = {}): ModelProto {
    const shapesOnly = options.weights === 'shapes-only';
    const initializer: TensorProto[] = this.weights.map((spec) =>
      shapesOnly
        ? { name: spec.name, dims: [...spec.dims], dataType: DataType.FLOAT }
        : floatTensor(spec.name, spec.dims, materialise(spec, this.seed)),
    );
    return {
      irVersion: IR_VERSION,
      ...PRODUCER,
      opsetImport: [{ domain: '', version: options.opset ?? DEFAULT_OPSET }],
      docString: options.docString,
      graph: {
        name: this.name,
        node: this.nodes,
        initializer,
        input: this.inputs,
        output: this.outputs,
      },
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    };
  }

  private scoped(name: string, separator: string): string {
    return this.scopes.length ? `${this.scopes.join('.')}${separator}${name}` : name;
  }
}

function valueInfo(name: string, dtype: TensorDtype, shape: readonly Dim[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: dataTypeOf(dtype),
        shape: {
          dim: shape.map((dim) =>
            typeof dim === 'number' ? { dimValue: dim } : dim === null ? {} : { dimParam: dim },
          ),
        },
      },
    },
  };
}
