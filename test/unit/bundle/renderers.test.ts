import { describe, expect, it } from 'vitest';
import { renderBundleMarkdown } from '../../../src/bundle/markdown.js';
import { renderPasteText } from '../../../src/bundle/paste.js';
import type { RedactedBundle, SupportBundle } from '../../../src/bundle/types.js';
import { bundleBaseName, renderBundleFiles } from '../../../src/bundle/write.js';
import { redact } from '../../../src/redact/value.js';
import { timeMark } from '../../../src/time-marks.js';

const denied = {
  ok: false as const,
  error: {
    kind: 'permission-denied' as const,
    api: 'compute' as const,
    method: 'compute.urlMaps.list',
    resource: 'projects/p',
    message: 'Required compute.urlMaps.list',
  },
};

/** A bundle where the load balancer answered 502 and Compute denied one list (redacted, as renderers take it). */
function bundle(): RedactedBundle {
  const built: SupportBundle = {
    format: 'apigee-doctor-support-bundle/1',
    toolVersion: '0.1.0',
    createdAt: '2026-03-01T12:00:00.123Z',
    org: 'acme-prod',
    project: 'acme-prod',
    request: {
      org: 'acme-prod',
      env: 'prod',
      proxy: 'orders-v1',
      host: 'api.example.com',
      path: '/v1/orders',
    },
    window: { since: '2026-03-01T11:00:00.000Z', until: '2026-03-01T12:00:00.000Z' },
    organization: { ok: true, value: { name: 'acme-prod' } },
    instances: { ok: true, value: [] },
    envgroups: { ok: true, value: [{ name: 'prod-group', hostnames: ['api.example.com'] }] },
    deployments: {
      ok: true,
      value: [{ apiProxy: 'orders-v1', revision: '3', environment: 'prod', state: 'READY' }],
    },
    debugSessions: { ok: true, value: [] },
    probe: {
      result: {
        hostname: 'api.example.com',
        port: 443,
        method: 'GET',
        path: '/v1/orders',
        ok: true,
        response: {
          httpVersion: 'HTTP/1.1',
          status: 502,
          statusText: 'Bad Gateway',
          headers: [],
          bodySnippet: '',
          bodySnippetBytes: 0,
          bodyTruncated: false,
        },
        timings: { totalMs: 12 },
      },
      transcript: '< HTTP/1.1 502 Bad Gateway\n',
    },
    tlsProbes: [],
    loadBalancer: {
      forwardingRules: { ok: true, value: [] },
      targetHttpsProxies: { ok: true, value: [] },
      urlMaps: denied,
      backendServices: { ok: true, value: [] },
      sslCertificates: { ok: true, value: [] },
      securityPolicies: { ok: true, value: [] },
    },
    checks: [
      {
        id: 'proxy-mig',
        title: 'Bridge VMs',
        status: 'fail',
        summary: `no backend is HEALTHY since ${timeMark('2026-03-01T11:30:00Z')}`,
        findings: [
          {
            id: 'proxy-mig/no-healthy-backend',
            status: 'fail',
            headline: 'no backend is HEALTHY',
            docs: 'https://docs.example/checks/proxy-mig.md#no-healthy-backend',
          },
        ],
        evidence: [{ resource: 'mig-1', detail: '0 of 2 HEALTHY', relevance: 'fail' }],
        remediation: [{ step: 'fix the ENDPOINT', commands: ['gcloud compute instance-templates create …'] }],
      },
      {
        id: 'tls',
        title: 'TLS',
        status: 'pass',
        summary: 'certificates valid',
        findings: [],
        evidence: [],
        remediation: [],
      },
    ],
    likelyCause: 'proxy-mig',
    logs: {
      ok: true,
      value: {
        window: { since: '2026-03-01T11:00:00.000Z', until: '2026-03-01T12:00:00.000Z' },
        filter: 'resource.type="http_load_balancer"',
        entriesRead: 40,
        deny: {
          total: 0,
          previewTotal: 0,
          rules: [],
          topClientIps: [],
          topPaths: [],
          topHosts: [],
          topUserAgents: [],
          topStatuses: [],
        },
        errors: {
          total: 40,
          groups: [
            {
              statusDetails: 'failed_to_pick_backend',
              statuses: [{ value: '502', count: 40 }],
              count: 40,
              lastSeen: '2026-03-01T11:59:00.000Z',
            },
          ],
        },
      },
    },
    redacted: ['authorization-header'],
  };
  return redact(built).value;
}

describe('support bundle renderers', () => {
  it('names the files after the org and the time, safe on any file system', () => {
    expect(bundleBaseName(bundle())).toBe('apigee-doctor-bundle-acme-prod-20260301T120000Z');
  });

  it('writes a paste text with the symptom, the failing checks, the log figures and the attachments', () => {
    expect(renderPasteText(bundle(), ['b.json', 'b.md'])).toBe(
      [
        'Apigee X organization: acme-prod (load balancer project: acme-prod)',
        'Environment: prod; API proxy: orders-v1',
        'Symptom: external clients cannot reach https://api.example.com/v1/orders',
        'Time window examined: 2026-03-01 11:00:00 UTC to 2026-03-01 12:00:00 UTC',
        'Request result: HTTP 502 Bad Gateway',
        'apigee-doctor findings (most likely: proxy-mig):',
        '- proxy-mig FAIL: no backend is HEALTHY since 2026-03-01 11:30:00 UTC',
        'Load balancer logs: 0 Cloud Armor denials; 40 4xx/5xx responses (most: failed_to_pick_backend, 40).',
        'Attached: b.json, b.md (secrets redacted: authorization-header).',
        'Collected 2026-03-01 12:00:00 UTC with apigee-doctor 0.1.0.',
        '',
      ].join('\n'),
    );
  });

  it('writes Markdown with the checks, remediation commands, the error breakdown and what could not be read', () => {
    const markdown = renderBundleMarkdown(bundle());

    expect(markdown).toContain('| proxy-mig | fail | no backend is HEALTHY since 2026-03-01 11:30:00 UTC |');
    expect(markdown).toContain('```sh\ngcloud compute instance-templates create …\n```');
    expect(markdown).toContain('| failed_to_pick_backend | 502×40 | 40 | 2026-03-01 11:59:00 UTC |');
    // Read by support engineers anywhere: UTC to the second, never a millisecond ISO stamp.
    expect(markdown).toContain('- Log window: 2026-03-01 11:00:00 UTC → 2026-03-01 12:00:00 UTC');
    expect(markdown).toContain('- Collected: 2026-03-01 12:00:00 UTC by apigee-doctor 0.1.0');
    expect(markdown).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect(markdown).not.toContain('⟦');
    expect(markdown).toContain('- Debug sessions: none exists for this proxy (none was created)');
    expect(markdown).toContain(
      '### URL maps\n\ncould not be read: permission-denied on compute.urlMaps.list',
    );
    expect(markdown).toContain('- Redacted: authorization-header (values never included)');
  });

  it('keeps the JSON file’s ISO fields, and writes a time inside a sentence in UTC', () => {
    const json = JSON.parse(renderBundleFiles(bundle()).json.content) as {
      window: { since: string };
      checks: { summary: string }[];
    };
    expect(json.window.since).toBe('2026-03-01T11:00:00.000Z');
    expect(json.checks[0]?.summary).toBe('no backend is HEALTHY since 2026-03-01 11:30:00 UTC');
  });
});
