/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
import type { Progress } from '../../core/profiler.js';

export class ProgressBar {
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY);
  }

  update(progress: Progress): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 50 && progress.runsDone !== progress.runsTotal) return;
    this.lastDraw = now;
    const width = 30;
    const total = progress.runsTotal;
    const fraction = total ? Math.min(1, progress.runsDone / total) : 0;
    const bar = total ? '█'.repeat(Math.round(fraction * width)).padEnd(width, '░') : '·'.repeat(width);
    const count = total ? `${progress.runsDone}/${total}` : `${progress.runsDone}`;
    this.stream.write(`\r${progress.phase.padEnd(7)} ${bar} ${count}   `);
  }

  clear(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}
