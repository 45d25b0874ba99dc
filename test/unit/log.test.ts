import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ ...(level ? { level } : {}), write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line, with the fields of its child on every line', () => {
    const { logger, lines } = capture();
    logger.child({ jobId: 'diagnose-1' }).child({ queue: 'diagnose' }).info('report posted', { ts: '1.2' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'report posted',
        jobId: 'diagnose-1',
        queue: 'diagnose',
        ts: '1.2',
      }),
    ]);
  });

  it('drops lines under its level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => line.msg)).toEqual(['loud']);
  });

  it('never writes a token or secret, however deep, and writes errors without their stack', () => {
    const { logger, lines } = capture();
    logger.error('slack call failed', {
      slackBotToken: 'xoxb-1',
      request: { headers: { Authorization: 'Bearer x' }, signingSecret: 's' },
      error: Object.assign(new Error('ratelimited'), { code: 'slack_webapi_rate_limited_error' }),
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('xoxb-1');
    expect(text).not.toContain('Bearer x');
    expect(text).not.toContain('"s"');
    expect(lines[0]!.error).toEqual({
      name: 'Error',
      message: 'ratelimited',
      code: 'slack_webapi_rate_limited_error',
    });
  });

  it('redacts a credential quoted in free text, such as an error message', () => {
    const { logger, lines } = capture();
    logger.warn('google call failed', {
      error: new Error('request with Authorization: Bearer ya29.a0AfH6SMBx-secret-token failed'),
      detail: 'retrying with key=AIzaSyD-EXAMPLEKEY-1234567890abcdefghi',
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('ya29.a0AfH6SMBx-secret-token');
    expect(text).not.toContain('AIzaSyD-EXAMPLEKEY-1234567890abcdefghi');
    expect(text).toContain('google call failed');
  });
});
