import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProfileResult } from '../../../electron/shared/session.js';
import { runCli } from '../../helpers/cli.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

/** A real session recorded by the CLI; its id. */
async function profile(sessions: string, model: string, extra: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli([
    'profile',
    modelPath(model),
    '--warmup',
    '1',
    '--no-calibrate',
    '--json',
    '--sessions',
    sessions,
    ...extra,
  ]);
  expect(code, stderr).toBe(0);
  return ProfileResult.parse(JSON.parse(stdout)).sessionId;
}

/**
 * B as a copy of A with some figures scaled: a gate that depends on the threshold alone,
 * not on how fast this machine ran two sessions.
 */
function slowerCopy(sessions: string, id: string, suffix: string, change: (r: ProfileResult) => void): string {
  const copy = `${id}-${suffix}`;
  cpSync(join(sessions, id), join(sessions, copy), { recursive: true });
  const file = join(sessions, copy, 'session.json');
  const result = ProfileResult.parse(JSON.parse(readFileSync(file, 'utf8')));
  result.sessionId = copy;
  change(result);
  writeFileSync(file, JSON.stringify(result));
  return copy;
}

interface CompareJson {
  rows: Array<{ metric: string; deltaPct: number | null }>;
  opDeltas: Array<{ opType: string; aMsPerRun: number | null; bMsPerRun: number | null }>;
  gate: { pct: number; metric: string; deltaPct: number; failed: boolean } | null;
}

async function compare(sessions: string, a: string, b: string, extra: string[] = []) {
  const run = await runCli(['compare', a, b, '--json', '--sessions', sessions, ...extra]);
  return { ...run, json: run.stdout ? (JSON.parse(run.stdout) as CompareJson) : null };
}

let sessions: string;
let mlp: string;

beforeAll(async () => {
  sessions = tempDir('cli-interchange');
  mlp = await profile(sessions, 'mlp.onnx', ['--runs', '5']);
}, 120_000);

describe('modeldyno export', () => {
  it('writes a self-contained HTML report whose only script is the JSON data block', async () => {
    const out = join(tempDir('cli-export'), 'report.html');
    const { code, stdout, stderr } = await runCli([
      'export',
      mlp,
      '--format',
      'html',
      '--out',
      out,
      '--sessions',
      sessions,
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(out);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(mlp);
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/type="application\/json"/);
    expect(html).not.toMatch(/\b(src|href)="https?:/i);
  });

  it('writes samples CSV with a time column first, ops CSV with one row per node, and a trace that parses', async () => {
    const dir = tempDir('cli-export');
    const export_ = (format: string, file: string, extra: string[] = []) =>
      runCli(['export', mlp, '--format', format, '--out', join(dir, file), '--sessions', sessions, ...extra]);
    expect((await export_('csv', 'samples.csv')).code).toBe(0);
    const samples = readFileSync(join(dir, 'samples.csv'), 'utf8').split('\n');
    expect(samples[0]).toMatch(/^[^,]*(t|time)[^,]*,/i);
    expect(samples[0]).toContain('cpu.total.busyPct');
    expect(samples.length).toBeGreaterThan(2);

    expect((await export_('csv', 'ops.csv', ['--what', 'ops'])).code).toBe(0);
    const result = ProfileResult.parse(JSON.parse(readFileSync(join(sessions, mlp, 'session.json'), 'utf8')));
    const ops = readFileSync(join(dir, 'ops.csv'), 'utf8').trim().split('\n');
    expect(ops[0]).toMatch(/^name,op_type,/);
    expect(ops).toHaveLength(result.ops.length + 1);

    expect((await export_('trace', 'trace.json')).code).toBe(0);
    const trace = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')) as { traceEvents: unknown[] };
    expect(trace.traceEvents.length).toBeGreaterThan(0);
  });

  it('exports a .dyno that `modeldyno import` brings back into another folder as the same session', async () => {
    const file = join(tempDir('cli-dyno'), 'mlp.dyno');
    const exported = await runCli(['export', mlp, '--format', 'dyno', '--out', file, '--sessions', sessions]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const other = tempDir('cli-dyno-import');
    const imported = await runCli(['import', file, '--sessions', other]);
    expect(imported.code, imported.stderr).toBe(0);
    const id = /as session (\S+)/.exec(imported.stdout)?.[1];
    expect(imported.stdout).toContain(`modeldyno show ${id}`);
    const show = async (root: string, sessionId: string) =>
      JSON.parse((await runCli(['show', sessionId, '--json', '--sessions', root])).stdout) as ProfileResult;
    const original = await show(sessions, mlp);
    const back = await show(other, id!);
    expect({ ...back, sessionId: mlp }).toEqual(original);
    const again = await runCli(['import', file, '--sessions', other]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already/);
  });

  it('prints the report to PDF with headless Chromium, and exits 2 with the install hint without one', async () => {
    const dir = tempDir('cli-pdf');
    const args = ['export', mlp, '--format', 'pdf', '--sessions', sessions, '--out'];
    const printed = await runCli([...args, join(dir, 'report.pdf')]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const missing = await runCli([...args, join(dir, 'none.pdf')], {
      MODELDYNO_CHROMIUM: join(dir, 'no-chromium-here'),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/apt-get install chromium/);
  }, 90_000);

  it('refuses an unknown format and --what on a format other than csv with exit code 2', async () => {
    const out = join(tempDir('cli-export'), 'x');
    const unknown = await runCli(['export', mlp, '--format', 'xlsx', '--out', out, '--sessions', sessions]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/html.*dyno.*csv/);
    const what = await runCli([
      'export',
      mlp,
      '--format',
      'html',
      '--what',
      'ops',
      '--out',
      out,
      '--sessions',
      sessions,
    ]);
    expect(what.code).toBe(2);
  });

  it('exits 1 naming the session when it does not exist', async () => {
    const { code, stderr } = await runCli(['export', 'no-such-session', '--format', 'html', '--sessions', sessions]);
    expect(code).toBe(1);
    expect(stderr).toContain('no-such-session');
  });
});

describe('modeldyno profile --report', () => {
  it("writes the session's HTML report into its folder and prints the path last", async () => {
    const root = tempDir('cli-report');
    const { code, stdout, stderr } = await runCli([
      'profile',
      modelPath('mlp.onnx'),
      '--runs',
      '3',
      '--no-calibrate',
      '--report',
      '--sessions',
      root,
    ]);
    expect(code, stderr).toBe(0);
    const last = stdout.trim().split('\n').at(-1)!;
    const path = /^Report: (.+report\.html)$/.exec(last)?.[1];
    expect(path).toBeDefined();
    const id = path!.split('/').at(-2)!;
    expect(path).toBe(join(root, id, 'report.html'));
    expect(readFileSync(path!, 'utf8')).toContain(id);
  });
});

describe('modeldyno import', () => {
  it("imports ONNX Runtime's own profile JSON as a session with the same op types", async () => {
    const other = tempDir('cli-ort-import');
    const { code, stdout, stderr } = await runCli([
      'import',
      join(sessions, mlp, 'ort-profile.json'),
      '--sessions',
      other,
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('ONNX Runtime profile');
    const id = /as session (\S+)/.exec(stdout)?.[1];
    const show = await runCli(['show', id!, '--json', '--sessions', other]);
    const imported = ProfileResult.parse(JSON.parse(show.stdout));
    const original = ProfileResult.parse(JSON.parse(readFileSync(join(sessions, mlp, 'session.json'), 'utf8')));
    const types = (r: ProfileResult) => [...new Set(r.ops.map((op) => op.opType))].sort();
    expect(types(imported)).toEqual(types(original));
  });

  it.each([
    { name: 'a text file', content: 'just some notes\n' },
    { name: 'a JSON object', content: '{"traceEvents": []}' },
    { name: 'an empty JSON array', content: '[]' },
  ])('refuses $name with a usage error naming what it expects', async ({ content }) => {
    const file = join(tempDir('cli-import'), 'input.json');
    writeFileSync(file, content);
    const { code, stderr } = await runCli(['import', file, '--sessions', tempDir('cli-import-root')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\.dyno/);
    expect(stderr).toMatch(/ONNX Runtime profile/);
  });
});

describe('modeldyno compare', () => {
  it('passes a session against itself under --fail-if-slower 5 and prints deltas by op type', async () => {
    const { code, json, stderr } = await compare(sessions, mlp, mlp, ['--fail-if-slower', '5']);
    expect(code, stderr).toBe(0);
    expect(json!.gate).toEqual({ pct: 5, metric: 'latencyP50Ms', deltaPct: 0, failed: false });
    expect(json!.opDeltas.length).toBeGreaterThan(0);
    expect(json!.opDeltas.every((op) => op.aMsPerRun === op.bMsPerRun)).toBe(true);
  });

  it('fails the gate when B is slower by more than the threshold and passes it otherwise', async () => {
    const slow = slowerCopy(sessions, mlp, 'slow', (r) => {
      r.latencyMs = { ...r.latencyMs!, p50: r.latencyMs!.p50 * 1.25 };
    });
    const over = await compare(sessions, mlp, slow, ['--fail-if-slower', '24']);
    expect(over.code).toBe(1);
    expect(over.json!.gate).toMatchObject({ metric: 'latencyP50Ms', failed: true });
    expect(over.json!.gate!.deltaPct).toBeCloseTo(25, 6);
    expect(over.stderr).toMatch(/Latency p50.*25\.00 % slower/);
    expect((await compare(sessions, mlp, slow, ['--fail-if-slower', '26'])).code).toBe(0);
    // The other way round B is faster: no threshold fails it.
    expect((await compare(sessions, slow, mlp, ['--fail-if-slower', '0'])).code).toBe(0);
    const human = await runCli(['compare', mlp, slow, '--fail-if-slower', '10', '--sessions', sessions]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/Gate FAILED: Latency p50 of B is 25\.00 % slower than A \(limit 10 % slower\)/);
  });

  it('gates two measured sessions at a threshold just under and just over their measured delta', async () => {
    const other = await profile(sessions, 'mlp.onnx', ['--runs', '5', '--threads', '1']);
    const probe = await compare(sessions, mlp, other);
    const delta = probe.json!.rows.find((r) => r.metric === 'latencyP50Ms')!.deltaPct!;
    // B is whichever ran slower, so that a threshold under the delta is ≥ 0.
    const [a, b] = delta >= 0 ? [mlp, other] : [other, mlp];
    const slowerBy = Math.abs(
      (await compare(sessions, a, b)).json!.rows.find((r) => r.metric === 'latencyP50Ms')!.deltaPct!,
    );
    const under = String(slowerBy * 0.99);
    const above = String(slowerBy * 1.01 + 1e-9);
    expect((await compare(sessions, a, b, ['--fail-if-slower', under])).code).toBe(slowerBy > 0 ? 1 : 0);
    expect((await compare(sessions, a, b, ['--fail-if-slower', above])).code).toBe(0);
  }, 120_000);

  it('judges a generation session by TTFT or TPOT p50 and names the one that decided', async () => {
    const decoder = await profile(sessions, 'decoder.onnx', [
      '--llm',
      'on',
      '--prompt-tokens',
      '8',
      '--output-tokens',
      '4',
      '--repetitions',
      '2',
    ]);
    const slow = slowerCopy(sessions, decoder, 'slow-tpot', (r) => {
      const llm = r.llm!;
      r.llm = {
        ...llm,
        tpotMs: { ...llm.tpotMs!, p50: llm.tpotMs!.p50 * 1.3 },
        ttftMs: { ...llm.ttftMs, p50: llm.ttftMs.p50 * 1.1 },
      };
    });
    const over = await compare(sessions, decoder, slow, ['--fail-if-slower', '20']);
    expect(over.code).toBe(1);
    expect(over.json!.gate).toMatchObject({ metric: 'tpotP50Ms', failed: true });
    expect(over.json!.gate!.deltaPct).toBeCloseTo(30, 6);
    expect((await compare(sessions, decoder, slow, ['--fail-if-slower', '31'])).code).toBe(0);
  }, 120_000);

  it('writes the HTML compare report with both session ids', async () => {
    const out = join(tempDir('cli-compare'), 'compare.html');
    const { code } = await runCli(['compare', mlp, mlp, '--html', out, '--sessions', sessions]);
    expect(code).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);
    expect(readFileSync(out, 'utf8')).toContain(mlp);
  });

  it('refuses a threshold that is not a percentage', async () => {
    const { code, stderr } = await compare(sessions, mlp, mlp, ['--fail-if-slower', 'fast']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--fail-if-slower/);
  });
});
