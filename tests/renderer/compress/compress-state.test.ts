import { describe, expect, it } from 'vitest';
import type { CompressionView } from '../../../electron/shared/compress.js';
import {
  type CompressState,
  initialCompressState,
  reduceCompress,
} from '../../../renderer/src/state/compress-store.js';

const view = (id: string) => ({ experiment: { id }, rows: [], llm: false, findings: [] }) as unknown as CompressionView;

describe("the Compression screen's state", () => {
  const opened = (id: string | null): CompressState =>
    reduceCompress(initialCompressState(), { type: 'compress/open', experimentId: id });

  it('loads the experiment it opens, and shows the list for none', () => {
    expect(opened('e1')).toMatchObject({ experimentId: 'e1', view: { loading: true, data: null } });
    expect(opened(null)).toMatchObject({ experimentId: null, view: { loading: false, data: null } });
  });

  it('drops an answer about an experiment the user has since left', () => {
    const state = reduceCompress(opened('e2'), { type: 'compress/view', experimentId: 'e1', view: view('e1') });
    expect(state.view.data).toBeNull();
    const current = reduceCompress(state, { type: 'compress/view', experimentId: 'e2', view: view('e2') });
    expect(current.view.data?.experiment.id).toBe('e2');
  });

  it('keeps what it showed when a re-read fails, with the error beside it', () => {
    const shown = reduceCompress(opened('e1'), { type: 'compress/view', experimentId: 'e1', view: view('e1') });
    const failed = reduceCompress(shown, {
      type: 'compress/view-failed',
      experimentId: 'e1',
      error: { kind: 'session-invalid', message: 'damaged' },
    });
    expect(failed.view.data?.experiment.id).toBe('e1');
    expect(failed.view.error?.message).toBe('damaged');
  });

  it('keeps the open experiment when it is opened again, so a re-open does not blank the screen', () => {
    const shown = reduceCompress(opened('e1'), { type: 'compress/view', experimentId: 'e1', view: view('e1') });
    expect(reduceCompress(shown, { type: 'compress/open', experimentId: 'e1' })).toBe(shown);
  });

  it("follows the runs of the profile the experiment is taking, and only that one's", () => {
    const step = (sessionId: string | null) =>
      ({ task: 'compress', experimentId: 'e1', step: 'profile int8', done: 3, total: 8, sessionId }) as const;
    const runs = (sessionId: string, done: number) =>
      ({ task: 'profile', sessionId, step: 'runs', done, total: 20 }) as const;
    let state = reduceCompress(opened('e1'), { type: 'compress/progress', progress: step(null) });
    // Before the step names its session, no profile's runs are the experiment's.
    state = reduceCompress(state, { type: 'compress/profile-progress', progress: runs('s-int8', 1) });
    expect(state.profileProgress).toBeNull();
    state = reduceCompress(state, { type: 'compress/progress', progress: step('s-int8') });
    state = reduceCompress(state, { type: 'compress/profile-progress', progress: runs('s-int8', 5) });
    state = reduceCompress(state, { type: 'compress/profile-progress', progress: runs('s-other', 9) });
    expect(state.profileProgress).toMatchObject({ sessionId: 's-int8', done: 5 });
    // The next step starts its bar from nothing.
    state = reduceCompress(state, { type: 'compress/progress', progress: { ...step(null), step: 'profile fp16' } });
    expect(state.profileProgress).toBeNull();
  });
});
