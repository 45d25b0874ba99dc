/**
 * The one place a coded error becomes what a person reads: every code has a sentence, an exit code
 * and a `--json` kind (a code without a sample below does not compile), and the sentences the CLI,
 * the checks and Slack give keep their wording.
 */
import { describe, expect, it } from 'vitest';
import {
  asCodedError,
  type CodedErrorOf,
  ConfigError,
  type CredentialSource,
  DevToolMissingError,
  describeError,
  describeLoadFailure,
  ErrorCode,
  EXIT,
  EXIT_BY_CODE,
  GcpError,
  type GcpErrorInfo,
  gcpErrorCode,
  hasCode,
  InvalidPayloadError,
  isCodedError,
  isGcpError,
  OutputFileError,
  PolicyError,
  RedisUnavailableError,
  RedisUncertainError,
  SlackDeliveryError,
  UnknownError,
  UsageError,
} from '../../../src/errors/index.js';
import { redactString } from '../../../src/redact/text.js';

const denied = (method: string, api: GcpErrorInfo['api'], permission?: string): GcpErrorInfo => ({
  kind: 'permission-denied',
  api,
  method,
  resource: 'projects/p',
  message: 'denied',
  ...(permission ? { permission } : {}),
});

const failed = (kind: GcpErrorInfo['kind'], extra: Partial<GcpErrorInfo> = {}): GcpError =>
  new GcpError({
    kind,
    api: 'compute',
    method: 'compute.backendServices.aggregatedList',
    resource: 'projects/acme-prj',
    message: 'Google said no',
    ...extra,
  });

/** One error of every code: a code added without one here does not compile. */
const SAMPLES: { [C in ErrorCode]: () => CodedErrorOf<C> } = {
  apigee_doctor_usage: () => new UsageError('unknown option --snice (did you mean --since?)'),
  apigee_doctor_configuration: () =>
    new ConfigError('GCP_RETRIES must be a whole number from 0 to 10, not "x".'),
  apigee_doctor_access_policy: () => new PolicyError('policy.yaml: orgs.acme.channels[0] is not a Slack id'),
  apigee_doctor_dev_tool_missing: () => new DevToolMissingError('demo', "Cannot find module 'x'"),
  apigee_doctor_unknown: () => new UnknownError(new Error('boom')),
  output_file_exists: () => new OutputFileError('rows.csv', 'exists') as CodedErrorOf<'output_file_exists'>,
  output_file_is_link: () => new OutputFileError('rows.csv', 'link') as CodedErrorOf<'output_file_is_link'>,
  output_file_unwritable: () =>
    new OutputFileError('rows.csv', 'permission') as CodedErrorOf<'output_file_unwritable'>,
  gcp_organization_not_found: () =>
    new GcpError({
      ...denied('apigee.organizations.get', 'apigee', 'apigee.organizations.get'),
      resource: 'organizations/acme',
    }) as CodedErrorOf<'gcp_organization_not_found'>,
  gcp_permission_denied: () => failed('permission-denied') as CodedErrorOf<'gcp_permission_denied'>,
  gcp_unauthenticated: () =>
    failed('unauthenticated', { credentials: 'missing' }) as CodedErrorOf<'gcp_unauthenticated'>,
  gcp_not_found: () => failed('not-found') as CodedErrorOf<'gcp_not_found'>,
  gcp_quota_exhausted: () => failed('quota') as CodedErrorOf<'gcp_quota_exhausted'>,
  gcp_unavailable: () => failed('unavailable') as CodedErrorOf<'gcp_unavailable'>,
  gcp_invalid_argument: () => failed('invalid-argument') as CodedErrorOf<'gcp_invalid_argument'>,
  gcp_unknown: () => failed('unknown') as CodedErrorOf<'gcp_unknown'>,
  slack_transient: () =>
    new SlackDeliveryError({
      method: 'chat.postMessage',
      slackError: 'ratelimited',
      category: 'transient',
    }) as CodedErrorOf<'slack_transient'>,
  slack_permanent: () =>
    new SlackDeliveryError({
      method: 'chat.postMessage',
      slackError: 'is_archived',
      category: 'channel',
    }) as CodedErrorOf<'slack_permanent'>,
  redis_unavailable: () => new RedisUnavailableError('job-queue', new Error('connect ECONNREFUSED')),
  redis_uncertain: () => new RedisUncertainError(new Error('no answer within 2000 ms')),
  job_payload_invalid: () => new InvalidPayloadError('diagnose', 'args.org is not an organization name'),
};

describe('every error code', () => {
  const codes = Object.values(ErrorCode);

  it('has a sample of its own code', () => {
    for (const code of codes) expect(SAMPLES[code]().code, code).toBe(code);
  });

  it('has one sentence, an exit code of the contract and a --json kind', () => {
    for (const code of codes) {
      const described = describeError(SAMPLES[code]());
      expect(described.code).toBe(code);
      expect(described.sentence, code).toMatch(/\S/);
      expect(described.sentence, code).not.toMatch(/undefined|\[object /);
      expect([EXIT.usage, EXIT.inconclusive], code).toContain(described.exit);
      expect(described.kind, code).toMatch(/^[a-z-]+$/);
    }
  });

  it('has a sentence the redaction every output passes keeps whole (no word of it reads as a secret)', () => {
    for (const code of codes) {
      const { sentence } = describeError(SAMPLES[code]());
      expect(redactString(sentence), code).toBe(sentence);
    }
  });

  it('takes its exit code from the one table: 2 usage or configuration, 3 could not conclude', () => {
    const exits = Object.fromEntries(codes.map((code) => [code, describeError(SAMPLES[code]()).exit]));
    expect(exits).toEqual(EXIT_BY_CODE);
    expect(exits).toMatchObject({
      apigee_doctor_usage: 2,
      apigee_doctor_configuration: 2,
      output_file_exists: 2,
      gcp_organization_not_found: 2,
      gcp_unauthenticated: 3,
      gcp_unavailable: 3,
      gcp_permission_denied: 3,
      gcp_quota_exhausted: 3,
      apigee_doctor_unknown: 3,
    });
  });

  it('keeps a Google failure’s kind as the --json kind', () => {
    expect(describeError(failed('quota')).kind).toBe('quota');
    expect(describeError(new ConfigError('x')).kind).toBe('configuration');
    expect(describeError(new OutputFileError('a', 'exists')).kind).toBe('output-file');
  });
});

describe('asCodedError', () => {
  it('passes our errors through, and wraps anything else as apigee_doctor_unknown', () => {
    const usage = new UsageError('bad');
    expect(asCodedError(usage)).toBe(usage);
    const wrapped = asCodedError(new TypeError('cannot read x of undefined'));
    expect(wrapped.code).toBe('apigee_doctor_unknown');
    expect(describeError(wrapped).sentence).toBe('cannot read x of undefined');
    expect(describeError(asCodedError('a string')).sentence).toBe('a string');
  });

  it('does not take a library’s code for one of ours', () => {
    const enoent = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    const slack = Object.assign(new Error('An API error occurred'), { code: 'slack_webapi_platform_error' });
    expect(isCodedError(enoent)).toBe(false);
    expect(isCodedError(slack)).toBe(false);
    expect(asCodedError(enoent).code).toBe('apigee_doctor_unknown');
  });

  it('tells codes apart without instanceof', () => {
    const quota = failed('quota');
    expect(hasCode(quota, ErrorCode.GcpQuotaExhausted)).toBe(true);
    expect(hasCode(quota, ErrorCode.GcpUnavailable, ErrorCode.SlackTransient)).toBe(false);
    expect(isGcpError(quota)).toBe(true);
    expect(isGcpError(new UsageError('x'))).toBe(false);
  });
});

describe('a Google failure that ends a command', () => {
  it('reads a denied organizations.get as an unknown organization (Apigee answers 403 for both)', () => {
    const error = new GcpError(denied('apigee.organizations.get', 'apigee'));
    expect(error.code).toBe('gcp_organization_not_found');
    expect(describeError(error, { org: 'no-such-org' })).toMatchObject({
      sentence: expect.stringContaining('organization "no-such-org" was not found'),
      exit: 2,
    });
  });

  it('names the missing permission and the role that grants it; the command could not conclude (3)', () => {
    const { sentence, exit } = describeError(
      new GcpError(denied('logging.entries.list', 'logging', 'logging.logEntries.list')),
      { org: 'my-org' },
    );
    expect(sentence).toBe(
      'permission denied: logging.entries.list on projects/p needs logging.logEntries.list (roles/logging.viewer).',
    );
    expect(exit).toBe(3);
  });

  it('exits 3 when Google could not be reached', () => {
    const unreachable: GcpErrorInfo = {
      kind: 'unavailable',
      api: 'apigee',
      method: 'apigee.organizations.get',
      resource: 'organizations/o',
      message: 'could not reach Google at http://127.0.0.1:1 (ECONNREFUSED)',
    };
    expect(describeError(new GcpError(unreachable), { org: 'o' })).toMatchObject({
      sentence: 'could not reach Google Cloud: could not reach Google at http://127.0.0.1:1 (ECONNREFUSED)',
      exit: 3,
    });
  });

  it('says a quota is exhausted, and when to run again (it was said to be unreachable)', () => {
    const quota = failed('quota', {
      api: 'logging',
      method: 'logging.entries.list',
      message: 'Quota exceeded for quota metric Read requests',
      retryAfterMs: 61_000,
    });
    expect(describeError(quota).sentence).toBe(
      'the logging API quota is exhausted (logging.entries.list on projects/acme-prj): Quota exceeded for quota metric Read requests. Run again in 61 s.',
    );
    expect(describeError(failed('quota')).sentence).toMatch(/Run again later\.$/);
  });

  it('says which call failed for any other failure (it was said to be unreachable)', () => {
    expect(describeError(failed('unknown')).sentence).toBe(
      'compute.backendServices.aggregatedList on projects/acme-prj failed: Google said no',
    );
  });
});

describe('refused credentials', () => {
  const refused: GcpErrorInfo = {
    kind: 'unauthenticated',
    api: 'apigee',
    method: 'auth.getAccessToken',
    resource: 'Application Default Credentials',
    credentials: 'refused',
    message:
      'the token endpoint https://oauth2.googleapis.com/token answered invalid_grant (Invalid JWT Signature.)',
  };
  const sentence = (info: GcpErrorInfo, credentials: CredentialSource) =>
    describeError(new GcpError(info), { credentials }).sentence;

  it("names the service account and how to check its keys when a key file's credentials are refused", () => {
    const source = {
      kind: 'service-account' as const,
      email: 'doctor@acme.iam.gserviceaccount.com',
      file: '/keys/sa.json',
    };
    expect(sentence(refused, source)).toBe(
      'Google Cloud refused the service account doctor@acme.iam.gserviceaccount.com (key file /keys/sa.json): ' +
        'the token endpoint https://oauth2.googleapis.com/token answered invalid_grant (Invalid JWT Signature.). ' +
        'Check that the account and its key still exist and are enabled: gcloud iam service-accounts keys list --iam-account=doctor@acme.iam.gserviceaccount.com',
    );
  });

  it("points at the VM's service account when the metadata server gives no token", () => {
    const message = sentence(
      {
        ...refused,
        credentials: 'token-endpoint',
        message: 'the token endpoint … could not be reached (ETIMEDOUT)',
      },
      { kind: 'none' },
    );
    expect(message).toMatch(/^could not obtain an access token for the VM's or pod's service account/);
    expect(message).toContain('Check the service account attached to the VM or pod');
  });
});

describe('a part of the estate a check could not read', () => {
  const project = { project: 'acme-prj' };

  it('names the permission, and the role to grant on the project the call named', () => {
    const info: GcpErrorInfo = {
      ...denied('compute.backendServices.aggregatedList', 'compute', 'compute.backendServices.list'),
      resource: 'projects/host-prj',
    };
    expect(describeLoadFailure(info, project)).toEqual({
      reason: 'permission compute.backendServices.list is missing on projects/host-prj',
      remediation: {
        step: 'Grant the identity running apigee-doctor roles/compute.viewer (which holds compute.backendServices.list) on project host-prj (replace PRINCIPAL with serviceAccount:EMAIL or user:EMAIL), then run again.',
        commands: [
          'gcloud projects add-iam-policy-binding host-prj --member=PRINCIPAL --role=roles/compute.viewer',
        ],
      },
    });
  });

  it('grants the role to the identity the diagnosis runs as, or says why it is not known', () => {
    const info = denied('compute.backendServices.aggregatedList', 'compute', 'compute.backendServices.list');
    const bot = { member: 'serviceAccount:doctor@acme.iam.gserviceaccount.com' };
    expect(describeLoadFailure(info, { ...project, identity: bot }).remediation).toEqual({
      step: 'Grant serviceAccount:doctor@acme.iam.gserviceaccount.com roles/compute.viewer (which holds compute.backendServices.list) on project p, then run again.',
      commands: [
        'gcloud projects add-iam-policy-binding p --member=serviceAccount:doctor@acme.iam.gserviceaccount.com --role=roles/compute.viewer',
      ],
    });
    const unknown = { unknown: 'Google is emulated' };
    expect(describeLoadFailure(info, { ...project, identity: unknown }).remediation.step).toContain(
      'the identity running apigee-doctor (not known here: Google is emulated) roles/compute.viewer',
    );
  });

  it('says an organization Apigee refuses may not exist, and to check it before granting', () => {
    const info: GcpErrorInfo = {
      ...denied('apigee.organizations.instances.list', 'apigee', 'apigee.instances.list'),
      resource: 'organizations/acme',
    };
    const { reason, remediation } = describeLoadFailure(info, project);
    expect(reason).toBe(
      'permission apigee.instances.list is missing on organizations/acme, or the organization does not exist',
    );
    expect(remediation.step).toMatch(
      /^Check that organization acme exists; if it does, grant .* on project acme-prj/,
    );
  });

  it('gives each other kind its clause and the step that follows', () => {
    const reasons = (
      ['unauthenticated', 'not-found', 'quota', 'unavailable', 'invalid-argument', 'unknown'] as const
    ).map((kind) => describeLoadFailure(failed(kind).info, project).reason);
    expect(reasons).toEqual([
      'the credentials were refused by the compute API (compute.backendServices.aggregatedList)',
      'projects/acme-prj was not found (compute.backendServices.aggregatedList)',
      'the compute API quota is exhausted (compute.backendServices.aggregatedList)',
      'the compute API is unavailable (compute.backendServices.aggregatedList: Google said no)',
      'compute.backendServices.aggregatedList on projects/acme-prj failed: Google said no',
      'compute.backendServices.aggregatedList on projects/acme-prj failed: Google said no',
    ]);
    expect(describeLoadFailure(failed('unauthenticated').info, project).remediation.commands).toEqual([
      'gcloud auth application-default login',
    ]);
    expect(describeLoadFailure(failed('unavailable').info, project).remediation).toEqual({
      step: 'Run again once the compute API answers (compute.backendServices.aggregatedList).',
      commands: [],
    });
  });

  it('keeps what Google answered for the organization itself: a denial or a 404', () => {
    const get = {
      api: 'apigee' as const,
      method: 'apigee.organizations.get',
      resource: 'organizations/acme',
    };
    expect(gcpErrorCode({ kind: 'not-found', method: get.method })).toBe('gcp_organization_not_found');
    expect(describeLoadFailure({ ...get, kind: 'not-found', message: 'gone' }, project).reason).toBe(
      'organizations/acme was not found (apigee.organizations.get)',
    );
    expect(describeLoadFailure({ ...get, kind: 'permission-denied', message: 'no' }, project).reason).toBe(
      'permission for apigee.organizations.get is missing on organizations/acme, or the organization does not exist',
    );
  });
});

describe('the other sentences', () => {
  it('names the file in the way, and how to replace it', () => {
    expect(new OutputFileError('rows.csv', 'exists').message).toBe(
      'rows.csv already exists: choose another name, or add --force to replace it',
    );
    expect(new OutputFileError('out', 'other', { force: true, detail: 'ENOSPC' }).message).toBe(
      'cannot replace out: ENOSPC',
    );
  });

  it('says what Slack refused, and how long it asked to wait past the deadline', () => {
    const late = new SlackDeliveryError({
      method: 'chat.update',
      slackError: 'ratelimited',
      category: 'transient',
      rateLimit: { waitMs: 900_000, deadlineMs: 600_000 },
    });
    expect(late.code).toBe('slack_transient');
    expect(describeError(late).sentence).toBe(
      'Slack chat.update failed: ratelimited (Slack asked to wait 900 s, past the 600 s this job waits for Slack)',
    );
  });

  it('tells whether anything started when Redis did not answer', () => {
    expect(describeError(SAMPLES.redis_unavailable()).sentence).toMatch(/nothing was started/);
    expect(describeError(new RedisUnavailableError('report-store', 'down')).sentence).toBe(
      'The report store (Redis) is not answering. Please try again in a minute.',
    );
    expect(describeError(SAMPLES.redis_uncertain()).sentence).toMatch(/may still start/);
  });
});
