/**
 * The generation plan of an LLM session: one warm-up request, then every combination of
 * prompt length × output length × batch, each repeated. Reports the decoder's layout
 * first so the host can size the KV cache.
 */
import type { TensorDtype, TensorInfo } from '../../shared/model.js';
import type { PhaseName, ProfileSettings } from '../../shared/session.js';
import { generate, type GenerationContext } from './generate.js';
import { kvBytesPerToken, type DecoderLayout } from './llm-layout.js';
import type { RunIo, RunLoop } from './run-loop.js';

export interface GenerationSetup {
  runs: RunLoop;
  layout: DecoderLayout;
  declared: TensorInfo[];
  indexBounds: Record<string, number>;
  settings: ProfileSettings;
  io: RunIo;
  phase: <T>(name: PhaseName, work: () => Promise<T>) => Promise<T>;
}

export async function generateAll(setup: GenerationSetup): Promise<void> {
  const { layout, settings, io } = setup;
  const vocab = setup.indexBounds[layout.inputIds] ?? 2;
  io.emit({
    type: 'llm-layout',
    kvCache: layout.layers.length > 0,
    layers: layout.layers.length,
    kvHeads: layout.kvHeads,
    headDim: layout.headDim,
    kvBytesPerToken: kvBytesPerToken(layout),
    vocab,
  });
  const dtypes: Record<string, TensorDtype> = Object.fromEntries(setup.declared.map((t) => [t.name, t.dtype]));
  const first = { promptTokens: settings.promptTokens[0]!, batch: settings.batch[0]! };
  io.emit({
    type: 'inputs',
    dims: [],
    inputs: setup.declared.map((t) => ({ ...t, shape: prefillShape(t, layout, first.batch, first.promptTokens) })),
  });
  const ctx: GenerationContext = { runs: setup.runs, layout, dtypes, vocab, io };
  if (settings.warmup > 0) {
    await setup.phase('warmup', () =>
      generate(ctx, { ...first, outputTokens: Math.min(4, settings.outputTokens[0]!), repetition: 0, warmup: true }),
    );
  }
  await setup.phase('generate', async () => {
    for (const promptTokens of settings.promptTokens) {
      for (const outputTokens of settings.outputTokens) {
        for (const batch of settings.batch) {
          for (let repetition = 0; repetition < settings.repetitions; repetition++) {
            if (io.stopRequested()) return;
            await generate(ctx, { promptTokens, outputTokens, batch, repetition, warmup: false });
          }
        }
      }
    }
  });
}

/** The shape an input has in the first prefill: what the summary shows as "inputs". */
function prefillShape(input: TensorInfo, layout: DecoderLayout, batch: number, prompt: number): number[] {
  if (input.name === layout.inputIds || input.name === layout.attentionMask || input.name === layout.positionIds) {
    return [batch, prompt];
  }
  return [batch, layout.kvHeads ?? 1, 0, layout.headDim ?? 1];
}
