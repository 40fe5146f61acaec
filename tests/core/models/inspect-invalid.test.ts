import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectModel } from '../../../electron/core/models/inspect.js';
import { encodeModel } from '../../../electron/core/models/onnx-proto.js';
import { DynoError } from '../../../electron/shared/errors.js';

const bundled = (name: string) => readFileSync(new URL(`../../../models/${name}.onnx`, import.meta.url));

describe('inspectModel on files that are not ONNX models', () => {
  const mlp = bundled('mlp');
  let state = 12345;
  const randomBytes = Uint8Array.from({ length: 4096 }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 24;
  });
  it.each([
    ['random bytes', randomBytes],
    ['a text file', new TextEncoder().encode('batch,latency_ms\n1,12.5\n8,40.1\n'.repeat(20))],
    ['a JSON file', new TextEncoder().encode('{"model": "mlp", "graph": {"nodes": []}}')],
    ['a truncated model', mlp.subarray(0, Math.floor(mlp.length / 2))],
    ['an empty file', new Uint8Array(0)],
    ['a protobuf message without a graph', encodeModel({ irVersion: 8, producerName: 'x' })],
    ['a graph without an IR version', encodeModel({ graph: { name: 'g' } })],
  ])('rejects %s as model-invalid', (_, bytes) => {
    let thrown: unknown;
    try {
      inspectModel(bytes);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DynoError);
    expect(thrown).toMatchObject({
      kind: 'model-invalid',
      message: expect.stringMatching(/^file is not an ONNX model: .+\. .+/),
    });
  });
});
