/**
 * Check results and reports for the renderer tests: a small realistic one, and huge ones. They are
 * redacted, as everything a renderer takes is; buttons are sealed with a fixed test key.
 */
import { ButtonSeal } from '../../../../src/contract/button-seal.js';
import type { ButtonValue, SlackMessage } from '../../../../src/contract/slack.js';
import type { CheckResult, Report } from '../../../../src/diagnosis/model.js';
import { type Redacted, redact } from '../../../../src/redact/value.js';
import { timeMark } from '../../../../src/time-marks.js';

/** The seal of the renderer tests (a fixed key); `testSeal.openJson` reads a sealed value back. */
export const testSeal = new ButtonSeal(Buffer.alloc(32, 7));
export const seal = testSeal.seal;

function redacted(check: CheckResult): Redacted<CheckResult> {
  return redact(check).value;
}

export const value: ButtonValue = {
  args: { org: 'acme-prod', status: '502', since: '1h' },
  channel: 'C0123',
  ts: '1700000000.000100',
};

export const tlsFailure = redacted({
  id: 'tls',
  title: 'TLS certificate served by the load balancer',
  status: 'fail',
  summary: 'Certificate api-cert expired on 2026-01-02 (25 days ago) for api.acme.com',
  findings: [
    {
      id: 'tls/certificate-expired',
      status: 'fail',
      headline: 'Certificate api-cert expired on 2026-01-02 (25 days ago) for api.acme.com',
      docs: 'https://docs.example/checks/tls.md#certificate-expired',
    },
  ],
  evidence: [
    {
      resource: 'projects/acme/global/sslCertificates/api-cert',
      detail: `notAfter ${timeMark('2026-01-02T00:00:00Z')}`,
      relevance: 'fail',
    },
    {
      resource: 'projects/acme/global/targetHttpsProxies/apigee-proxy',
      detail: 'serves api-cert for <api.acme.com>',
      relevance: 'fine',
    },
  ],
  remediation: [
    {
      step: 'Create a new certificate & attach it to the proxy',
      commands: [
        'gcloud compute ssl-certificates create api-cert-2026 --certificate=cert.pem --private-key=key.pem --project=acme',
        'gcloud compute target-https-proxies update apigee-proxy --ssl-certificates=api-cert-2026 --project=acme',
      ],
    },
  ],
});

export const armorPass = redacted({
  id: 'cloud-armor',
  title: 'Cloud Armor',
  status: 'pass',
  summary: 'No Cloud Armor policy on the backend services',
  findings: [],
  evidence: [],
  remediation: [],
});

export const migWarn = redacted({
  id: 'proxy-mig',
  title: 'Apigee proxy MIG',
  status: 'warn',
  summary: 'Boot image family debian-10 has reached end of life',
  findings: [
    {
      id: 'proxy-mig/boot-image-end-of-life',
      status: 'warn',
      headline: 'Boot image family debian-10 has reached end of life',
      docs: 'https://docs.example/checks/proxy-mig.md#boot-image-end-of-life',
    },
  ],
  evidence: [
    {
      resource: 'projects/acme/global/instanceTemplates/apigee-mig-1',
      detail: 'image debian-10',
      relevance: 'warn',
    },
  ],
  remediation: [{ step: 'Move the template to a supported image', commands: [] }],
});

export const networkError = redacted({
  id: 'network',
  title: 'Network and peering',
  status: 'error',
  summary: 'Missing permission compute.networks.get on project acme',
  findings: [
    {
      id: 'common/permission-denied',
      status: 'error',
      headline: 'Missing permission compute.networks.get on project acme',
      docs: 'https://docs.example/checks/common.md#permission-denied',
    },
  ],
  evidence: [
    {
      resource: 'projects/acme',
      detail: 'compute.networks.get failed: permission compute.networks.get is missing on projects/acme',
      relevance: 'error',
    },
  ],
  remediation: [
    {
      step: 'Grant serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com roles/compute.viewer (which holds compute.networks.get) on project acme, then run again.',
      commands: [
        'gcloud projects add-iam-policy-binding acme --member=serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com --role=roles/compute.viewer',
      ],
    },
  ],
});

export const attachmentsPass = redacted({
  id: 'attachments',
  title: 'Instance attachments',
  status: 'pass',
  summary: 'Every environment is attached to every instance',
  findings: [],
  evidence: [],
  remediation: [],
});

export function report(checks: CheckResult[], likelyCause?: CheckResult['id']): Redacted<Report> {
  const built: Report = {
    org: 'acme-prod',
    project: 'acme',
    params: { status: '502' },
    window: { since: '2026-01-27T09:00:00Z', until: '2026-01-27T10:00:00Z' },
    checks,
    ...(likelyCause ? { likelyCause } : {}),
    docs: 'https://docs.example/checks/README.md',
    startedAt: '2026-01-27T10:00:00Z',
    durationMs: 4200,
    toolVersion: '0.1.0',
  };
  return redact(built).value;
}

/** Text mixing Korean, emoji with modifiers and ZWJ sequences, and flags: all multi-unit characters. */
export const multiByte = '인증서가 만료되었습니다 👩🏽‍💻 🇰🇷 ✅ ';

/** A check whose every field is enormous: 100 checks' worth of evidence and 10k-character commands. */
export function hugeCheck(id: CheckResult['id'] = 'cloud-armor'): Redacted<CheckResult> {
  return redacted({
    id,
    title: `Cloud Armor ${multiByte.repeat(20)}`,
    status: 'fail',
    summary: `Denied <requests> & more ${multiByte.repeat(200)}`,
    findings: Array.from({ length: 40 }, (_, i) => ({
      id: 'cloud-armor/requests-denied',
      status: 'fail' as const,
      headline: `Denied <requests> by rule ${i} & more ${multiByte.repeat(20)}`,
      docs: 'https://docs.example/checks/cloud-armor.md#requests-denied',
    })),
    evidence: Array.from({ length: 500 }, (_, i) => ({
      resource: `projects/acme/global/securityPolicies/policy-${i}-${'x'.repeat(100)}`,
      detail: `${i} denials from 203.0.113.${i % 255} ${multiByte.repeat(10)} <b>&amp;</b>`,
      relevance: 'fail' as const,
    })),
    remediation: Array.from({ length: 30 }, (_, i) => ({
      step: `Step ${i}: ${multiByte.repeat(30)}`,
      commands: [`gcloud compute security-policies rules update ${i} ${'--flag=value '.repeat(800)}`, '```'],
    })),
  });
}

/** Every text a message shows (section, header, context and button text), one per line, in order. */
export function shownText(message: SlackMessage): string {
  const texts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') {
        texts.push(record.text);
      } else Object.values(record).forEach(visit);
    }
  };
  visit(message.blocks);
  return texts.join('\n');
}
