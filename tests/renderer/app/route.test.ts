import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../renderer/src/state/route.js';
import { screenAtDigit, screenKey, SCREENS } from '../../../renderer/src/state/screens.js';

describe('the address of a screen', () => {
  it('reads a session screen and writes it back the same', () => {
    const route = parseRoute('#/session/20261129-041635-mlp-826e/ops');
    expect(route).toEqual({ sessionId: '20261129-041635-mlp-826e', screen: 'ops', experimentId: null });
    expect(formatRoute(route!)).toBe('#/session/20261129-041635-mlp-826e/ops');
  });

  it("opens a session's timeline when the screen is missing or unknown", () => {
    expect(parseRoute('#/session/abc')).toEqual({ sessionId: 'abc', screen: 'timeline', experimentId: null });
    expect(parseRoute('#/session/abc/nonsense')).toEqual({ sessionId: 'abc', screen: 'timeline', experimentId: null });
  });

  it('refuses ids that could name another folder', () => {
    for (const hash of [
      '#/session/..',
      '#/session/a%2Fb',
      '#/session/%2E%2E/ops',
      '#/session/',
      '#/compress/..',
      '#/compress/a%2Fb',
    ]) {
      expect(parseRoute(hash)).toBeNull();
    }
  });

  it('reads screens without a session, and ignores anything else', () => {
    expect(parseRoute('#/compare')).toEqual({ sessionId: null, screen: 'compare', experimentId: null });
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#/whatever')).toBeNull();
  });

  it('reads the compression list and one experiment, and writes them back the same', () => {
    for (const hash of ['#/compress', '#/compress/compress-20261129-070000-mlp-3f2a']) {
      const route = parseRoute(hash);
      expect(route?.screen).toBe('compress');
      expect(route?.sessionId).toBeNull();
      expect(formatRoute(route!)).toBe(hash);
    }
    expect(parseRoute('#/compress/compress-1')?.experimentId).toBe('compress-1');
    expect(parseRoute('#/compress/')).toEqual({ sessionId: null, screen: 'compress', experimentId: null });
  });

  it('keeps the open session out of the Compression screen’s address', () => {
    expect(formatRoute({ sessionId: 's1', screen: 'compress', experimentId: 'e1' })).toBe('#/compress/e1');
    expect(formatRoute({ sessionId: 's1', screen: 'timeline', experimentId: 'e1' })).toBe('#/session/s1/timeline');
  });
});

describe('the digit keys of the screens', () => {
  it('are 1 to 9, then 0 for the tenth, and each key opens the screen it is shown beside', () => {
    expect(SCREENS.map((_, i) => screenKey(i))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    SCREENS.forEach((screen, i) => expect(screenAtDigit(Number(screenKey(i)))).toBe(screen.id));
    expect(screenAtDigit(0)).toBe('compress');
  });
});
