import { describe, expect, it } from 'vitest';
import { FilterError, matchesFilter, parseFilter, timeBounds } from '../../../src/emulator/logging-filter.js';

const deny = {
  timestamp: '2025-03-01T10:00:00.123456789Z',
  severity: 'WARNING',
  logName: 'projects/p/logs/requests',
  resource: { type: 'http_load_balancer', labels: { project_id: 'p', forwarding_rule_name: 'fr-https' } },
  httpRequest: { status: 403, remoteIp: '203.0.113.7', requestUrl: 'https://api.example.com/v1/orders' },
  jsonPayload: {
    enforcedSecurityPolicy: { name: 'edge', priority: 1000, outcome: 'DENY' },
    statusDetails: 'denied_by_security_policy',
  },
  labels: { 'compute.googleapis.com/root_trigger_id': 'abc' },
};

const matches = (filter: string) => matchesFilter(deny, parseFilter(filter));

describe('Logging filter: comparisons', () => {
  it('= and != compare strings exactly and numbers as numbers', () => {
    expect(matches('resource.type = "http_load_balancer"')).toBe(true);
    expect(matches('resource.type = "HTTP_LOAD_BALANCER"')).toBe(false);
    expect(matches('httpRequest.status = 403')).toBe(true);
    expect(matches('httpRequest.status != 403')).toBe(false);
    expect(matches('jsonPayload.enforcedSecurityPolicy.priority = 1000')).toBe(true);
  });

  it('ordering operators on numbers', () => {
    expect(matches('httpRequest.status >= 400')).toBe(true);
    expect(matches('httpRequest.status < 400')).toBe(false);
    expect(matches('httpRequest.status > 403')).toBe(false);
    expect(matches('httpRequest.status <= 403')).toBe(true);
  });

  it('timestamps compare as times, whatever their precision or form', () => {
    expect(matches('timestamp >= "2025-03-01T10:00:00Z"')).toBe(true);
    expect(matches('timestamp < "2025-03-01T11:00:00+01:00"')).toBe(false);
    expect(matches('timestamp > 2025-03-01T09:59:59Z')).toBe(true);
  });

  it('severities compare by rank, not alphabetically', () => {
    expect(matches('severity >= WARNING')).toBe(true);
    expect(matches('severity >= ERROR')).toBe(false);
    expect(matches('severity > INFO')).toBe(true);
    expect(matches('severity = 400')).toBe(true);
  });

  it('`:` is a case-insensitive substring match; `:*` tests presence', () => {
    expect(matches('httpRequest.requestUrl:"/V1/ORDERS"')).toBe(true);
    expect(matches('jsonPayload.enforcedSecurityPolicy:*')).toBe(true);
    expect(matches('jsonPayload.previewSecurityPolicy:*')).toBe(false);
    expect(matches('httpRequest.remoteIp:"203.0.113."')).toBe(true);
  });

  it('regular expressions with =~ and !~', () => {
    expect(matches('httpRequest.requestUrl =~ "^https://api\\\\.example\\\\.com/"')).toBe(true);
    expect(matches('httpRequest.remoteIp !~ "^203\\\\."')).toBe(false);
  });

  it('a leading (?i) makes a regular expression case-insensitive, as in RE2', () => {
    expect(matches('httpRequest.requestUrl =~ "^https?://API[.]EXAMPLE[.]com([:/]|$)"')).toBe(false);
    expect(matches('httpRequest.requestUrl =~ "(?i)^https?://API[.]EXAMPLE[.]com([:/]|$)"')).toBe(true);
    expect(matches('httpRequest.requestUrl =~ "(?i)^https?://(www[.]example[.]com)([:/]|$)"')).toBe(false);
  });

  it('resource labels, each of Apigee’s front ends in its own parentheses', () => {
    const scoped =
      '((resource.type="http_load_balancer" AND resource.labels.forwarding_rule_name="fr-https")' +
      ' OR (resource.type="http_external_regional_lb_rule" AND resource.labels.forwarding_rule_name="fr-eu"))';
    expect(matches(`${scoped} AND httpRequest.status>=400`)).toBe(true);
    expect(matches('resource.labels.forwarding_rule_name="web-fr"')).toBe(false);
  });

  it('a comparison on a missing field is false, even for !=', () => {
    expect(matches('jsonPayload.missing = "x"')).toBe(false);
    expect(matches('jsonPayload.missing != "x"')).toBe(false);
    expect(matches('NOT jsonPayload.missing = "x"')).toBe(true);
  });

  it('quoted path segments reach keys with dots and slashes', () => {
    expect(matches('labels."compute.googleapis.com/root_trigger_id" = "abc"')).toBe(true);
  });

  it('log_id() matches the decoded log id', () => {
    expect(matches('log_id("requests")')).toBe(true);
    expect(matches('log_id("cloudaudit.googleapis.com/activity")')).toBe(false);
    expect(
      matchesFilter(
        { logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity' },
        parseFilter('log_id("cloudaudit.googleapis.com/activity")'),
      ),
    ).toBe(true);
  });
});

describe('Logging filter: boolean structure', () => {
  it('juxtaposition is AND', () => {
    expect(matches('resource.type="http_load_balancer" httpRequest.status=403')).toBe(true);
    expect(matches('resource.type="http_load_balancer" httpRequest.status=200')).toBe(false);
  });

  it('OR binds tighter than AND, as in Logging', () => {
    // a AND b OR c  is  a AND (b OR c): false AND (...) is false.
    expect(matches('httpRequest.status=200 AND httpRequest.status=403 OR severity=WARNING')).toBe(false);
    // Read left to right with AND first it would be true.
    expect(matches('(httpRequest.status=200 AND httpRequest.status=403) OR severity=WARNING')).toBe(true);
  });

  it('NOT and - negate; parentheses group', () => {
    expect(matches('NOT httpRequest.status=200')).toBe(true);
    expect(matches('-httpRequest.status=403')).toBe(false);
    expect(matches('NOT (httpRequest.status=200 OR httpRequest.status=403)')).toBe(false);
  });

  it('an empty filter matches everything', () => {
    expect(matches('')).toBe(true);
    expect(matches('   ')).toBe(true);
  });
});

describe('Logging filter: refused syntax', () => {
  it.each([
    ['a global search term', '"free text"'],
    ['a bare word without operator', 'resource.type'],
    ['an unknown function', 'sample(insertId, 0.1)'],
    ['an unclosed parenthesis', '(httpRequest.status=403'],
    ['an unterminated string', 'resource.type="http'],
    ['a dangling operator', 'httpRequest.status='],
    ['an invalid regular expression', 'httpRequest.remoteIp =~ "("'],
  ])('%s is a FilterError', (_what, filter) => {
    expect(() => parseFilter(filter)).toThrow(FilterError);
  });
});

describe('timeBounds', () => {
  it('takes the window from the top-level conjunction only', () => {
    const from = Date.parse('2025-03-01T00:00:00Z');
    const to = Date.parse('2025-03-02T00:00:00Z');
    expect(
      timeBounds(parseFilter('timestamp>="2025-03-01T00:00:00Z" AND timestamp<"2025-03-02T00:00:00Z" x=1')),
    ).toEqual({ from, to: to - 1 });
    expect(timeBounds(parseFilter('timestamp>="2025-03-01T00:00:00Z" OR x=1'))).toEqual({});
  });
});
