import type { ActionsBlock, Button } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { ACTION, type SlackMessage } from '../../../../src/contract/slack.js';
import {
  checkAsText,
  hasThreadReply,
  renderCheckDetails,
  renderFindingReply,
} from '../../../../src/render/slack/finding.js';
import { validateMessage } from '../../../../src/render/slack/limits.js';
import {
  hugeCheck,
  migWarn,
  multiByte,
  networkError,
  seal,
  shownText,
  testSeal,
  tlsFailure,
  value,
} from './samples.js';

const buttons = (message: SlackMessage): Button[] =>
  message.blocks
    .filter((b): b is ActionsBlock => b.type === 'actions')
    .flatMap((b) => b.elements as Button[]);

describe('renderFindingReply', () => {
  const { message, file } = renderFindingReply(tlsFailure, value, seal);

  it('shows title, status, summary, evidence and the commands in code blocks', () => {
    expect(validateMessage(message)).toEqual([]);
    const text = shownText(message);
    expect(text).toContain('TLS certificate served by the load balancer');
    expect(text).toContain(':x: *failed* — Certificate api-cert expired on 2026-01-02');
    // The failing resource first, marked as such; its time in the reader's zone, UTC where Slack cannot.
    expect(text).toContain(
      '*Evidence*\n:x: `projects/acme/global/sslCertificates/api-cert` — notAfter <!date^1767312000^{date_short_pretty} {time}|2026-01-02 00:00:00 UTC>\n:white_check_mark: `projects/acme/global/targetHttpsProxies/apigee-proxy` — serves api-cert for &lt;api.acme.com&gt;',
    );
    expect(text).toContain('1. Create a new certificate &amp; attach it to the proxy');
    expect(text).toContain(
      '```\ngcloud compute target-https-proxies update apigee-proxy --ssl-certificates=api-cert-2026 --project=acme\n```',
    );
    expect(file).toBeUndefined();
  });

  it('lists each finding under its stable id, linked to the page that explains it', () => {
    expect(shownText(message)).toContain(
      '*Findings*\n• <https://docs.example/checks/tls.md#certificate-expired|tls/certificate-expired> — Certificate api-cert expired on 2026-01-02 (25 days ago) for api.acme.com',
    );
  });

  it('names the page by its path in the repository, linking nowhere, when no docs URL is set', () => {
    const unpublished = {
      ...tlsFailure,
      findings: tlsFailure.findings.map((f) => ({ ...f, docs: 'docs/checks/tls.md#certificate-expired' })),
    };
    const text = shownText(renderFindingReply(unpublished, value, seal).message);
    expect(text).toContain(
      '*Findings*\n• `tls/certificate-expired` — Certificate api-cert expired on 2026-01-02 (25 days ago) for api.acme.com (`docs/checks/tls.md#certificate-expired`)',
    );
    expect(text).not.toMatch(/<[^>]*tls\.md/);
  });

  it('offers a Details button that names the check', () => {
    expect(buttons(message).map((b) => b.action_id)).toEqual([ACTION.details]);
    expect(testSeal.openJson(buttons(message)[0]?.value)).toEqual({ ...value, checkId: 'tls' });
  });

  it('handles a step without commands', () => {
    const reply = renderFindingReply(migWarn, value, seal);
    expect(validateMessage(reply.message)).toEqual([]);
    expect(shownText(reply.message)).toContain('1. Move the template to a supported image');
  });

  it('shows the top evidence of a long list and says how many there are', () => {
    const reply = renderFindingReply(hugeCheck(), value, seal);
    expect(shownText(reply.message)).toContain('*Evidence (top 5 of 500)*');
  });

  it('shows the top findings of a long list, and every finding with its page in the file', () => {
    const reply = renderFindingReply(hugeCheck(), value, seal);
    expect(shownText(reply.message)).toContain('*Findings (top 10 of 40)*');
    expect(reply.file?.content).toContain(
      'Findings (40):\n- cloud-armor/requests-denied: Denied <requests> by rule 0',
    );
    expect(reply.file?.content).toContain('  https://docs.example/checks/cloud-armor.md#requests-denied');
  });

  it('fits a huge finding (500 evidence items, 10k-character commands, multi-byte text) and attaches it whole', () => {
    const huge = hugeCheck();
    const reply = renderFindingReply(huge, value, seal);
    expect(validateMessage(reply.message)).toEqual([]);
    expect(buttons(reply.message).map((b) => b.action_id)).toEqual([ACTION.details]);
    expect(shownText(reply.message)).toContain('the attached file has it whole');
    expect(reply.file?.filename).toBe('cloud-armor-finding.txt');
    expect(reply.file?.content).toContain(huge.remediation[29]?.commands[0]);
    expect(reply.file?.content).toContain(`policy-499-`);
  });
});

describe('renderCheckDetails', () => {
  it('lists every evidence item of a small check, with no file', () => {
    const details = renderCheckDetails(tlsFailure);
    expect(validateMessage(details.message)).toEqual([]);
    expect(shownText(details.message)).toContain('*Evidence (2)*');
    expect(details.file).toBeUndefined();
  });

  it('puts evidence that does not fit in a file', () => {
    const details = renderCheckDetails(hugeCheck());
    expect(validateMessage(details.message)).toEqual([]);
    expect(shownText(details.message)).toMatch(
      /more blocks? did not fit in a message: see the attached file/,
    );
    expect(details.file?.content.split('\n').filter((l) => l.startsWith('✗ projects/'))).toHaveLength(500);
  });
});

describe('checkAsText', () => {
  it('is plain text, unescaped, with commands indented under their step', () => {
    const text = checkAsText({ ...tlsFailure, summary: `a < b & ${multiByte}` });
    expect(text).toContain('a < b & 인증서');
    expect(text).toContain(
      '1. Create a new certificate & attach it to the proxy\n   gcloud compute ssl-certificates create',
    );
  });
});

describe('a check that could not conclude', () => {
  it('gets its own thread reply, as a failing or warning check does; a passing or skipped one does not', () => {
    expect(
      ['fail', 'warn', 'error', 'pass', 'skipped'].map((status) => hasThreadReply({ status } as never)),
    ).toEqual([true, true, true, false, false]);
  });

  it('says what it could not read, and the exact role to grant to the identity the bot runs as', () => {
    const { message } = renderFindingReply(networkError, value, seal);
    expect(validateMessage(message)).toEqual([]);
    const text = shownText(message);
    expect(text).toContain(':grey_question: *could not conclude* — Missing permission compute.networks.get');
    expect(text).toContain(
      '<https://docs.example/checks/common.md#permission-denied|common/permission-denied>',
    );
    expect(text).toContain(
      '```\ngcloud projects add-iam-policy-binding acme --member=serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com --role=roles/compute.viewer\n```',
    );
  });
});
