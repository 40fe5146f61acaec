/**
 * Plain-TypeScript tensor math for checking generated models against ONNX Runtime.
 * Row-major Float64Array tensors; deliberately naive so it is easy to trust.
 */

/** [m, k] · [k, n] → [m, n]. */
export function matmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p] as number;
      for (let j = 0; j < n; j++) out[i * n + j] = (out[i * n + j] as number) + aip * (b[p * n + j] as number);
    }
  }
  return out;
}

/** Adds a [n] bias to every row of [m, n] in place. */
export function addBias(x: Float64Array, bias: ArrayLike<number>): Float64Array {
  const n = bias.length;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (bias[i % n] as number);
  return x;
}

/** [rows, cols] → [cols, rows]. */
export function transpose(x: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j] as number;
  return out;
}

export function relu(x: Float64Array): Float64Array {
  return x.map((v) => Math.max(v, 0));
}

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7, far inside the 1e-4 tolerance). */
export function erf(x: number): number {
  const sign = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-x * x));
}

export function gelu(x: Float64Array): Float64Array {
  return x.map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2)));
}

/** LayerNormalization over rows of length n. */
export function layerNorm(
  x: Float64Array,
  scale: ArrayLike<number>,
  bias: ArrayLike<number>,
  epsilon = 1e-5,
): Float64Array {
  const n = scale.length;
  const out = new Float64Array(x.length);
  for (let row = 0; row < x.length; row += n) {
    let mean = 0;
    for (let j = 0; j < n; j++) mean += x[row + j] as number;
    mean /= n;
    let variance = 0;
    for (let j = 0; j < n; j++) variance += ((x[row + j] as number) - mean) ** 2;
    variance /= n;
    const inv = 1 / Math.sqrt(variance + epsilon);
    for (let j = 0; j < n; j++) {
      out[row + j] = ((x[row + j] as number) - mean) * inv * (scale[j] as number) + (bias[j] as number);
    }
  }
  return out;
}

/** RMSNorm over rows of length n: x / √(mean(x²) + ε) · γ. */
export function rmsNorm(x: Float64Array, scale: ArrayLike<number>, epsilon = 1e-6): Float64Array {
  const n = scale.length;
  const out = new Float64Array(x.length);
  for (let row = 0; row < x.length; row += n) {
    let meanSquare = 0;
    for (let j = 0; j < n; j++) meanSquare += (x[row + j] as number) ** 2;
    const inv = 1 / Math.sqrt(meanSquare / n + epsilon);
    for (let j = 0; j < n; j++) out[row + j] = (x[row + j] as number) * inv * (scale[j] as number);
  }
  return out;
}

export function silu(x: Float64Array): Float64Array {
  return x.map((v) => v / (1 + Math.exp(-v)));
}

/** Softmax of one row in place. */
export function softmaxInPlace(row: Float64Array): Float64Array {
  const max = Math.max(...row);
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    row[i] = Math.exp((row[i] as number) - max);
    sum += row[i] as number;
  }
  for (let i = 0; i < row.length; i++) row[i] = (row[i] as number) / sum;
  return row;
}

/** Largest |actual − expected| / (1 + |expected|): a mixed absolute/relative error. */
export function maxError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i] as number;
    worst = Math.max(worst, Math.abs((actual[i] as number) - e) / (1 + Math.abs(e)));
  }
  return Number.isNaN(worst) ? Infinity : worst;
}

/** Seeded inputs for tests (mulberry32). */
export function seededValues(length: number, seed: number, scale = 1): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length }, () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale;
  });
}
