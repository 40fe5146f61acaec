/**
 * The app in Chromium against `modeldyno serve`, as a user goes through it: open a
 * bundled model, profile it while the timeline fills live, read the timeline, ops,
 * bottlenecks and what-if, compare with a second profile, profile a decoder for the LLM
 * screen, and switch themes. The tests share one server, browser and page and run in
 * order: each picks up the session the one before left open.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, screenshot, useServedApp } from '../helpers/browser.js';
import {
  choose,
  firstColumn,
  headerStatus,
  openExample,
  PROFILE_TIMEOUT_MS,
  setSetting,
  show,
  startProfile,
  timeline,
  timelineWindow,
  untilEnded,
} from './steps.js';

const FLOW_TIMEOUT_MS = 150_000;

describeInBrowser('ModelDyno in Chromium', () => {
  const served = useServedApp();
  const sessionIds: string[] = [];

  it('opens a bundled model from the Start screen and shows its inputs and op types', async () => {
    const { page } = served.app;
    await page.getByTestId('example-mlp').waitFor({ timeout: 30_000 });
    await screenshot(page, 'start');
    const model = await openExample(page, 'mlp');
    const inputs = await model.getByTestId('model-inputs').locator('tbody tr').allInnerTexts();
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatch(/input\s+float32\s+\[batch, 256\]/);
    const histogram = model.getByTestId('op-histogram');
    await histogram.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await histogram.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(3);
    expect(await histogram.innerText()).toContain('Gemm');
    expect(await page.getByTestId('header-model').innerText()).toBe('mlp.onnx');
    await screenshot(page, 'model');
  });

  it(
    'profiles mlp.onnx for 6 s at 50 Hz and shows samples arriving live on the timeline',
    async () => {
      const { page } = served.app;
      await page.getByTestId('model-to-run').click();
      await page.getByTestId('screen-run').waitFor();
      await choose(page, 'run for', 'Duration');
      await setSetting(page, 'durationS', '6');
      await setSetting(page, 'hz', '50');
      // The host reads the machine profile that global-setup calibrated into MODELDYNO_HOME.
      await page.getByTestId('machine-profile').waitFor({ timeout: 30_000 });
      await screenshot(page, 'run');
      sessionIds.push(await startProfile(page));

      await timeline(page).and(page.locator('[data-live="true"][data-ready="true"]')).waitFor({ timeout: 30_000 });
      expect(await headerStatus(page)).toBe('running');
      expect(await page.getByTestId('live-progress').isVisible()).toBe(true);
      const first = await timelineWindow(page);
      // While live the window follows the newest sample: its end moves as samples arrive.
      await expect
        .poll(async () => (await timelineWindow(page)).toMs, { timeout: 20_000, interval: 200 })
        .toBeGreaterThan(first.toMs);
      // A picture of the measured runs in progress, not of the worker starting.
      await timeline(page).getByTestId('phase-bands').locator('[data-phase="runs"]').waitFor({ timeout: 30_000 });
      await screenshot(page, 'timeline-live');

      expect(await untilEnded(page)).toBe('complete');
      await timeline(page).and(page.locator('[data-live="false"]')).waitFor();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows phase bands, bottleneck bands with their legend, and zooms and resets',
    async () => {
      const { page } = served.app;
      const root = timeline(page);
      for (const group of ['cpu', 'process', 'memory', 'disk']) await root.getByTestId(`track-${group}`).waitFor();
      const phases = root.getByTestId('phase-bands').locator('[data-phase]');
      await expect
        .poll(async () => new Set(await phases.evaluateAll((els) => els.map((e) => e.getAttribute('data-phase')))), {
          timeout: 20_000,
        })
        .toEqual(new Set(['spawn', 'read', 'create', 'warmup', 'runs']));
      // Segments arrive with the analysis, after the run ended.
      const segments = async () => Number(await root.getByTestId('bottleneck-bands').getAttribute('data-segments'));
      await expect.poll(segments, { timeout: PROFILE_TIMEOUT_MS }).toBeGreaterThan(0);
      expect(await root.getByTestId('bottleneck-legend').locator('[data-label]').count()).toBeGreaterThan(0);
      await root.and(page.locator('[data-ready="true"]')).waitFor();
      await screenshot(page, 'timeline');

      const whole = await timelineWindow(page);
      const track = (await root.getByTestId('track-cpu').boundingBox())!;
      const plotLeft = track.x + 148; // the label column (LABEL_PX in TimelinePlot.tsx)
      const plotWidth = track.width - 148;
      const y = track.y + track.height / 2;
      await page.mouse.move(plotLeft + plotWidth * 0.3, y);
      await page.mouse.down();
      await page.mouse.move(plotLeft + plotWidth * 0.6, y, { steps: 8 });
      await page.mouse.up();
      await expect.poll(() => timelineWindow(page)).not.toEqual(whole);
      const zoomed = await timelineWindow(page);
      expect(zoomed.fromMs).toBeGreaterThan(whole.fromMs);
      expect(zoomed.toMs).toBeLessThan(whole.toMs);
      expect(zoomed.toMs - zoomed.fromMs).toBeLessThan((whole.toMs - whole.fromMs) * 0.5);
      await root.and(page.locator('[data-ready="true"]')).waitFor();
      await page.mouse.move(0, 0); // the hover tooltip would cover the zoomed plot
      await screenshot(page, 'timeline-zoomed');

      const reset = root.getByTestId('zoom-reset');
      expect(await reset.isEnabled()).toBe(true);
      await reset.click();
      await expect.poll(() => timelineWindow(page)).toEqual(whole);
      expect(await reset.isEnabled()).toBe(false);
    },
    FLOW_TIMEOUT_MS,
  );

  it('lists the ops in a table that sorts by the clicked column', async () => {
    const { page } = served.app;
    const screen = await show(page, 'ops');
    const table = screen.getByTestId('ops-table');
    await table.locator('tbody tr').first().waitFor();
    const names = await firstColumn(table);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names).toContain('Gemm');
    await expect.poll(() => table.locator('th[aria-sort]').textContent()).toContain('ms / run');
    await screenshot(page, 'ops');

    const header = table.locator('th', { hasText: 'Op type' });
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await firstColumn(table);
    expect(ascending).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await firstColumn(table)).toEqual([...ascending].reverse());
  });

  it('shows bottleneck findings with evidence and recommendations with an estimated gain', async () => {
    const { page } = served.app;
    const screen = await show(page, 'bottlenecks');
    const findings = screen.getByTestId('bottleneck-card');
    await findings.first().waitFor({ timeout: PROFILE_TIMEOUT_MS });
    expect(await screen.getByTestId('not-calibrated').count()).toBe(0);
    for (const finding of await findings.all())
      expect(await finding.locator('.evidence li').count()).toBeGreaterThan(0);
    const recommendations = screen.getByTestId('recommendation');
    expect(await recommendations.count()).toBeGreaterThan(0);
    const first = recommendations.first();
    expect(await first.locator('.rec-gain-value').innerText()).toMatch(/^[+−]\d+(\.\d)? %$/);
    expect((await first.locator('.rec-assumption').innerText()).length).toBeGreaterThan('Assumes '.length);
    await screenshot(page, 'bottlenecks');
  });

  it('projects the session onto other hardware on the What-if screen', async () => {
    const { page } = served.app;
    const screen = await show(page, 'whatif');
    const table = screen.getByTestId('whatif-table');
    await table.waitFor({ timeout: 30_000 });
    await table.getByTestId('whatif-row-baseline').waitFor();
    const projected = table.locator('[data-testid^="whatif-row-"]:not([data-testid="whatif-row-baseline"])');
    expect(await projected.count()).toBeGreaterThan(0);
    expect(await projected.first().locator('td').first().innerText()).toMatch(/\d/);
    await screenshot(page, 'whatif');
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'whatif-projections');
  });

  it(
    'compares two sessions with deltas after a second profile',
    async () => {
      const { page } = served.app;
      await show(page, 'run');
      await choose(page, 'run for', 'Fixed runs');
      await setSetting(page, 'runs', '30');
      sessionIds.push(await startProfile(page));
      expect(await untilEnded(page)).toBe('complete');

      const screen = await show(page, 'compare');
      const table = screen.getByTestId('compare-table');
      await table.waitFor({ timeout: 30_000 });
      const heads = await table.locator('thead th').allInnerTexts();
      for (const id of sessionIds) expect(heads.join('\n')).toContain(id);
      const deltas = await table.locator('.compare-delta').allInnerTexts();
      expect(deltas.filter((d) => /^[+−±]\d+\.\d %$/.test(d)).length).toBeGreaterThan(0);
      await screenshot(page, 'compare');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'profiles decoder.onnx and shows TTFT and tokens/s on the LLM screen',
    async () => {
      const { page } = served.app;
      await openExample(page, 'decoder');
      await show(page, 'run');
      await choose(page, 'run for', 'Fixed runs');
      await setSetting(page, 'runs', '3');
      await choose(page, 'generation profiling', 'on');
      await setSetting(page, 'promptTokens', '8');
      await setSetting(page, 'outputTokens', '8');
      await setSetting(page, 'batch', '1');
      await setSetting(page, 'repetitions', '2');
      sessionIds.push(await startProfile(page));
      expect(await untilEnded(page)).toBe('complete');

      const screen = await show(page, 'llm');
      const ttft = screen.getByTestId('llm-tile-ttftMs').locator('.llm-tile-value');
      await ttft.waitFor({ timeout: 30_000 });
      expect(await ttft.innerText()).toMatch(/\d.*(µs|ms|s)$/);
      const tokens = await screen.getByTestId('llm-tile-outputTokensPerSec').locator('.llm-tile-value').innerText();
      expect(tokens).toMatch(/\d/);
      expect(tokens).not.toBe('n/a');
      await screenshot(page, 'llm');
    },
    FLOW_TIMEOUT_MS,
  );

  it('draws the timeline in the dark and the light theme', async () => {
    const { page } = served.app;
    await show(page, 'timeline');
    await timeline(page).and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
    const theme = () => page.locator('html').getAttribute('data-theme');
    // A string, not a function: the tests are type-checked without the DOM's types.
    const background = async () => String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
    const before = { theme: await theme(), background: await background() };
    await screenshot(page, `timeline-${before.theme}`);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(theme).not.toBe(before.theme);
    const after = await theme();
    expect(new Set([before.theme, after])).toEqual(new Set(['dark', 'light']));
    expect(await background()).not.toBe(before.background);
    await screenshot(page, `timeline-${after}`);
  });
});
