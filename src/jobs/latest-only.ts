/**
 * Runs an async task with the newest value given, one run at a time: values pushed while a run is
 * busy are collapsed into the last one. Progress updates use it so that five checks finishing at
 * once make at most two chat.update calls, never a flood, and never out of order.
 */
export class LatestOnly<T> {
  private pending: { value: T } | undefined;
  private running: Promise<void> = Promise.resolve();
  private busy = false;

  /** @param task runs once per drained value; it reports its own errors (a throw is ignored). */
  constructor(private readonly task: (value: T) => Promise<void>) {}

  push(value: T): void {
    this.pending = { value };
    if (!this.busy) this.running = this.drain();
  }

  /** Resolves once every pushed value has been handled or overtaken. */
  settled(): Promise<void> {
    return this.running;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.pending) {
      const { value } = this.pending;
      this.pending = undefined;
      try {
        await this.task(value);
      } catch {
        // The task has logged it; a later value may still get through.
      }
    }
    this.busy = false;
  }
}
