import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runExperiment } from '../../../electron/core/compress/experiment.js';
import { compressionsRoot, saveExperiment } from '../../../electron/core/compress/store.js';
import { profileModel } from '../../../electron/core/profiler.js';
import { loadReportInput, renderSessionReport, type ReportInput } from '../../../electron/core/report/index.js';
import { defaultSettings } from '../../../electron/shared/session.js';
import { describeInBrowser, launchChromium } from '../../helpers/browser.js';
import { tempDir } from '../../helpers/paths.js';
import {
  ATTRIBUTE_BREAKOUT,
  FOLDER_MARKUP,
  HUGE,
  NODE_ATTRIBUTE_BREAKOUT,
  RTL_OVERRIDE,
  SCRIPT_BREAKOUT,
  writeHostileModel,
} from './hostile-model.js';

let input: ReportInput;
let reportPath: string;

/** What a hand-edited experiment.json carries into the Compression section. */
const TAMPERED = {
  label: `int8 ${SCRIPT_BREAKOUT}`,
  note: `note ${ATTRIBUTE_BREAKOUT} ${RTL_OVERRIDE}`,
  reason: `kept ${NODE_ATTRIBUTE_BREAKOUT}`,
  op: `Op${SCRIPT_BREAKOUT}`,
};

beforeAll(async () => {
  const model = await writeHostileModel();
  const root = tempDir('hostile-sessions');
  // The session of the report is the original of a real compression experiment (an int8
  // variant made, compared and profiled), whose file is then edited by hand.
  const settings = { ...defaultSettings, runs: 3, warmup: 1, hz: 50 };
  const experiments = compressionsRoot(root);
  const experiment = await runExperiment({
    modelPath: model.path,
    specs: [{ kind: 'int8' }],
    settings,
    root: experiments,
    profile: (path) => profileModel({ modelPath: path, sessionsDir: root, settings }),
  });
  const variant = experiment.variants[0]!;
  variant.label = TAMPERED.label;
  variant.build!.notes.push(TAMPERED.note);
  variant.build!.untouched.push({ reason: TAMPERED.reason, count: 1, bytes: 4 });
  variant.build!.opsAdded[TAMPERED.op] = 1;
  saveExperiment(experiments, experiment);
  input = await loadReportInput(root, experiment.baselineSessionId!);
  // Beside the model: the report's own path carries the folder's markup too.
  reportPath = join(dirname(model.path), 'report.html');
  writeFileSync(reportPath, renderSessionReport(input));
}, 120_000);

describeInBrowser('the report of a model whose names are HTML and script breakouts', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('profiles the hostile model, so its names reach the report from a real session', () => {
    expect(input.result.status).toBe('complete');
    expect(input.result.model.path).toContain(FOLDER_MARKUP);
    expect(input.result.model.inputs[0]!.name).toContain(SCRIPT_BREAKOUT);
    expect(input.result.error).toBeUndefined();
    expect(input.result.model.outputs[0]!.name).toContain(ATTRIBUTE_BREAKOUT);
    expect(input.result.ops.map((op) => op.name).join('\n')).toContain(NODE_ATTRIBUTE_BREAKOUT);
    expect(input.result.ops.some((op) => op.name.includes(HUGE))).toBe(true);
    // The experiment's own path and the hand-edited strings reach the Compression section.
    expect(input.compression?.experiment.modelPath).toContain(FOLDER_MARKUP);
    expect(input.compression?.experiment.variants[0]!.build!.notes).toContain(TAMPERED.note);
    expect(input.compression?.rows[1]!.sessionId).not.toBeNull();
  });

  it('runs no script, loads nothing, and shows the names as text', async () => {
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const url = pathToFileURL(reportPath).href;
    await page.goto(url);

    // Expressions as strings: the page's DOM types are not in this Node project's lib.
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([url]);
    // Not only the CSP's doing: the markup itself has no script, image or handler in it.
    const dom = await page.evaluate(`({
      scripts: [...document.querySelectorAll('script')].map((s) => s.type),
      images: document.querySelectorAll('img').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    })`);
    expect(dom).toEqual({ scripts: ['application/json'], images: 0, handlers: 0 });

    const embedded = await page.evaluate("JSON.parse(document.getElementById('modeldyno-data').textContent)");
    expect(embedded).toEqual(input);

    const visible = String(await page.evaluate('document.body.innerText'));
    for (const name of [SCRIPT_BREAKOUT, ATTRIBUTE_BREAKOUT, NODE_ATTRIBUTE_BREAKOUT, RTL_OVERRIDE, FOLDER_MARKUP])
      expect(visible).toContain(name);
    expect(visible).toContain('characters)');
    const compression = String(await page.evaluate("document.getElementById('compression').innerText"));
    for (const shown of [FOLDER_MARKUP, ...Object.values(TAMPERED)]) expect(compression).toContain(shown);
    await context.close();
  });
});
