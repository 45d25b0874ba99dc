/** Bolt's logger interface on top of ours, so Bolt's own lines are JSON too. */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../log.js';

export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  const slack = logger.child({ component: 'bolt' });
  return {
    debug: (...parts) => slack.debug(text(parts)),
    info: (...parts) => slack.info(text(parts)),
    warn: (...parts) => slack.warn(text(parts)),
    error: (...parts) => slack.error(text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
