/** Real sessions for the interchange tests: the bundled MLP and decoder, profiled once per file. */
import { profileModel } from '../../../electron/core/profiler.js';
import type { ProfileResult, ProfileSettings } from '../../../electron/shared/session.js';
import { defaultSettings } from '../../../electron/shared/session.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

const quick = (overrides: Partial<ProfileSettings>): ProfileSettings => ({
  ...defaultSettings,
  runs: 4,
  warmup: 1,
  hz: 50,
  ...overrides,
});

export interface RealSession {
  root: string;
  result: ProfileResult;
}

export async function profileMlp(): Promise<RealSession> {
  const root = tempDir('interchange');
  const result = await profileModel({ modelPath: modelPath('mlp.onnx'), sessionsDir: root, settings: quick({}) });
  return { root, result };
}

/** The decoder generating, so the session has LLM requests and decode steps. */
export async function profileDecoder(): Promise<RealSession> {
  const root = tempDir('interchange');
  const settings = quick({ llm: 'on', promptTokens: [8], outputTokens: [5], repetitions: 2 });
  const result = await profileModel({ modelPath: modelPath('decoder.onnx'), sessionsDir: root, settings });
  return { root, result };
}
