/**
 * What a sixth check costs: its file (here, a fixture in this test), one registry line, its page
 * and its tests. Registered with one line, a check on already-loaded data runs in the engine
 * through the official clients, is ranked by the symptom it declares, is rendered in the terminal,
 * the JSON and Slack with its finding ids and their pages, and is held to its docs page — with no
 * other change anywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ButtonSeal } from '../../../src/contract/button-seal.js';
import { CHECKS } from '../../../src/diagnosis/checks/registry.js';
import { defineCheck } from '../../../src/diagnosis/checks/support/define.js';
import { ResultBuilder } from '../../../src/diagnosis/checks/support/result.js';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import type { CheckContext, CheckResult, Report } from '../../../src/diagnosis/model.js';
import { causesOf, symptomTable } from '../../../src/diagnosis/ranking.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';
import { redact } from '../../../src/redact/value.js';
import { renderReportJson } from '../../../src/render/json.js';
import { renderFindingReply } from '../../../src/render/slack/finding.js';
import { renderProgressLine, renderReportText } from '../../../src/render/terminal.js';
import { docsProblems, renderDocsIndex, SECTION_PARTS } from '../../support/check-docs.js';

/** The fixture check: every Apigee instance must be ACTIVE (one that is not answers 503). */
const instanceStateCheck = defineCheck({
  id: 'instance-state',
  title: 'Apigee instances are ACTIVE',
  explains: ['503'],
  priority: 0,
  findings: { 'instance-not-active': { title: 'An Apigee instance is not ACTIVE' } },
  needs: ['project', 'instances'],
  run,
});

function run(ctx: CheckContext): CheckResult<'instance-state'> {
  const result = new ResultBuilder(instanceStateCheck, ctx);
  if (!ctx.estate.instances.ok) {
    result.loadError(ctx.estate.instances.error, 'the Apigee instances');
    return result.result('');
  }
  for (const instance of ctx.estate.instances.value) {
    if (instance.state === 'ACTIVE') continue;
    result.fail(
      'instance-not-active',
      `Apigee instance ${instance.name} is ${instance.state ?? 'in no state'}.`,
      [{ resource: `instances/${instance.name}`, detail: `state ${instance.state}` }],
      [{ step: 'Wait for the instance to be ACTIVE.', commands: [] }],
    );
  }
  return result.result('Every Apigee instance is ACTIVE.');
}

// The one registry line.
const REGISTRY = [...CHECKS, instanceStateCheck] as const;

const FIXTURE_DOCS = 'https://docs.example/checks';
const DOCS = fileURLToPath(new URL('../../../docs/checks/', import.meta.url));
const fixturePage = [
  '# `instance-state` — Apigee instances are ACTIVE',
  '',
  '## instance-not-active',
  '',
  '`instance-state/instance-not-active` · **An Apigee instance is not ACTIVE**',
  '',
  ...SECTION_PARTS.flatMap((part) => [`### ${part}`, '', `${part}, in words.`, '']),
].join('\n');
const readPage = (withFixture: boolean) => (id: string) => {
  if (id === instanceStateCheck.id) return withFixture ? fixturePage : undefined;
  return existsSync(`${DOCS}${id}.md`) ? readFileSync(`${DOCS}${id}.md`, 'utf8') : undefined;
};

let estate: EmulatedEstate;
let report: Report<(typeof REGISTRY)[number]['id']>;
const progress: string[] = [];

beforeAll(async () => {
  const scenario = await loadScenario('healthy');
  // One instance is being updated: the fixture check fails on it.
  const instance = scenario.apigee[scenario.defaultOrg]?.instances[0];
  if (!instance) throw new Error('the healthy scenario has no instance');
  instance.state = 'UPDATING';
  estate = await startEmulatedEstate(scenario);
  const google = createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 5000, retries: 0 });
  ({ report } = await runDiagnosis(
    { org: scenario.defaultOrg, status: '503' },
    {
      google,
      probePort: estate.tlsPort,
      checks: REGISTRY,
      docsUrl: FIXTURE_DOCS,
      onCheck: (result, finished, total) =>
        progress.push(renderProgressLine(redact(result).value, finished, total, { color: false })),
    },
  ));
});
afterAll(() => estate.close());

describe('a sixth check registered with one line', () => {
  it('runs with the others, through the official clients, on the data already loaded', () => {
    expect(report.checks.map((c) => c.id).sort()).toEqual(REGISTRY.map((c) => c.id).sort());
    expect(progress).toHaveLength(6);
    expect(progress.every((line) => line.startsWith(`[${progress.indexOf(line) + 1}/6]`))).toBe(true);
    const sixth = report.checks.find((c) => c.id === 'instance-state');
    expect(sixth).toMatchObject({
      status: 'fail',
      findings: [
        {
          id: 'instance-state/instance-not-active',
          status: 'fail',
          docs: `${FIXTURE_DOCS}/instance-state.md#instance-not-active`,
        },
      ],
    });
  });

  it('is ranked by the symptom it declares: first for a 503, ahead of attachments', () => {
    expect(causesOf('503', REGISTRY)).toEqual(['instance-state', 'attachments']);
    expect(symptomTable(REGISTRY).find((row) => row.symptom === '503')?.checks).toEqual([
      'instance-state',
      'attachments',
    ]);
    expect(report.checks[0]?.id).toBe('instance-state');
    expect(report.likelyCause).toBe('instance-state');
  });

  it('is rendered in the terminal, the JSON and Slack with its finding id and page', () => {
    // The renderers take the report as every output gets it: redacted.
    const redacted = redact(report).value;
    const text = renderReportText(redacted, { color: false });
    expect(text).toContain('FAIL  Apigee instances are ACTIVE (instance-state)');
    expect(text).toMatch(/- FAIL instance-state\/instance-not-active: Apigee instance \S+ is UPDATING\./);
    expect(text).toContain(`${FIXTURE_DOCS}/instance-state.md#instance-not-active`);
    expect(text).toContain(`how to fix and verify it: ${FIXTURE_DOCS}/README.md`);

    const json = JSON.parse(renderReportJson(redacted));
    expect(json.likelyCause).toBe('instance-state');
    expect(json.checks[0].findings[0].id).toBe('instance-state/instance-not-active');

    const sixth = redacted.checks.find((c) => c.id === 'instance-state');
    if (!sixth) throw new Error('no instance-state result');
    const { seal } = new ButtonSeal(Buffer.alloc(32, 7));
    const reply = renderFindingReply(sixth, { args: { org: 'acme-prod' }, channel: 'C1', ts: '1.2' }, seal);
    expect(JSON.stringify(reply.message.blocks)).toContain(
      `<${FIXTURE_DOCS}/instance-state.md#instance-not-active|instance-state/instance-not-active>`,
    );
  });

  it('is documented: the index lists it, and its page is held to its findings', () => {
    expect(renderDocsIndex(REGISTRY)).toContain(
      '- [`instance-state/instance-not-active`](instance-state.md#instance-not-active) — An Apigee instance is not ACTIVE',
    );
    expect(docsProblems(REGISTRY, readPage(true))).toEqual([]);
    expect(docsProblems(REGISTRY, readPage(false))).toEqual(['docs/checks/instance-state.md is missing']);
  });
});
