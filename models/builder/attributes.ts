/** Typed node attributes: ONNX tells INT from FLOAT, so a bare JS number cannot. */
import type { AttributeProto, TensorProto } from '../../electron/core/models/onnx-proto.js';
import { AttributeType } from '../../electron/core/models/onnx-proto.js';

export type Attribute = Omit<AttributeProto, 'name'>;
export type Attributes = Readonly<Record<string, Attribute>>;

export const int = (i: number): Attribute => ({ type: AttributeType.INT, i });
export const ints = (values: readonly number[]): Attribute => ({
  type: AttributeType.INTS,
  ints: [...values],
});
export const float = (f: number): Attribute => ({ type: AttributeType.FLOAT, f });
export const floats = (values: readonly number[]): Attribute => ({
  type: AttributeType.FLOATS,
  floats: [...values],
});
export const string = (s: string): Attribute => ({
  type: AttributeType.STRING,
  s: new TextEncoder().encode(s),
});
export const tensor = (t: TensorProto): Attribute => ({ type: AttributeType.TENSOR, t });

/** Attributes in name order, so the encoded bytes do not depend on object key order. */
export function toAttributeProtos(attributes: Attributes): AttributeProto[] {
  return Object.keys(attributes)
    .sort()
    .map((name) => ({ name, ...attributes[name] }));
}
