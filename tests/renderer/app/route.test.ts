import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../renderer/src/state/route.js';

describe('the address of a screen', () => {
  it('reads a session screen and writes it back the same', () => {
    const route = parseRoute('#/session/20261129-041635-mlp-826e/ops');
    expect(route).toEqual({ sessionId: '20261129-041635-mlp-826e', screen: 'ops' });
    expect(formatRoute(route!)).toBe('#/session/20261129-041635-mlp-826e/ops');
  });

  it("opens a session's timeline when the screen is missing or unknown", () => {
    expect(parseRoute('#/session/abc')).toEqual({ sessionId: 'abc', screen: 'timeline' });
    expect(parseRoute('#/session/abc/nonsense')).toEqual({ sessionId: 'abc', screen: 'timeline' });
  });

  it('refuses ids that could name another folder', () => {
    for (const hash of ['#/session/..', '#/session/a%2Fb', '#/session/%2E%2E/ops', '#/session/']) {
      expect(parseRoute(hash)).toBeNull();
    }
  });

  it('reads screens without a session, and ignores anything else', () => {
    expect(parseRoute('#/compare')).toEqual({ sessionId: null, screen: 'compare' });
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#/whatever')).toBeNull();
  });
});
