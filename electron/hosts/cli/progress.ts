/** The profile's progress (runs done of runs planned) on the shared step bar. */
import type { Progress } from '../../core/profiler.js';
import { StepProgressBar } from './step-progress.js';

export class ProgressBar {
  private readonly bar: StepProgressBar;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new StepProgressBar(stream);
  }

  update(progress: Progress): void {
    const total = progress.runsTotal ?? 0;
    const count = total > 0 ? `${progress.runsDone}/${total}` : `${progress.runsDone}`;
    this.bar.update({ step: `${progress.phase} ${count} runs`, done: progress.runsDone, total });
  }

  clear(): void {
    this.bar.clear();
  }
}
