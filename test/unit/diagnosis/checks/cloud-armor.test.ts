import { describe, expect, it } from 'vitest';
import { cloudArmorCheck } from '../../../../src/diagnosis/checks/cloud-armor.js';
import type { Estate } from '../../../../src/diagnosis/estate.js';
import type { DenyRuleGroup } from '../../../../src/logs/types.js';
import {
  contextOf,
  denied,
  emptyLogs,
  healthyEstate,
  ok,
  readable,
  URLS,
  withWebsite,
} from './healthy-estate.js';

async function protectedEstate(rules: DenyRuleGroup[] = [], logging = true): Promise<Estate> {
  const estate = await healthyEstate();
  estate.backendServices = ok([
    {
      name: 'apigee-backend',
      selfLink: URLS.backendService,
      backends: [{ group: URLS.instanceGroup }],
      securityPolicy: URLS.policy,
      logConfig: { enable: logging, sampleRate: 1 },
    },
  ]);
  estate.securityPolicies = ok([{ name: 'apigee-armor', selfLink: URLS.policy }]);
  const logs = emptyLogs();
  logs.entriesRead = 1200;
  logs.deny.rules = rules;
  logs.deny.total = rules.filter((r) => !r.preview).reduce((n, r) => n + r.count, 0);
  logs.deny.previewTotal = rules.filter((r) => r.preview).reduce((n, r) => n + r.count, 0);
  logs.deny.topClientIps = [{ value: '203.0.113.7', count: 310 }];
  logs.deny.topPaths = [{ value: '/v1/orders', count: 290 }];
  estate.lbLogs = ok(logs);
  return estate;
}

const geoBlock: DenyRuleGroup = {
  policy: 'apigee-armor',
  kind: 'backend',
  priority: 1000,
  action: 'deny(403)',
  preview: false,
  count: 340,
  firstSeen: '2026-03-01T11:02:00Z',
  lastSeen: '2026-03-01T11:58:00Z',
};

describe('cloud-armor check', () => {
  // Updated: the summary spoke of "any backend service" of the project; the check now looks at the
  // backend services of Apigee's serving path only, and says so.
  it('passes when no backend service of Apigee’s serving path has a security policy', async () => {
    const result = cloudArmorCheck.run(contextOf(await healthyEstate()));
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'No Cloud Armor policy (backend or edge) is attached to the backend service that serves Apigee (apigee-backend), so none can deny its requests.',
    );
  });

  it('passes when a policy is attached but denied nothing in the window', async () => {
    const result = readable(cloudArmorCheck.run(contextOf(await protectedEstate())));
    expect(result.status).toBe('pass');
    expect(result.summary).toMatchInlineSnapshot(
      `"Cloud Armor denied no request between 2026-03-01 11:00:00 UTC and 2026-03-01 12:00:00 UTC (1200 log entries read; 1 backend service with a policy)."`,
    );
  });

  it('fails on enforced denials with the rule, the clients and the paths as evidence', async () => {
    const result = readable(cloudArmorCheck.run(contextOf(await protectedEstate([geoBlock]))));
    expect(result.status).toBe('fail');
    expect(result.summary).toMatchInlineSnapshot(
      `"Cloud Armor denied 340 requests between 2026-03-01 11:00:00 UTC and 2026-03-01 12:00:00 UTC; most by policy apigee-armor rule 1000 (deny(403), 340)."`,
    );
    // The denying rule and its traffic first, then the policy found attached.
    expect(result.evidence).toEqual([
      {
        resource: 'securityPolicies/apigee-armor rule 1000',
        detail: 'deny(403): 340 requests, first 2026-03-01 11:02:00 UTC, last 2026-03-01 11:58:00 UTC',
        relevance: 'fail',
      },
      { resource: 'client 203.0.113.7', detail: '310 denied requests', relevance: 'fail' },
      { resource: 'path /v1/orders', detail: '290 denied requests', relevance: 'fail' },
      {
        resource: 'projects/acme-prj/global/backendServices/apigee-backend',
        detail: 'security policy apigee-armor attached',
        relevance: 'fine',
      },
    ]);
    expect(result.remediation[0]?.commands).toEqual([
      'gcloud compute security-policies rules describe 1000 --security-policy=apigee-armor --project=acme-prj',
      'gcloud compute security-policies rules update 1000 --security-policy=apigee-armor --project=acme-prj --preview',
    ]);
  });

  it('warns when only preview rules would have denied', async () => {
    const result = cloudArmorCheck.run(
      contextOf(await protectedEstate([{ ...geoBlock, preview: true, count: 12 }])),
    );
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('Cloud Armor rules in preview would have denied 12');
    expect(result.evidence[0]?.detail).toMatch(/^preview \(not enforced\) deny\(403\): 12 requests/);
    expect(result.evidence[0]?.relevance).toBe('warn');
  });

  it('reports preview rules apart from enforced ones', async () => {
    const result = cloudArmorCheck.run(
      contextOf(await protectedEstate([geoBlock, { ...geoBlock, priority: 2000, preview: true, count: 4 }])),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('denied 340 requests');
    expect(result.evidence.map((e) => e.resource)).toContain('securityPolicies/apigee-armor rule 2000');
  });

  it('cannot conclude when logging is off on the protected backend service, and says how to turn it on', async () => {
    const result = cloudArmorCheck.run(contextOf(await protectedEstate([], false)));
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      'Logging is disabled on backend service apigee-backend, which has Cloud Armor policy apigee-armor: its denials cannot be seen.',
    );
    expect(result.remediation[0]?.commands).toEqual([
      'gcloud compute backend-services update apigee-backend --project=acme-prj --global --enable-logging --logging-sample-rate=1',
    ]);
  });

  it('is error naming the logging permission when the logs cannot be read', async () => {
    const estate = await protectedEstate();
    estate.lbLogs = denied('logging.logEntries.list', 'logging.entries.list', 'logging');
    const result = cloudArmorCheck.run(contextOf(estate));
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      'Could not read the load balancer request logs: permission logging.logEntries.list is missing on projects/acme-prj',
    );
    expect(result.remediation[0]?.commands[0]).toContain('--role=roles/logging.viewer');
  });

  it('counts an edge security policy, and names an edge rule’s denials as the edge policy’s', async () => {
    const estate = await protectedEstate([
      { ...geoBlock, policy: 'apigee-edge', kind: 'edge', action: 'DENY' },
    ]);
    if (estate.backendServices.ok) {
      const [service] = estate.backendServices.value;
      delete service!.securityPolicy;
      service!.edgeSecurityPolicy = `${URLS.policy}-edge`;
    }
    const result = cloudArmorCheck.run(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/; most by edge policy apigee-edge rule 1000 \(DENY, 340\)\.$/);
    expect(result.evidence).toContainEqual({
      resource: 'projects/acme-prj/global/backendServices/apigee-backend',
      detail: 'edge security policy apigee-armor-edge attached',
      relevance: 'fine',
    });
  });

  it('leaves another load balancer’s policy out, listing that load balancer as ignored', async () => {
    const estate = await healthyEstate();
    withWebsite(estate);
    const result = cloudArmorCheck.run(contextOf(estate));
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('to the backend service that serves Apigee (apigee-backend)');
    expect(result.evidence.map((e) => e.detail)).toEqual([
      'load balancer web-fr (→ web-backend) does not serve Apigee: ignored',
    ]);
  });

  it('is error when the backend services cannot be read', async () => {
    const estate = await healthyEstate();
    estate.backendServices = denied('compute.backendServices.list', 'compute.backendServices.aggregatedList');
    expect(cloudArmorCheck.run(contextOf(estate)).status).toBe('error');
  });

  it('is skipped when the project has no backend service at all', async () => {
    const estate = await healthyEstate();
    estate.backendServices = ok([]);
    const result = cloudArmorCheck.run(contextOf(estate));
    expect(result.status).toBe('skipped');
    expect(result.summary).toBe(
      'Project acme-prj has no backend service: there is no load balancer for a Cloud Armor policy to act on.',
    );
  });
});

describe('cloud-armor check when the log read stopped short of the window', () => {
  const cut = {
    complete: false as const,
    readUpTo: '2026-03-01T11:20:00Z',
    reason: 'the time budget of 120 s ran out (LOG_READ_BUDGET_MS)',
  };

  it('cannot conclude from a partial read that found no denial, and says how much was read', async () => {
    const estate = await protectedEstate();
    if (estate.lbLogs.ok) estate.lbLogs.value.coverage = cut;
    const result = readable(cloudArmorCheck.run(contextOf(estate)));
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `Cloud Armor denied no request in the 1200 log entries read between 2026-03-01 11:00:00 UTC and 2026-03-01 11:20:00 UTC (the read stopped there, short of 2026-03-01 12:00:00 UTC); the rest of the window was not read.`,
    );
    expect(result.evidence.map((e) => e.detail)).toContain(
      'Incomplete: 1200 entries read, up to 2026-03-01 11:20:00 UTC of the window 2026-03-01 11:00:00 UTC → 2026-03-01 12:00:00 UTC (the time budget of 120 s ran out (LOG_READ_BUDGET_MS)); the counts cover that part only.',
    );
  });

  it('still fails on the denials found in the part read', async () => {
    const estate = await protectedEstate([geoBlock]);
    if (estate.lbLogs.ok) estate.lbLogs.value.coverage = cut;
    const result = readable(cloudArmorCheck.run(contextOf(estate)));
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(
      /^Cloud Armor denied 340 requests between .* and 2026-03-01 11:20:00 UTC \(the read stopped there/,
    );
  });

  it('passes a complete read with no denial, as before', async () => {
    const estate = await protectedEstate();
    if (estate.lbLogs.ok) estate.lbLogs.value.coverage = { complete: true };
    expect(cloudArmorCheck.run(contextOf(estate)).status).toBe('pass');
  });
});
