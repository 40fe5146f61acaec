import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfilerService, type ProfilerService } from '../../../electron/core/api/service.js';
import { modelPath, repoRoot, tempDir, testHome } from '../../helpers/paths.js';

describe('one profile at a time', () => {
  let service: ProfilerService;
  const previousHome = process.env.MODELDYNO_HOME;

  beforeAll(() => {
    process.env.MODELDYNO_HOME = testHome; // calibrated by the global setup: no calibration here
    service = createProfilerService({ hostKind: 'memory', roots: [repoRoot], sessionsDir: tempDir('busy') });
  });

  afterAll(async () => {
    await service.dispose();
    if (previousHome === undefined) delete process.env.MODELDYNO_HOME;
    else process.env.MODELDYNO_HOME = previousHome;
  });

  it('refuses a second start made while the first is still starting, and keeps the first', async () => {
    const request = { modelPath: modelPath('mlp.onnx'), settings: { runs: 3, warmup: 0 } };
    const [first, second] = await Promise.allSettled([service.startProfile(request), service.startProfile(request)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect((second as PromiseRejectedResult).reason).toMatchObject({ kind: 'busy' });
    const { sessionId } = (first as PromiseFulfilledResult<{ sessionId: string }>).value;
    const ended = new Promise((resolve) => service.onSessionChange((e) => e.change === 'ended' && resolve(e)));
    await ended;
    expect((await service.openSession(sessionId)).status).toBe('complete');
  });
});
