import { describe, expect, it } from 'vitest';
import { bridgeError, DynoError, toErrorInfo } from '../../electron/shared/errors.js';

describe('errors across the desktop bridge', () => {
  it('keeps the kind of an error whose message alone crossed contextBridge', () => {
    const crossed = new Error(bridgeError(new DynoError('model-invalid', 'inspectModel: not a model.')).message);
    expect(toErrorInfo(crossed, 'internal')).toEqual({ kind: 'model-invalid', message: 'inspectModel: not a model.' });
  });

  it('does not take a bracketed word that is not a kind for one', () => {
    expect(toErrorInfo(new Error('[oops] something'), 'internal')).toEqual({
      kind: 'internal',
      message: '[oops] something',
    });
  });

  it('gives plain errors the fallback kind', () => {
    expect(toErrorInfo(new Error('boom'), 'run-failed')).toEqual({ kind: 'run-failed', message: 'boom' });
  });
});
