/** Which response_urls we would ever post to: Slack's, or the configured Slack stand-in's. */
import { describe, expect, it } from 'vitest';
import { isSlackResponseUrl } from '../../../src/contract/slack.js';

describe('isSlackResponseUrl', () => {
  it.each([
    'https://hooks.slack.com/commands/T0/123/abc',
    'https://hooks.slack.com/actions/T0/456/def',
    'https://hooks.slack-gov.com/commands/T0/789/ghi',
  ])('takes %s', (url) => {
    expect(isSlackResponseUrl(url)).toBe(true);
  });

  it.each([
    'http://hooks.slack.com/commands/T0/123/abc',
    'https://hooks.slack.com:8443/commands/T0/123/abc',
    'https://hooks.slack.com.evil.example/commands/T0/1/a',
    'https://evil.example/?hooks.slack.com',
    'https://user:pw@hooks.slack.com/commands/T0/1/a',
    'http://169.254.169.254/computeMetadata/v1/',
    'http://127.0.0.1:6379/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isSlackResponseUrl(url)).toBe(false);
  });

  it('takes the origin of SLACK_API_URL (a stand-in), and only that origin', () => {
    const api = 'http://127.0.0.1:4100/api/';
    expect(isSlackResponseUrl('http://127.0.0.1:4100/response/1', api)).toBe(true);
    expect(isSlackResponseUrl('http://127.0.0.1:4101/response/1', api)).toBe(false);
  });
});
