/**
 * Job ids that make the same request one job: a double click, or Slack delivering a command twice,
 * lands on an id that already exists and BullMQ keeps the first. BullMQ refuses ids with `:` (its
 * key separator) and ids that look like integers, so every id starts with its queue name and
 * keeps only letters, digits, `.`, `_` and `-`.
 */
import type { QueueName } from './queues.js';

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The id of a job of `queue` identified by `parts` (channel, message ts, trigger id …). */
export function jobId(queue: QueueName, ...parts: string[]): string {
  return [queue, ...parts].map(safe).join('-');
}
