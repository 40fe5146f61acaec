import { describe, expect, it } from 'vitest';
import {
  brushWindow,
  clampWindow,
  covers,
  followWindow,
  MIN_SPAN_MS,
  panBy,
  paddedWindow,
  sameWindow,
  windowText,
  zoomAt,
} from '../../../renderer/src/features/timeline/model/window.js';

const span = { fromMs: 0, toMs: 3_600_000 };

describe('the visible window', () => {
  it('zooms around the anchor so the time under the cursor stays under the cursor', () => {
    const window = { fromMs: 1000, toMs: 2000 };
    const zoomed = zoomAt(window, span, 1250, 0.5);
    expect(zoomed.toMs - zoomed.fromMs).toBeCloseTo(500);
    expect((1250 - zoomed.fromMs) / (zoomed.toMs - zoomed.fromMs)).toBeCloseTo(0.25);
  });

  it('never zooms narrower than the minimum span nor wider than the session', () => {
    let window = span;
    for (let i = 0; i < 60; i++) window = zoomAt(window, span, 10, 0.5);
    expect(window.toMs - window.fromMs).toBeCloseTo(MIN_SPAN_MS);
    for (let i = 0; i < 80; i++) window = zoomAt(window, span, 10, 2);
    expect(window).toEqual(span);
  });

  it('pans without changing width and stops at the ends of the session', () => {
    const window = { fromMs: 1000, toMs: 2000 };
    expect(panBy(window, span, 500)).toEqual({ fromMs: 1500, toMs: 2500 });
    expect(panBy(window, span, -5000)).toEqual({ fromMs: 0, toMs: 1000 });
    expect(panBy(window, span, 1e9)).toEqual({ fromMs: 3_599_000, toMs: 3_600_000 });
  });

  it('brushes a window from either direction of the drag', () => {
    expect(brushWindow(900, 300, span)).toEqual({ fromMs: 300, toMs: 900 });
    expect(brushWindow(-50, 100, span)).toEqual({ fromMs: 0, toMs: 150 });
  });

  it('clamps a window wider than the session to the session', () => {
    expect(clampWindow({ fromMs: -10, toMs: 5e6 }, span)).toEqual(span);
  });

  it('follows the newest part of a live run, all of it while it is short', () => {
    expect(followWindow({ fromMs: 0, toMs: 5000 }, 120_000)).toEqual({ fromMs: 0, toMs: 5000 });
    expect(followWindow({ fromMs: 0, toMs: 500_000 }, 120_000)).toEqual({ fromMs: 380_000, toMs: 500_000 });
  });

  it('pads a query window inside the session and tells covering windows', () => {
    const padded = paddedWindow({ fromMs: 100, toMs: 1100 }, span, 0.25);
    expect(padded).toEqual({ fromMs: 0, toMs: 1350 });
    expect(covers(padded, { fromMs: 100, toMs: 1100 })).toBe(true);
    expect(covers({ fromMs: 200, toMs: 1100 }, { fromMs: 100, toMs: 1100 })).toBe(false);
  });

  it('treats windows a hair apart as the same and writes them for data-window', () => {
    expect(sameWindow({ fromMs: 0, toMs: 1000 }, { fromMs: 0.5, toMs: 1000 })).toBe(true);
    expect(sameWindow({ fromMs: 0, toMs: 1000 }, { fromMs: 5, toMs: 1000 })).toBe(false);
    expect(windowText({ fromMs: 12.4, toMs: 2000.6 })).toBe('12-2001');
    expect(windowText({ fromMs: 1.23456, toMs: 2.5 })).toBe('1.235-2.500');
  });
});
