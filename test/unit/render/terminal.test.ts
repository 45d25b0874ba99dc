import { describe, expect, it } from 'vitest';
import type { CheckResult, Report } from '../../../src/diagnosis/model.js';
import { redact } from '../../../src/redact/value.js';
import { renderReportJson } from '../../../src/render/json.js';
import { renderProgressLine, renderReportText } from '../../../src/render/terminal.js';
import { timeMark } from '../../../src/time-marks.js';

/** The reader's zone is pinned, so that the local times below are the same on every machine. */
const PARIS = { color: false, timeZone: 'Europe/Paris' };

const failing = redact<CheckResult>({
  id: 'proxy-mig',
  title: 'The apigee-proxy VMs can forward to the Apigee instance',
  status: 'fail',
  summary: 'ENDPOINT 10.0.0.2 of template bridge-v1 is not the instance IP 10.0.0.9',
  findings: [
    {
      id: 'proxy-mig/stale-endpoint',
      status: 'fail',
      headline: 'ENDPOINT 10.0.0.2 of template bridge-v1 is not the instance IP 10.0.0.9',
      docs: 'https://docs.example/checks/proxy-mig.md#stale-endpoint',
    },
  ],
  evidence: [
    {
      resource: 'projects/p/global/instanceTemplates/bridge-v1',
      detail: `ENDPOINT=10.0.0.2 since ${timeMark('2026-11-27T08:59:30.250Z')}`,
      relevance: 'fail',
    },
    {
      resource: 'projects/p/global/networks/vpc',
      detail: 'health checks may reach the bridge',
      relevance: 'fine',
    },
  ],
  remediation: [{ step: 'Roll out a template with the new IP.', commands: ['gcloud a\n  --b'] }],
}).value;
const passing = redact<CheckResult>({
  id: 'tls',
  title: 'TLS at the load balancer',
  status: 'pass',
  summary: 'all certificates valid',
  findings: [],
  evidence: [{ resource: 'x', detail: 'hidden for passing checks', relevance: 'fine' }],
  remediation: [],
}).value;
const report = redact<Report>({
  org: 'my-org',
  project: 'my-proj',
  params: { status: '502' },
  window: { since: '2026-11-27T09:00:00.000Z', until: '2026-11-27T10:00:00.000Z' },
  checks: [failing, passing],
  likelyCause: 'proxy-mig',
  docs: 'https://docs.example/checks/README.md',
  ranAs: { member: 'serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com' },
  startedAt: '2026-11-27T10:00:00.000Z',
  durationMs: 42,
  toolVersion: '0.1.0',
}).value;

describe('renderReportText', () => {
  it('names the likely cause first and lists findings, evidence and commands of failing checks only', () => {
    expect(renderReportText(report, PARIS)).toMatchInlineSnapshot(`
      "apigee-doctor diagnosis of organization my-org
      Project: my-proj   Logs: 2026-11-27 10:00:00 GMT+1 to 2026-11-27 11:00:00 GMT+1
      Ran as: serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com
      Looking at: status=502
      Most likely cause: The apigee-proxy VMs can forward to the Apigee instance — ENDPOINT 10.0.0.2 of template bridge-v1 is not the instance IP 10.0.0.9
      1 of 2 checks failed (42 ms).

      FAIL  The apigee-proxy VMs can forward to the Apigee instance (proxy-mig)
            ENDPOINT 10.0.0.2 of template bridge-v1 is not the instance IP 10.0.0.9
            Findings:
              - FAIL proxy-mig/stale-endpoint: ENDPOINT 10.0.0.2 of template bridge-v1 is not the instance IP 10.0.0.9
                https://docs.example/checks/proxy-mig.md#stale-endpoint
            Evidence:
              ✗ projects/p/global/instanceTemplates/bridge-v1: ENDPOINT=10.0.0.2 since 2026-11-27 09:59:30 GMT+1
              ✓ projects/p/global/networks/vpc: health checks may reach the bridge
            What to do:
              1. Roll out a template with the new IP.
                   gcloud a
                     --b

      PASS  TLS at the load balancer (tls)
            all certificates valid

      What each finding means, why it happens, how to fix and verify it: https://docs.example/checks/README.md
      "
    `);
  });

  it('colours only when asked', () => {
    expect(renderReportText(report, { color: false })).not.toContain('\x1b[');
    expect(renderReportText(report, { color: true })).toContain('\x1b[31mFAIL');
  });
});

describe('renderProgressLine', () => {
  it('shows the counter, status, id and summary', () => {
    expect(renderProgressLine(failing, 2, 5, { color: false })).toBe(
      '[2/5] FAIL  proxy-mig   ENDPOINT 10.0.0.2 of template bridge-v1 is not the instance IP 10.0.0.9',
    );
  });
});

describe('renderReportJson', () => {
  it('keeps exactly the fields of the --json contract for each check, findings added', () => {
    const json = JSON.parse(renderReportJson(report));
    expect(json.org).toBe('my-org');
    expect(json.likelyCause).toBe('proxy-mig');
    expect(json.docs).toBe('https://docs.example/checks/README.md');
    expect(Object.keys(json.checks[0]).sort()).toEqual(
      ['evidence', 'findings', 'id', 'remediation', 'status', 'summary', 'title'].sort(),
    );
    expect(json.checks[0].findings).toEqual([
      {
        id: 'proxy-mig/stale-endpoint',
        status: 'fail',
        headline: 'ENDPOINT 10.0.0.2 of template bridge-v1 is not the instance IP 10.0.0.9',
        docs: 'https://docs.example/checks/proxy-mig.md#stale-endpoint',
      },
    ]);
  });

  it('lists evidence most relevant first with its relevance, its times in UTC, and who the diagnosis ran as', () => {
    const json = JSON.parse(renderReportJson(report));
    expect(json.checks[0].evidence).toEqual([
      {
        resource: 'projects/p/global/instanceTemplates/bridge-v1',
        detail: 'ENDPOINT=10.0.0.2 since 2026-11-27 08:59:30 UTC',
        relevance: 'fail',
      },
      {
        resource: 'projects/p/global/networks/vpc',
        detail: 'health checks may reach the bridge',
        relevance: 'fine',
      },
    ]);
    expect(json.window).toEqual({ since: '2026-11-27T09:00:00.000Z', until: '2026-11-27T10:00:00.000Z' });
    expect(json.ranAs).toEqual({ member: 'serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com' });
  });
});
