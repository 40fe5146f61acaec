/** `modeldyno compress`, run as a user runs it: real writers, real fidelity worker, real profiles. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompressionView } from '../../../electron/shared/compress.js';
import { runCli } from '../../helpers/cli.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

describe('modeldyno compress', () => {
  it('makes the decoder variants and checks them against fp32 without profiling (--json)', async () => {
    const sessions = tempDir('cli-compress-json');
    const { code, stdout, stderr } = await runCli([
      'compress',
      modelPath('decoder.onnx'),
      '--to',
      'int8,int4,int4:128,fp16',
      '--output-tokens',
      '16',
      '--json',
      '--sessions',
      sessions,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const view = JSON.parse(stdout) as CompressionView;
    expect(view.rows.map((r) => r.text)).toEqual(['fp32', 'int8', 'int4:32', 'int4:128', 'fp16']);
    const [, int8, int4, int4b128, fp16] = view.rows;
    // The bar: int8 of the bundled decoder keeps cosine ≥ 0.99 on logits.
    expect(int8!.cosine).toBeGreaterThanOrEqual(0.99);
    for (const row of view.rows.slice(1)) {
      expect(row.top1Agreement, row.text).not.toBeNull();
      expect(row.sessionId, row.text).toBeNull();
      expect(row.fileBytes!, row.text).toBeLessThan(view.experiment.fileBytes);
    }
    expect(view.experiment.variants[0]!.fidelity!.llm!.steps).toBe(16);
    expect(int4!.fileBytes!).toBeLessThan(int8!.fileBytes!);
    // Block 128 stores a quarter of block 32's scales and zero points.
    expect(int4b128!.fileBytes!).toBeLessThan(int4!.fileBytes!);
    expect(fp16!.cosine).toBeGreaterThan(0.999);
    expect(view.experiment.baselineSessionId).toBeNull();

    // The stored experiment: listed, shown again as compress printed it, deleted with its files.
    const id = view.experiment.id;
    const listed = await runCli(['compressions', '--json', '--sessions', sessions]);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((e) => e.id)).toEqual([id]);
    const shown = await runCli(['compressions', 'show', id, '--json', '--sessions', sessions]);
    expect((JSON.parse(shown.stdout) as CompressionView).rows).toEqual(view.rows);
    const deleted = await runCli(['compressions', 'delete', id, '--sessions', sessions]);
    expect(deleted.code).toBe(0);
    expect(existsSync(view.experiment.variants[0]!.build!.path)).toBe(false);
    const again = await runCli(['compressions', 'delete', id, '--sessions', sessions]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No compression experiment "${id}"`);
  }, 90_000);

  it('profiles the original and each variant side by side with --compare, and writes the report', async () => {
    const sessions = tempDir('cli-compress-compare');
    const out = tempDir('cli-compress-out');
    const { code, stdout } = await runCli([
      'compress',
      modelPath('mlp.onnx'),
      '--to',
      'int8,prune:0.5',
      '--compare',
      '--runs',
      '3',
      '--warmup',
      '1',
      '--no-op-profile',
      '--out',
      out,
      '--report',
      '--sessions',
      sessions,
    ]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const header = lines.find((l) => l.startsWith('variant'))!;
    for (const column of ['file', 'gzip', 'load', 'create', 'p50', 'p99', 'peak RSS', 'max |Δ|', 'cosine'])
      expect(header).toContain(column);
    expect(lines.filter((l) => /^(fp32 \(original\)|int8|pruned 50 %) /.test(l))).toHaveLength(3);
    expect(stdout).toMatch(/pruned 50 %: .*note: .*dense/s);
    expect(existsSync(join(out, 'mlp.int8.onnx'))).toBe(true);
    expect(existsSync(join(out, 'mlp.prune-50.onnx'))).toBe(true);
    const report = /^Report: (.+)$/.exec(lines.at(-1)!)?.[1];
    expect(report).toBeDefined();
    expect(readFileSync(report!, 'utf8')).toContain('Compression');
  }, 120_000);

  it('names a wrong variant and a missing model with the exit codes of usage and model errors', async () => {
    const bad = await runCli(['compress', modelPath('mlp.onnx'), '--to', 'int9']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown variant 'int9'");
    const missing = await runCli(['compress', join(tempDir('cli-compress-missing'), 'nope.onnx'), '--to', 'int8']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.onnx does not exist/);
  }, 30_000);
});
