import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DenyRowWriter, denyRowOf } from '../../../src/logs/deny-rows.js';
import type { RedactionKind } from '../../../src/redact/kinds.js';
import { at, lbEntry } from './lb-entries.js';

const window = { since: at(0), until: at(3600) };
const deny = { name: 'edge', priority: 1000, configuredAction: 'DENY', outcome: 'DENY' };

async function written(format: 'csv' | 'json', cap: number, userAgents: string[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new DenyRowWriter(out, format, cap, { window });
  const found = new Set<RedactionKind>();
  for (const [i, userAgent] of userAgents.entries()) {
    await writer.add(
      denyRowOf(lbEntry({ timestamp: at(i), enforced: deny, status: 403, userAgent }), found)!,
    );
  }
  await writer.close();
  return Buffer.concat(chunks).toString('utf8');
}

describe('DENY row export', () => {
  it('quotes CSV fields and keeps spreadsheets from running formulas', async () => {
    const csv = await written('csv', 10, ['Mozilla/5.0 (X11, Linux)', 'say "hi"', '=HYPERLINK("x")']);

    expect(csv.split('\n')).toEqual([
      'timestamp,mode,policy,priority,action,remoteIp,method,host,path,status,statusDetails,userAgent',
      `${at(0)},enforced,edge,1000,DENY,203.0.113.1,GET,api.example.com,/v1/orders,403,,"Mozilla/5.0 (X11, Linux)"`,
      `${at(1)},enforced,edge,1000,DENY,203.0.113.1,GET,api.example.com,/v1/orders,403,,"say ""hi"""`,
      `${at(2)},enforced,edge,1000,DENY,203.0.113.1,GET,api.example.com,/v1/orders,403,,"'=HYPERLINK(""x"")"`,
      '',
    ]);
  });

  it('stops at the cap and says in the JSON how many rows matched', async () => {
    const json = JSON.parse(await written('json', 2, ['a', 'b', 'c', 'd']));

    expect(json.cap).toBe(2);
    expect(json.window).toEqual(window);
    expect(json.rows.map((row: { userAgent: string }) => row.userAgent)).toEqual(['a', 'b']);
    expect(json).toMatchObject({ rowsWritten: 2, rowsMatched: 4, truncated: true });
  });

  it('redacts a token carried in a user agent', () => {
    const found = new Set<RedactionKind>();
    const row = denyRowOf(
      lbEntry({ timestamp: at(0), enforced: deny, userAgent: 'bot Bearer abcdefghijklmnop' }),
      found,
    );

    expect(row?.userAgent).toBe('bot [REDACTED bearer-token]');
    expect([...found]).toEqual(['bearer-token']);
  });

  it('takes the preview verdict of an entry no enforced rule denied, and ignores other entries', () => {
    const found = new Set<RedactionKind>();
    const preview = { name: 'trial', priority: 50, configuredAction: 'deny(403)', outcome: 'DENY' };

    expect(denyRowOf(lbEntry({ timestamp: at(0), preview }), found)).toMatchObject({
      mode: 'preview',
      policy: 'trial',
    });
    expect(denyRowOf(lbEntry({ timestamp: at(0), status: 502 }), found)).toBeUndefined();
  });
});
