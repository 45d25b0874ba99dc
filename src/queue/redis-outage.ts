/**
 * A Redis outage in the log as two lines: a warning when Redis goes away and a line when it is back.
 * While it is away every connection (two per BullMQ worker, and the role's own) fails again at each
 * reconnect attempt, which would otherwise be a line per connection every two seconds.
 */
import type { Logger } from '../log.js';

export class RedisOutageLog {
  /** The connections that failed and have not been ready since. */
  private readonly lost = new Set<string>();

  /**
   * @param meanwhile what the role does while Redis is away, said in the warning
   *   (e.g. `jobs wait until it is back`)
   */
  constructor(
    private readonly log: Logger,
    private readonly meanwhile: string,
  ) {}

  /** `connection` failed: the first failure of an outage is logged, with its error code. */
  failed(connection: string, error: Error): void {
    const first = this.lost.size === 0;
    this.lost.add(connection);
    if (first) {
      const code = (error as { code?: unknown }).code;
      this.log.warn(`redis unavailable; ${this.meanwhile}`, { code, error });
    }
  }

  /** `connection` is ready: Redis is back once every connection that failed is. */
  ready(connection: string): void {
    if (this.lost.delete(connection) && this.lost.size === 0) this.log.info('redis is back');
  }
}
