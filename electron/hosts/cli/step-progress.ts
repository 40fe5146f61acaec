/** A one-line progress bar for work counted in steps, on stderr, drawn only on a terminal. */
export interface StepProgress {
  step: string;
  done: number;
  total: number;
}

export class StepProgressBar {
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY);
  }

  update(progress: StepProgress): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 50 && progress.done !== progress.total) return;
    this.lastDraw = now;
    const width = 30;
    const fraction = progress.total ? Math.min(1, progress.done / progress.total) : 0;
    const bar = '█'.repeat(Math.round(fraction * width)).padEnd(width, '░');
    this.stream.write(`\r\x1b[K${bar} ${String(Math.round(fraction * 100)).padStart(3)} %  ${progress.step}`);
  }

  clear(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}
