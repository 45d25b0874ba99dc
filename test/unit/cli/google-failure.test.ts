import { describe, expect, it } from 'vitest';
import { explainGcpFailure } from '../../../src/cli/google-failure.js';
import type { GcpErrorInfo } from '../../../src/gcp/errors.js';

const denied = (method: string, api: GcpErrorInfo['api'], permission?: string): GcpErrorInfo => ({
  kind: 'permission-denied',
  api,
  method,
  resource: 'projects/p',
  message: 'denied',
  ...(permission ? { permission } : {}),
});

describe('explainGcpFailure', () => {
  it('reads a denied organizations.get as an unknown organization (Apigee answers 403 for both)', () => {
    expect(explainGcpFailure(denied('apigee.organizations.get', 'apigee'), 'no-such-org')).toEqual({
      message: expect.stringContaining('organization "no-such-org" was not found'),
      exit: 2,
    });
  });

  it('names the missing permission and the role that grants it; the command could not conclude (3)', () => {
    const { message, exit } = explainGcpFailure(
      denied('logging.entries.list', 'logging', 'logging.logEntries.list'),
      'my-org',
    );
    expect(message).toBe(
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
    expect(explainGcpFailure(unreachable, 'o')).toEqual({
      message: 'could not reach Google Cloud: could not reach Google at http://127.0.0.1:1 (ECONNREFUSED)',
      exit: 3,
    });
  });
});
