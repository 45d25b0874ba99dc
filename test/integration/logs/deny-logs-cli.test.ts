/** `apigee-doctor deny-logs` as a user runs it, against the emulated estate with Cloud Armor denials. */
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { runCliCaptured } from '../../support/cli.js';

let estate: EmulatedEstate;
let dir: string;

beforeAll(async () => {
  estate = await startEmulatedEstate(await loadScenario('cloud-armor-deny'));
  dir = await mkdtemp(join(tmpdir(), 'apigee-doctor-deny-'));
});

afterAll(async () => {
  await estate?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('apigee-doctor deny-logs', () => {
  it('prints the denials per rule, enforced apart from preview, and the top client IPs', async () => {
    const run = await runCliCaptured(['deny-logs', estate.scenario.defaultOrg, '--since', '2h'], estate.env);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Enforced rules');
    expect(run.stdout).toContain('Preview rules (not enforced: they would deny)');
    expect(run.stdout).toMatch(/Top client IPs[\s\S]*14\s+198\.51\.100\.23/);
  });

  it('prints JSON whose window is exactly the one asked for', async () => {
    const run = await runCliCaptured(
      [
        'deny-logs',
        estate.scenario.defaultOrg,
        '--json',
        '--since',
        '90m',
        '--until',
        new Date().toISOString(),
      ],
      estate.env,
    );

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Date.parse(report.window.until) - Date.parse(report.window.since)).toBe(90 * 60_000);
    expect(report.filter).toContain(`timestamp>="${report.window.since}"`);
    expect(report.deny.total).toBe(22);
    expect(report.deny.topClientIps[0]).toEqual({ value: '198.51.100.23', count: 14 });
    expect(report.deny.rules.some((rule: { preview: boolean }) => rule.preview)).toBe(true);
  });

  it('writes one CSV row per denied request and states the cap', async () => {
    const file = join(dir, 'denies.csv');
    const run = await runCliCaptured(
      ['deny-logs', estate.scenario.defaultOrg, '--since', '2h', '--out', file],
      estate.env,
    );

    expect(run.code).toBe(0);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'timestamp,mode,policy,priority,action,remoteIp,method,host,path,status,statusDetails,userAgent',
    );
    expect(lines.filter((line) => line.includes(',enforced,'))).toHaveLength(22);
    expect(run.stdout).toMatch(/Rows: wrote \d+ to .*denies\.csv \(export cap 100000 rows\)/);
  });

  it('writes the rows as JSON with the cap and the counts', async () => {
    const file = join(dir, 'denies.json');
    const run = await runCliCaptured(
      ['deny-logs', estate.scenario.defaultOrg, '--since', '2h', '--out', file],
      estate.env,
    );

    expect(run.code).toBe(0);
    const exported = JSON.parse(await readFile(file, 'utf8'));
    expect(exported.cap).toBe(100_000);
    expect(exported.rows.length).toBe(exported.rowsWritten);
    expect(exported.truncated).toBe(false);
    expect(exported.rows[0]).toHaveProperty('policy');
  });

  it('writes the rows file readable by its owner only', async () => {
    const file = join(dir, 'private.csv');
    const run = await runCliCaptured(['deny-logs', estate.scenario.defaultOrg, '--out', file], estate.env);
    expect(run.code).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite an existing file, or to follow a planted link, unless --force', async () => {
    const existing = join(dir, 'existing.csv');
    await writeFile(existing, 'precious');
    const refused = await runCliCaptured(
      ['deny-logs', estate.scenario.defaultOrg, '--out', existing],
      estate.env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `apigee-doctor deny-logs: ${existing} already exists: choose another name, or add --force to replace it`,
    );
    expect(await readFile(existing, 'utf8')).toBe('precious');

    // With --json, a machine reading stdout gets the coded error object too.
    const refusedJson = await runCliCaptured(
      ['deny-logs', estate.scenario.defaultOrg, '--out', existing, '--json'],
      estate.env,
    );
    expect(refusedJson.code).toBe(2);
    expect(JSON.parse(refusedJson.stdout)).toMatchObject({
      error: { code: 'output_file_exists', kind: 'output-file', exitCode: 2 },
      org: estate.scenario.defaultOrg,
    });

    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    const planted = join(dir, 'planted.csv');
    await symlink(victim, planted);
    expect(
      (await runCliCaptured(['deny-logs', estate.scenario.defaultOrg, '--out', planted], estate.env)).code,
    ).toBe(2);
    const forced = await runCliCaptured(
      ['deny-logs', estate.scenario.defaultOrg, '--out', planted, '--force'],
      estate.env,
    );
    expect(forced.code).toBe(0);
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect(await readFile(planted, 'utf8')).toContain('timestamp,mode,policy');
  });

  it('explains a window it cannot read, exit 2', async () => {
    const run = await runCliCaptured(
      ['deny-logs', estate.scenario.defaultOrg, '--until', 'yesterday'],
      estate.env,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--until: "yesterday" is not an ISO 8601 time');
  });
});

describe('apigee-doctor deny-logs reads Apigee’s load balancers only', () => {
  async function denyLogs(name: string, args: string[] = ['--json']) {
    const scenario = await loadScenario(name);
    const emulated = await startEmulatedEstate(scenario);
    try {
      return await runCliCaptured(['deny-logs', scenario.defaultOrg, '--since', '2h', ...args], emulated.env);
    } finally {
      await emulated.close();
    }
  }

  it('leaves the website’s load balancer out: its 30 denials are not Apigee’s', async () => {
    const run = await denyLogs('unrelated-load-balancer');

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.deny.total).toBe(0);
    expect(report.scope).toBe(
      "Apigee's load balancer apigee-proxy-https-lb-rule (global external Application Load Balancer)",
    );
    expect(report.filter).toContain('resource.labels.forwarding_rule_name="apigee-proxy-https-lb-rule"');
  });

  it('reads a regional external ALB’s http_external_regional_lb_rule logs, clients without ports', async () => {
    const report = JSON.parse((await denyLogs('regional-alb-deny')).stdout);

    expect(report.deny.total).toBe(16);
    expect(report.deny.topClientIps[0]).toEqual({ value: '198.51.100.23', count: 9 });
    expect(report.filter).toContain('resource.type="http_external_regional_lb_rule"');
  });

  it('counts an edge policy’s denials and says which policy was the edge one', async () => {
    const run = await denyLogs('cloud-armor-edge-deny', []);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Enforced rules\n.*\n\s+apigee-edge-guard \(edge\)\s+500\s+DENY\s+15\s/);
  });
});
