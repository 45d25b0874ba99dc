/**
 * The result builder: every finding under a name its check declares (an undeclared one does not
 * compile: `npm run typecheck` holds the `@ts-expect-error` lines below to it), each with its
 * stable id and its page, the worst first; a load error under `common/<kind>`.
 */
import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../../../../src/diagnosis/checks/support/define.js';
import { ResultBuilder } from '../../../../../src/diagnosis/checks/support/result.js';
import type { CheckContext, CheckResult } from '../../../../../src/diagnosis/model.js';
import type { GcpErrorInfo } from '../../../../../src/errors/index.js';

const sample = defineCheck({
  id: 'sample',
  title: 'A sample check',
  explains: ['502'],
  priority: 1,
  findings: { broken: { title: 'Something is broken' }, shaky: { title: 'Something is shaky' } },
  needs: [],
  run,
});

function run(ctx: CheckContext): CheckResult<'sample'> {
  return new ResultBuilder(sample, ctx).result('fine');
}
const ctx = { estate: { project: 'acme-prj' } };

describe('ResultBuilder', () => {
  it('records each finding under its check’s id, worst first, linked to its page', () => {
    const result = new ResultBuilder(sample, { ...ctx, docsUrl: 'https://docs.example/checks/' });
    result.warn('shaky', 'The bridge is shaky.');
    result.fail('broken', 'The bridge is broken.');
    expect(result.result('fine')).toMatchObject({
      id: 'sample',
      status: 'fail',
      summary: 'The bridge is broken. (+1 more finding)',
      findings: [
        {
          id: 'sample/broken',
          status: 'fail',
          headline: 'The bridge is broken.',
          docs: 'https://docs.example/checks/sample.md#broken',
        },
        {
          id: 'sample/shaky',
          status: 'warn',
          headline: 'The bridge is shaky.',
          docs: 'https://docs.example/checks/sample.md#shaky',
        },
      ],
    });
  });

  it('files a load error under common/<kind>, on the common page', () => {
    const denied: GcpErrorInfo = {
      kind: 'permission-denied',
      api: 'compute',
      method: 'compute.backendServices.aggregatedList',
      resource: 'projects/acme-prj',
      permission: 'compute.backendServices.list',
      message: 'denied',
    };
    const result = new ResultBuilder(sample, ctx);
    result.loadError(denied, 'the backend services');
    result.loadError({ ...denied, kind: 'quota' }, 'the backend services');
    result.loadError({ ...denied, kind: 'unknown' }, 'the backend services');
    result.notRead('The network was not loaded.');
    expect(result.result('fine').findings.map((f) => [f.id, f.status, f.docs])).toEqual([
      ['common/permission-denied', 'error', 'docs/checks/common.md#permission-denied'],
      ['common/quota-exceeded', 'error', 'docs/checks/common.md#quota-exceeded'],
      ['common/api-error', 'error', 'docs/checks/common.md#api-error'],
      ['common/not-read', 'error', 'docs/checks/common.md#not-read'],
    ]);
  });

  it('passes, with no finding, when nothing was found; a skip has none either', () => {
    expect(new ResultBuilder(sample, ctx).result('fine')).toMatchObject({ status: 'pass', findings: [] });
    expect(new ResultBuilder(sample, ctx).skipped('n/a')).toMatchObject({ status: 'skipped', findings: [] });
  });

  it('accepts only the findings its check declares, and only helpers that emit those', () => {
    const result = new ResultBuilder(sample, ctx);
    // @ts-expect-error: `gone` is no finding of the sample check.
    result.fail('gone', 'Not declared.');
    const brokenOnly = (builder: ResultBuilder<string, 'broken'>) => builder.fail('broken', 'Broken.');
    const alsoGone = (builder: ResultBuilder<string, 'broken' | 'gone'>) => builder.fail('gone', 'Gone.');
    brokenOnly(result);
    // @ts-expect-error: the helper may emit `gone`, which the sample check does not declare.
    alsoGone(result);
    expect(result.result('fine').findings.map((f) => f.id)).toEqual([
      'sample/gone',
      'sample/broken',
      'sample/gone',
    ]);
  });

  it('lists the failing resources first, then risks, open questions, advice, and what was found right', () => {
    const result = new ResultBuilder(sample, ctx);
    result.note('projects/acme-prj/global/networks/vpc', 'peering ACTIVE');
    result.advise([{ resource: 'logs', detail: 'turn logging on' }], []);
    result.warn('shaky', 'Shaky.', [{ resource: 'mig-a', detail: 'not stable' }]);
    result.fail('broken', 'Broken.', [{ resource: 'mig-b', detail: 'no healthy backend' }]);
    result.loadError(
      {
        kind: 'unavailable',
        api: 'logging',
        method: 'logging.entries.list',
        resource: 'projects/acme-prj',
        message: '503',
      },
      'the logs',
    );
    expect(result.result('fine').evidence.map((e) => [e.relevance, e.resource])).toEqual([
      ['fail', 'mig-b'],
      ['warn', 'mig-a'],
      ['error', 'projects/acme-prj'],
      ['advice', 'logs'],
      ['fine', 'projects/acme-prj/global/networks/vpc'],
    ]);
  });

  it('keeps a fact cited twice once, at the most relevant of what it was cited for', () => {
    const result = new ResultBuilder(sample, ctx);
    const fact = { resource: 'mig-b', detail: '0 of 2 HEALTHY' };
    result.note(fact.resource, fact.detail);
    result.fail('broken', 'Broken.', [fact]);
    result.warn('shaky', 'Shaky.', [fact]);
    expect(result.result('fine').evidence).toEqual([{ ...fact, relevance: 'fail' }]);
  });

  it('grants the missing role to the identity the diagnosis runs as, or says how to name it', () => {
    const denied: GcpErrorInfo = {
      kind: 'permission-denied',
      api: 'logging',
      method: 'logging.entries.list',
      resource: 'projects/acme-prj',
      permission: 'logging.logEntries.list',
      message: 'denied',
    };
    const asBot = new ResultBuilder(sample, {
      ...ctx,
      identity: { member: 'serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com' },
    });
    asBot.loadError(denied, 'the logs');
    expect(asBot.result('fine').remediation).toEqual([
      {
        step: 'Grant serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com roles/logging.viewer (which holds logging.logEntries.list) on project acme-prj, then run again.',
        commands: [
          'gcloud projects add-iam-policy-binding acme-prj --member=serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com --role=roles/logging.viewer',
        ],
      },
    ]);

    const unknown = new ResultBuilder(sample, { ...ctx, identity: { unknown: 'Google is emulated' } });
    unknown.loadError(denied, 'the logs');
    expect(unknown.result('fine').remediation).toEqual([
      {
        step: 'Grant the identity running apigee-doctor (not known here: Google is emulated) roles/logging.viewer (which holds logging.logEntries.list) on project acme-prj (replace PRINCIPAL with serviceAccount:EMAIL or user:EMAIL), then run again.',
        commands: [
          'gcloud projects add-iam-policy-binding acme-prj --member=PRINCIPAL --role=roles/logging.viewer',
        ],
      },
    ]);
  });
});
