/** ONNX element types as ModelDyno names them, and their storage widths. */
import type { TensorDtype } from '../../shared/model.js';
import { DataType } from './onnx-proto.js';

interface ElementType {
  dtype: TensorDtype;
  /** Bits one element occupies in raw_data; 4-bit types pack two per byte. */
  bits: number;
}

const ELEMENT_TYPES: Readonly<Record<number, ElementType>> = {
  [DataType.FLOAT]: { dtype: 'float32', bits: 32 },
  [DataType.UINT8]: { dtype: 'uint8', bits: 8 },
  [DataType.INT8]: { dtype: 'int8', bits: 8 },
  [DataType.UINT16]: { dtype: 'uint16', bits: 16 },
  [DataType.INT16]: { dtype: 'int16', bits: 16 },
  [DataType.INT32]: { dtype: 'int32', bits: 32 },
  [DataType.INT64]: { dtype: 'int64', bits: 64 },
  [DataType.STRING]: { dtype: 'string', bits: 0 },
  [DataType.BOOL]: { dtype: 'bool', bits: 8 },
  [DataType.FLOAT16]: { dtype: 'float16', bits: 16 },
  [DataType.DOUBLE]: { dtype: 'float64', bits: 64 },
  [DataType.UINT32]: { dtype: 'uint32', bits: 32 },
  [DataType.UINT64]: { dtype: 'uint64', bits: 64 },
  // ONNX Runtime's JS API has no complex or 2-bit tensors: they are 'unknown' to it.
  [DataType.COMPLEX64]: { dtype: 'unknown', bits: 64 },
  [DataType.COMPLEX128]: { dtype: 'unknown', bits: 128 },
  [DataType.BFLOAT16]: { dtype: 'bfloat16', bits: 16 },
  [DataType.FLOAT8E4M3FN]: { dtype: 'float8e4m3fn', bits: 8 },
  [DataType.FLOAT8E4M3FNUZ]: { dtype: 'float8e4m3fnuz', bits: 8 },
  [DataType.FLOAT8E5M2]: { dtype: 'float8e5m2', bits: 8 },
  [DataType.FLOAT8E5M2FNUZ]: { dtype: 'float8e5m2fnuz', bits: 8 },
  [DataType.UINT4]: { dtype: 'uint4', bits: 4 },
  [DataType.INT4]: { dtype: 'int4', bits: 4 },
  [DataType.FLOAT4E2M1]: { dtype: 'unknown', bits: 4 },
  [DataType.FLOAT8E8M0]: { dtype: 'unknown', bits: 8 },
  [DataType.UINT2]: { dtype: 'unknown', bits: 2 },
  [DataType.INT2]: { dtype: 'unknown', bits: 2 },
};

/** The dtype name for an ONNX DataType number; 'unknown' for anything else. */
export function dtypeOf(dataType: number | undefined): TensorDtype {
  return ELEMENT_TYPES[dataType ?? DataType.UNDEFINED]?.dtype ?? 'unknown';
}

/** Bits per element, 0 for strings and unknown types (their size is not fixed). */
export function bitsPerElement(dataType: number | undefined): number {
  return ELEMENT_TYPES[dataType ?? DataType.UNDEFINED]?.bits ?? 0;
}

/** The ONNX DataType number for a dtype name (the inverse of `dtypeOf`). */
export function dataTypeOf(dtype: TensorDtype): number {
  for (const [dataType, element] of Object.entries(ELEMENT_TYPES)) {
    if (element.dtype === dtype) return Number(dataType);
  }
  return DataType.UNDEFINED;
}
