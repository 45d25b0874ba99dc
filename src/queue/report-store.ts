/**
 * Finished reports by their Slack root message, so that a Details click can show a check's full
 * evidence without running the diagnosis again. Only redacted reports are stored, and a report read
 * back is redacted again (the store is outside the process: what comes back is data).
 */
import type { Redis } from 'ioredis';
import type { Report } from '../diagnosis/model.js';
import { type Redacted, redact } from '../redact/value.js';

/** How long the Details button of a report keeps working. */
export const REPORT_TTL_SECONDS = 14 * 24 * 3_600;

export class ReportStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(channel: string, ts: string): string {
    return `${this.prefix}:report:${channel}:${ts}`;
  }

  async save(channel: string, ts: string, report: Redacted<Report>): Promise<void> {
    await this.redis.set(this.key(channel, ts), JSON.stringify(report), 'EX', REPORT_TTL_SECONDS);
  }

  /** The report posted as message `ts` in `channel`, or undefined once it has expired. */
  async load(channel: string, ts: string): Promise<Redacted<Report> | undefined> {
    const text = await this.redis.get(this.key(channel, ts));
    return text ? redact(JSON.parse(text) as Report).value : undefined;
  }
}
