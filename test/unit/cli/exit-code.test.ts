import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../../src/cli/diagnose.js';
import type { CheckResult, CheckStatus, Report } from '../../../src/diagnosis/model.js';

function report(...statuses: CheckStatus[]): Report {
  const checks = statuses.map(
    (status, i): CheckResult => ({
      id: (['tls', 'cloud-armor', 'proxy-mig', 'network', 'attachments'] as const)[i]!,
      title: 't',
      status,
      summary: 's',
      evidence: [],
      remediation: [],
      findings: [],
    }),
  );
  return {
    org: 'o',
    project: 'p',
    params: {},
    window: { since: '2026-03-01T11:00:00.000Z', until: '2026-03-01T12:00:00.000Z' },
    checks,
    startedAt: '2026-03-01T12:00:00.000Z',
    durationMs: 1,
    toolVersion: '0',
    docs: 'https://example.com/docs/checks/README.md',
  };
}

describe('exitCodeOf (the CLI contract)', () => {
  it('is 0 when every check concluded and none failed (warnings and skips included)', () => {
    expect(exitCodeOf(report('pass', 'warn', 'skipped', 'pass', 'pass'))).toBe(0);
  });

  it('is 1 when some check failed, whatever else could not conclude', () => {
    expect(exitCodeOf(report('fail', 'error', 'pass', 'pass', 'pass'))).toBe(1);
  });

  it('is 3 when none failed but some could not conclude', () => {
    expect(exitCodeOf(report('pass', 'error', 'pass', 'warn', 'pass'))).toBe(3);
  });
});
