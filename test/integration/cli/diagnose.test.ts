/**
 * `apigee-doctor diagnose` as a user runs it: against emulated estates, through the real Google
 * clients over HTTP, with the exit codes and output of the CLI contract.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import { parseFault } from '../../../src/emulator/cli/emulator.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { runCliCaptured } from '../../support/cli.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('apigee-doctor diagnose on the broken estate', () => {
  let estate: EmulatedEstate;
  beforeAll(async () => {
    estate = await startEmulatedEstate(await loadScenario('broken'));
  });
  afterAll(() => estate.close());

  it('finds every cause, prints a line per check as it finishes, and exits 1', async () => {
    const run = await runCliCaptured(['diagnose', estate.scenario.defaultOrg], estate.env);
    expect(run.code).toBe(1);
    expect(run.stderr.match(new RegExp(`^\\[\\d+\\/${CHECK_IDS.length}\\]`, 'gm'))).toHaveLength(
      CHECK_IDS.length,
    );
    for (const id of CHECK_IDS) expect(run.stdout).toMatch(new RegExp(`FAIL .*\\(${id}\\)`));
    expect(run.stdout).toContain('Most likely cause:');
    expect(run.stdout).toContain('What to do:');
    // Each finding under its stable id with its page, and the index of the pages at the end.
    expect(run.stdout).toMatch(/^ {8}- FAIL proxy-mig\/stale-endpoint: Bridge MIG /m);
    // With no APIGEE_DOCTOR_DOCS_URL, the links are the pages shipped in this clone: they exist,
    // and so does the section each one points at.
    const link = run.stdout.match(/^ {10}(\S+proxy-mig\.md#stale-endpoint)$/m)?.[1];
    expect(link).toMatch(/^file:\/\/\/.+\/docs\/checks\/proxy-mig\.md#stale-endpoint$/);
    const page = readFileSync(fileURLToPath(new URL(link ?? '')), 'utf8');
    expect(page).toMatch(/^## stale-endpoint$/m);
    const index = run.stdout.trimEnd().split('\n').at(-1)?.split(': ').at(-1);
    expect(index).toBe(new URL('README.md', link).href);
    expect(readFileSync(fileURLToPath(new URL(index ?? '')), 'utf8')).toContain('proxy-mig/stale-endpoint');
  });

  it('prints the --json contract, with the likely cause for --status 502 first', async () => {
    const run = await runCliCaptured(
      ['diagnose', estate.scenario.defaultOrg, '--json', '--status', '502', '--since', '2h'],
      { ...estate.env, APIGEE_DOCTOR_DOCS_URL: 'https://docs.example.com/apigee-doctor/checks/' },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.org).toBe(estate.scenario.defaultOrg);
    expect(report.checks.map((c: { id: string }) => c.id).sort()).toEqual([...CHECK_IDS].sort());
    expect(['proxy-mig', 'network']).toContain(report.checks[0].id);
    expect(report.likelyCause).toBe(report.checks[0].id);
    for (const check of report.checks) {
      expect(Object.keys(check).sort()).toEqual(
        ['evidence', 'findings', 'id', 'remediation', 'status', 'summary', 'title'].sort(),
      );
      // Every check fails here: each finding has its stable id and its page under the docs URL.
      expect(check.findings.length, check.id).toBeGreaterThan(0);
      for (const finding of check.findings) {
        expect(Object.keys(finding).sort()).toEqual(['docs', 'headline', 'id', 'status']);
        const [page, section] = finding.id.split('/');
        expect([check.id, 'common']).toContain(page);
        expect(finding.docs).toBe(`https://docs.example.com/apigee-doctor/checks/${page}.md#${section}`);
      }
      expect(check.summary.startsWith(check.findings[0].headline)).toBe(true);
    }
    expect(report.docs).toBe('https://docs.example.com/apigee-doctor/checks/README.md');
    const windowMs = Date.parse(report.window.until) - Date.parse(report.window.since);
    expect(windowMs).toBe(2 * 60 * 60 * 1000);
  });

  it('exits 2 for an organization that does not exist, and says so in one line', async () => {
    const run = await runCliCaptured(['diagnose', 'no-such-org'], estate.env);
    expect(run.code).toBe(2);
    // The line alone: no check's progress line before it, each an error that says the same.
    expect(run.stderr).toMatch(/^apigee-doctor diagnose: organization "no-such-org" was not found[^\n]*\n$/);
    expect(run.stdout).toBe('');
  });
});

describe('apigee-doctor diagnose on a healthy estate', () => {
  it('exits 0 when no check fails', async () => {
    const estate = await startEmulatedEstate(await loadScenario('healthy'));
    try {
      const run = await runCliCaptured(['diagnose', estate.scenario.defaultOrg], estate.env);
      expect(run.stdout).toContain('No check found a cause.');
      expect(run.code).toBe(0);
    } finally {
      await estate.close();
    }
  });
});

describe('apigee-doctor diagnose verifies the served chain as a client would', () => {
  it('fails tls for a leaf uploaded without its intermediate, and says what is missing', async () => {
    const estate = await startEmulatedEstate(await loadScenario('tls-missing-intermediate'));
    try {
      const run = await runCliCaptured(['diagnose', estate.scenario.defaultOrg], estate.env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('without the intermediate that issued it');
      expect(run.stdout).toContain('--certificate=fullchain.pem');
    } finally {
      await estate.close();
    }
  });

  it("fails tls on the healthy estate when the emulator's root CA is not trusted (NODE_EXTRA_CA_CERTS unset)", async () => {
    const estate = await startEmulatedEstate(await loadScenario('healthy'));
    try {
      const { NODE_EXTRA_CA_CERTS: _trusted, ...untrusting } = estate.env;
      const run = await runCliCaptured(['diagnose', estate.scenario.defaultOrg, '--json'], untrusting);
      const tls = JSON.parse(run.stdout).checks.find((c: { id: string }) => c.id === 'tls');
      expect(tls.status).toBe('fail');
      expect(tls.summary).toContain('a CA clients do not trust');
    } finally {
      await estate.close();
    }
  });

  it('exits 2 when NODE_EXTRA_CA_CERTS names a file that cannot be read', async () => {
    const run = await runCliCaptured(['diagnose', 'my-org'], { NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'apigee-doctor diagnose: NODE_EXTRA_CA_CERTS names /nonexistent/ca.pem, which cannot be read (ENOENT).\n',
    );
  });
});

describe('apigee-doctor diagnose with a permission missing', () => {
  it('marks the checks that need the API error, naming the permission, and concludes the rest', async () => {
    const estate = await startEmulatedEstate(await loadScenario('permission-denied'));
    try {
      const run = await runCliCaptured(['diagnose', estate.scenario.defaultOrg, '--json'], estate.env);
      const report = JSON.parse(run.stdout);
      const errors = report.checks.filter((c: { status: string }) => c.status === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const check of errors) expect(JSON.stringify(check)).toContain('compute.backendServices.list');
      expect(report.checks.some((c: { status: string }) => c.status !== 'error')).toBe(true);
      // No check failed, but some could not conclude: CI must not read that as healthy.
      expect(report.checks.some((c: { status: string }) => c.status === 'fail')).toBe(false);
      expect(run.code).toBe(3);
    } finally {
      await estate.close();
    }
  });
});

describe('apigee-doctor diagnose usage errors', () => {
  it('exits 2 for an invalid organization name and states the naming rule', async () => {
    const run = await runCliCaptured(['diagnose', 'My_Org']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"My_Org" is not a valid organization name');
    expect(run.stderr).toContain('Usage: apigee-doctor diagnose ORG');
  });

  it('exits 2 for an unknown flag, suggesting the right one', async () => {
    const run = await runCliCaptured(['diagnose', 'my-org', '--stauts', '502']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --stauts (did you mean --status?)');
  });

  it('exits 2 for a bad --since and a bad --status together, naming both', async () => {
    const run = await runCliCaptured(['diagnose', 'my-org', '--since', 'soon', '--status', '500']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--since: "soon" is not a duration');
    expect(run.stderr).toContain('--status: "500" is not a status');
  });

  it('suggests the command meant by a typo', async () => {
    const run = await runCliCaptured(['diagnoes', 'my-org']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "diagnoes" (did you mean diagnose?)');
  });
});

describe('the apigee-doctor executable', () => {
  it('exits 3 without a stack trace when Google cannot be reached', async () => {
    const port = await closedPort();
    const result = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'diagnose', 'my-org'],
      {
        env: {
          ...process.env,
          GCP_API_BASE_URL: `http://127.0.0.1:${port}`,
          GCP_RETRIES: '0',
          METADATA_SERVER_DETECTION: 'none',
        },
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^apigee-doctor diagnose: could not reach Google Cloud[^\n]*\n$/);
  });
});

describe('apigee-doctor diagnose when an API fails', () => {
  it('marks the checks that need the failing API error and concludes the others', async () => {
    const estate = await startEmulatedEstate(await loadScenario('healthy'), {
      faults: [parseFault('503:/aggregated/backendServices')],
    });
    try {
      const run = await runCliCaptured(['diagnose', estate.scenario.defaultOrg, '--json'], estate.env);
      const report = JSON.parse(run.stdout);
      const status = Object.fromEntries(
        report.checks.map((c: { id: string; status: string }) => [c.id, c.status]),
      );
      expect(status['cloud-armor']).toBe('error');
      expect(status.network).toBe('pass');
      expect(JSON.stringify(report.checks)).toMatch(/unavailable|503|could not/i);
    } finally {
      await estate.close();
    }
  });
});

describe('apigee-doctor emulator', () => {
  it('lists its scenarios', async () => {
    const run = await runCliCaptured(['emulator', '--list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^broken\s+All five causes/m);
  });

  it('names the valid scenarios when given an unknown one', async () => {
    const run = await runCliCaptured(['emulator', '--scenario', 'brokne']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broken');
  });

  it('refuses a malformed --fault', async () => {
    const run = await runCliCaptured(['emulator', '--scenario', 'healthy', '--fault', '503']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fault must be STATUS:PATH');
  });
});
