/**
 * Host↔device copy bandwidth, measured through ONNX Runtime where a GPU execution
 * provider loads (CUDA). Where none does, both figures stay null: "not measured" is a
 * fact a projection can state, a made-up PCIe figure is not.
 *
 * Host→device: a model whose large input lives on the host and whose only op
 * (ReduceMax to a scalar) runs on the device, so the run is the input copy plus a
 * negligible kernel. Device→host: Expand of a scalar to a large output, copied back.
 * Both include ORT's per-run overhead, so they are lower bounds of the link.
 */
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { int } from '../../../models/builder/attributes.js';
import { encodeModel } from '../models/onnx-proto.js';
import { firstLine } from '../inference/load.js';
import type { DeviceMeasurement } from './calibration-protocol.js';

const COPY_BYTES = 64 * 2 ** 20;
const REPS = { warmup: 2, measured: 5 };

function hostToDeviceModel(elements: number): Uint8Array {
  const g = new GraphBuilder('calibration-h2d', 1);
  const x = g.input('x', 'float32', [elements]);
  g.output(g.op('ReduceMax', [x], { keepdims: int(0) }), 'y', 'float32', []);
  return encodeModel(g.toModel());
}

function deviceToHostModel(elements: number): Uint8Array {
  const g = new GraphBuilder('calibration-d2h', 1);
  const x = g.input('x', 'float32', [1]);
  g.output(g.op('Expand', [x, g.int64s([elements])]), 'y', 'float32', [elements]);
  return encodeModel(g.toModel());
}

async function medianMs(session: ort.InferenceSession, feeds: ort.InferenceSession.FeedsType): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPS.warmup + REPS.measured; i++) {
    const start = process.hrtime.bigint();
    await session.run(feeds);
    if (i >= REPS.warmup) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

const notMeasured = (note: string): DeviceMeasurement => ({
  provider: null,
  hostToDeviceGBps: null,
  deviceToHostGBps: null,
  note,
});

export async function measureHostDevice(): Promise<DeviceMeasurement> {
  if (!ort.listSupportedBackends().some((backend) => backend.name === 'cuda')) {
    return notMeasured('this ONNX Runtime build has no GPU execution provider');
  }
  const elements = COPY_BYTES / 4;
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['cuda'], logSeverityLevel: 3 };
  let upload: ort.InferenceSession;
  try {
    upload = await ort.InferenceSession.create(hostToDeviceModel(elements), options);
  } catch (err) {
    // The CUDA provider ships separately (ONNXRUNTIME_NODE_INSTALL=cuda12) and needs a GPU.
    return notMeasured(`the CUDA execution provider did not load: ${firstLine(String(err))}`);
  }
  const toGBps = (ms: number) => COPY_BYTES / 1e9 / (ms / 1000);
  try {
    const hostToDeviceGBps = toGBps(
      await medianMs(upload, { x: new ort.Tensor('float32', new Float32Array(elements).fill(1), [elements]) }),
    );
    const download = await ort.InferenceSession.create(deviceToHostModel(elements), options);
    try {
      const deviceToHostGBps = toGBps(
        await medianMs(download, { x: new ort.Tensor('float32', Float32Array.of(1), [1]) }),
      );
      return { provider: 'cuda', hostToDeviceGBps, deviceToHostGBps, note: 'lower bounds: include ORT run overhead' };
    } finally {
      await download.release();
    }
  } finally {
    await upload.release();
  }
}
