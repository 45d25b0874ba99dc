import { Logging } from '@google-cloud/logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedGeneratedDenyCounts, generatedEntry } from '../../../src/emulator/log-generator.js';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import type { LogEntry } from '../../../src/gcp/apis.js';
import { clientOptions, fetchJson, NO_RETRY } from './clients.js';
import { sampleScenario } from './sample-scenario.js';

const PROJECT = 'demo-project';
const GENERATED = {
  count: 5000,
  project: PROJECT,
  since: '2025-01-01T00:00:00.000Z',
  spacingMs: 1000,
  seed: 3,
};

function recorded(i: number, status: number, ip: string): LogEntry {
  return {
    insertId: `rec-${i}`,
    timestamp: new Date(Date.parse('2024-12-31T23:59:00.000Z') + i * 1000).toISOString(),
    logName: `projects/${PROJECT}/logs/requests`,
    resource: { type: 'http_load_balancer', labels: { project_id: PROJECT } },
    httpRequest: { requestMethod: 'GET', requestUrl: 'https://api.example.com/v1/x', status, remoteIp: ip },
    jsonPayload: { statusDetails: status === 403 ? 'denied_by_security_policy' : 'response_sent_by_backend' },
  };
}

function loggingScenario(): Scenario {
  const base = sampleScenario();
  return {
    ...base,
    logging: {
      entries: [recorded(1, 403, '192.0.2.1'), recorded(2, 200, '192.0.2.2'), recorded(3, 403, '192.0.2.3')],
      generated: GENERATED,
    },
  };
}

describe('Logging entries.list through @google-cloud/logging (fallback REST)', () => {
  let emulator: RunningEmulator;
  let logging: Logging;
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: loggingScenario() });
    logging = new Logging({ ...clientOptions(emulator), projectId: PROJECT });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('returns recorded entries matching the filter, with their payloads decoded', async () => {
    const [entries] = await logging.getEntries({
      filter: 'httpRequest.status = 403 AND timestamp < "2025-01-01T00:00:00Z"',
      orderBy: 'timestamp asc',
      autoPaginate: false,
      gaxOptions: NO_RETRY,
    });
    expect(entries.map((e) => e.metadata.insertId)).toEqual(['rec-1', 'rec-3']);
    expect(entries[0]?.data).toEqual({ statusDetails: 'denied_by_security_policy' });
    expect(entries[0]?.metadata.httpRequest?.remoteIp).toBe('192.0.2.1');
  });

  it('counts every generated DENY in a window across pages, as the pure formula says', async () => {
    const since = '2025-01-01T00:10:00.000Z';
    const until = '2025-01-01T00:40:00.000Z';
    const filter = `resource.type="http_load_balancer" jsonPayload.enforcedSecurityPolicy.outcome="DENY" timestamp>="${since}" timestamp<"${until}"`;
    let pageToken: string | undefined;
    const byIp: Record<string, number> = {};
    let total = 0;
    let pages = 0;
    do {
      const [entries, next] = await logging.getEntries({
        filter,
        orderBy: 'timestamp asc',
        pageSize: 300,
        pageToken,
        autoPaginate: false,
        gaxOptions: NO_RETRY,
      });
      pages++;
      for (const entry of entries) {
        total++;
        const ip = entry.metadata.httpRequest?.remoteIp ?? '';
        byIp[ip] = (byIp[ip] ?? 0) + 1;
      }
      pageToken = (next as { pageToken?: string } | null)?.pageToken;
    } while (pageToken);
    const expected = expectedGeneratedDenyCounts(GENERATED, { since, until });
    expect(total).toBe(expected.enforcedDeny);
    expect(byIp).toEqual(expected.denyByRemoteIp);
    expect(pages).toBe(Math.ceil(expected.enforcedDeny / 300));
  });

  it('orders newest first with "timestamp desc", merging recorded and generated entries', async () => {
    const [entries] = await logging.getEntries({
      filter: 'timestamp >= "2024-12-31T23:59:02Z" AND timestamp <= "2025-01-01T00:00:01Z"',
      orderBy: 'timestamp desc',
      autoPaginate: false,
      gaxOptions: NO_RETRY,
    });
    expect(entries.map((e) => e.metadata.insertId)).toEqual(['gen3x1', 'gen3x0', 'rec-3', 'rec-2']);
    // The client asked for numeric enums and decodes them back to names.
    expect(entries[0]?.metadata.severity).toBe(generatedEntry(GENERATED, 1).severity);
  });

  it('answers severity as a number when the client asks for numeric enums', async () => {
    const raw = await fetchJson(`${emulator.url}/v2/entries:list?$alt=json%3Benum-encoding=int`, {
      method: 'POST',
      body: JSON.stringify({
        resourceNames: [`projects/${PROJECT}`],
        filter: 'severity>=WARNING',
        pageSize: 1,
      }),
    });
    expect(raw.body.entries[0].severity).toBe(400);
    const named = await fetchJson(`${emulator.url}/v2/entries:list`, {
      method: 'POST',
      body: JSON.stringify({
        resourceNames: [`projects/${PROJECT}`],
        filter: 'severity>=WARNING',
        pageSize: 1,
      }),
    });
    expect(named.body.entries[0].severity).toBe('WARNING');
  });

  it('refuses an unsupported filter with 400 INVALID_ARGUMENT (gRPC 3)', async () => {
    const error = await logging
      .getEntries({
        filter: 'timestamp>"2025-01-01T00:00:00Z" AND "free text"',
        autoPaginate: false,
        gaxOptions: NO_RETRY,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3, message: expect.stringContaining('Unparseable filter') });
  });

  it('an unknown project is a PERMISSION_DENIED (7), as Logging does not say it is missing', async () => {
    const error = await logging
      .getEntries({
        resourceNames: ['projects/someone-else'],
        filter: 'timestamp>"2025-01-01T00:00:00Z"',
        autoPaginate: false,
        gaxOptions: NO_RETRY,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 7 });
  });
});

describe('Logging permission denied', () => {
  it('answers 403 with the ErrorInfo naming logging.logEntries.list', async () => {
    const emulator = await startEmulator({
      scenario: { ...loggingScenario(), deniedPermissions: ['logging.logEntries.list'] },
    });
    try {
      const raw = await fetchJson(`${emulator.url}/v2/entries:list`, {
        method: 'POST',
        body: JSON.stringify({ resourceNames: [`projects/${PROJECT}`], filter: '' }),
      });
      expect(raw.status).toBe(403);
      expect(raw.body.error).toEqual({
        code: 403,
        message: "Permission 'logging.logEntries.list' denied on resource (or it may not exist).",
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'IAM_PERMISSION_DENIED',
            domain: 'iam.googleapis.com',
            metadata: { permission: 'logging.logEntries.list' },
          },
        ],
      });
    } finally {
      await emulator.close();
    }
  });
});
