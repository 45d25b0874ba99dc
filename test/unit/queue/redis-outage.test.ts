import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { RedisOutageLog } from '../../../src/queue/redis-outage.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ write: (line) => lines.push(JSON.parse(line)) });
  return { outage: new RedisOutageLog(logger, 'jobs wait until it is back'), lines };
}

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
/** A worker role's connections: its own, and each queue's worker. */
const CONNECTIONS = ['state', 'queue diagnose', 'queue deny-logs', 'queue bundle', 'queue export'];

describe('a Redis outage in the log', () => {
  it('is one warning with the error code however often each connection fails, then one line when all are back', () => {
    const { outage, lines } = capture();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      for (const connection of CONNECTIONS) {
        outage.failed(connection, refused());
        outage.failed(connection, refused()); // a worker has two connections
      }
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      msg: 'redis unavailable; jobs wait until it is back',
      code: 'ECONNREFUSED',
    });

    for (const connection of CONNECTIONS) outage.ready(connection);
    expect(lines.slice(1)).toEqual([expect.objectContaining({ level: 'info', msg: 'redis is back' })]);
  });

  it('is not over while a connection that failed has not reconnected', () => {
    const { outage, lines } = capture();
    outage.failed('state', refused());
    outage.failed('queue diagnose', refused());
    outage.ready('state');
    expect(lines.map((line) => line.msg)).toEqual(['redis unavailable; jobs wait until it is back']);
    outage.ready('queue diagnose');
    expect(lines.map((line) => line.msg)).toEqual([
      'redis unavailable; jobs wait until it is back',
      'redis is back',
    ]);
  });

  it('says nothing when connections that never failed become ready, and logs the next outage again', () => {
    const { outage, lines } = capture();
    outage.ready('state');
    expect(lines).toEqual([]);
    outage.failed('state', refused());
    outage.ready('state');
    outage.failed('state', refused());
    expect(lines.map((line) => line.level)).toEqual(['warn', 'info', 'warn']);
  });
});
