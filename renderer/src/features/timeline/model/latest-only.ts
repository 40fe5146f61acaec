/**
 * At most one request in flight, and only the newest waiting: a wheel zoom fires dozens
 * of windows a second and the engine answers each in tens of milliseconds, so asking
 * for every one would queue stale work while the newest waits. The answer to a request
 * that was superseded while in flight is still delivered (it is newer than what is
 * drawn) but the newest then follows at once.
 */
export class LatestOnly<Arg, Result> {
  private inFlight = false;
  private pending: { arg: Arg } | null = null;
  private disposed = false;

  constructor(
    private readonly fetch: (arg: Arg) => Promise<Result>,
    private readonly onResult: (result: Result, arg: Arg) => void,
    private readonly onError: (error: unknown, arg: Arg) => void,
  ) {}

  request(arg: Arg): void {
    if (this.disposed) return;
    if (this.inFlight) {
      this.pending = { arg };
      return;
    }
    this.run(arg);
  }

  /** Drops the waiting request and every answer still to come. */
  dispose(): void {
    this.disposed = true;
    this.pending = null;
  }

  private run(arg: Arg): void {
    this.inFlight = true;
    this.fetch(arg).then(
      (result) => this.settle(() => this.onResult(result, arg)),
      (error: unknown) => this.settle(() => this.onError(error, arg)),
    );
  }

  private settle(deliver: () => void): void {
    this.inFlight = false;
    if (this.disposed) return;
    deliver();
    const next = this.pending;
    this.pending = null;
    if (next && !this.disposed) this.run(next.arg);
  }
}
