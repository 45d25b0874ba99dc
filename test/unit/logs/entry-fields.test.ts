import { describe, expect, it } from 'vitest';
import { requestHostAndPath, subMillisecond } from '../../../src/logs/entry-fields.js';

describe('requestHostAndPath', () => {
  it.each([
    ['https://API.example.com/v1/orders?key=1#top', 'api.example.com', '/v1/orders'],
    ['https://api.example.com', 'api.example.com', '/'],
    ['https://api.example.com?x=1', 'api.example.com', '/'],
    ['http://user:pw@api.example.com:8443/a/b', 'api.example.com:8443', '/a/b'],
    ['/relative/path?q=1', '', '/relative/path'],
    [undefined, '', ''],
  ])('%s → host %s, path %s', (url, host, path) => {
    expect(requestHostAndPath(url)).toEqual({ host, path });
  });
});

describe('subMillisecond', () => {
  it('reads the digits below the millisecond as nanoseconds', () => {
    expect(subMillisecond('2026-03-01T00:00:10.123456789Z')).toBe(456789);
    expect(subMillisecond('2026-03-01T00:00:10.1234Z')).toBe(400000);
    expect(subMillisecond('2026-03-01T00:00:10.5Z')).toBe(0);
    expect(subMillisecond('2026-03-01T00:00:10Z')).toBe(0);
  });
});
