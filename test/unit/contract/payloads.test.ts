import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../../src/contract/payloads.js';
import { QUEUE } from '../../../src/contract/queues.js';
import { InvalidPayloadError } from '../../../src/errors/index.js';

const denyLogs = (args: Record<string, string>) => ({
  args: { org: 'acme-prod', ...args },
  project: 'acme-prod',
  requestedBy: { user: 'U0ONCALL', channel: 'C0PLATFORM' },
  channel: 'C0PLATFORM',
  responseUrl: 'https://hooks.slack.com/commands/T0/1/abc',
});

describe('the deny-logs job payload', () => {
  it('carries the window as the user typed it, --until included', () => {
    const payload = denyLogs({ since: '2026-03-01T00:00:00Z', until: '2026-03-01T12:00:00Z' });
    expect(parsePayload(QUEUE.denyLogs, payload)).toEqual(payload);
    expect(parsePayload(QUEUE.denyLogs, denyLogs({ since: '24h' })).args).toEqual({
      org: 'acme-prod',
      since: '24h',
    });
  });

  it('refuses a window the worker could not read, naming the flag', () => {
    expect(() => parsePayload(QUEUE.denyLogs, denyLogs({ until: 'tomorrow' }))).toThrow(InvalidPayloadError);
    expect(() => parsePayload(QUEUE.denyLogs, denyLogs({ until: 'tomorrow' }))).toThrow(/--until/);
  });

  it('refuses a response_url that is not an http(s) URL', () => {
    expect(() =>
      parsePayload(QUEUE.denyLogs, { ...denyLogs({}), responseUrl: 'file:///etc/passwd' }),
    ).toThrow(/responseUrl/);
  });
});
