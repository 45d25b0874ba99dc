/**
 * Runs an async task with the newest value given, one run at a time and, with `spacingMs`, at most
 * one run per that many milliseconds: values pushed meanwhile are collapsed into the last one.
 * Progress updates use it so that checks finishing together make one chat.update, never a flood,
 * and never out of order; a value still waiting when the final state is ready is dropped (`finish`).
 */
export class LatestOnly<T> {
  private pending: { value: T } | undefined;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private lastStartedAt = Number.NEGATIVE_INFINITY;
  /** Ends the wait for the next run early (`finish`). */
  private wake: (() => void) | undefined;

  /**
   * @param task runs once per drained value; it reports its own errors (a throw is ignored)
   * @param spacingMs least time from the start of one run to the start of the next (default 0)
   */
  constructor(
    private readonly task: (value: T) => Promise<void>,
    private readonly spacingMs = 0,
  ) {}

  push(value: T): void {
    this.pending = { value };
    if (!this.busy) this.running = this.drain();
  }

  /** Resolves once every pushed value has been handled or overtaken. */
  settled(): Promise<void> {
    return this.running;
  }

  /** Drops the value waiting for its turn, if any; resolves once the run under way is done. */
  finish(): Promise<void> {
    this.pending = undefined;
    this.wake?.();
    return this.running;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.pending) {
      const wait = this.lastStartedAt + this.spacingMs - Date.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
        if (!this.pending) break;
      }
      const { value } = this.pending;
      this.pending = undefined;
      this.lastStartedAt = Date.now();
      try {
        await this.task(value);
      } catch {
        // The task has logged it; a later value may still get through.
      }
    }
    this.busy = false;
  }
}
