/**
 * The diagnosis engine: loads the estate once, runs each check as soon as the parts it needs have
 * arrived, ranks the results and returns the report. The CLI, the Slack workers and the bundle all
 * call `runDiagnosis`.
 */
import type { GoogleApis } from '../gcp/apis.js';
import { countCheck } from '../metrics/hooks.js';
import { toolVersion } from '../version.js';
import { ALL_CHECKS } from './checks/index.js';
import type { Estate } from './estate.js';
import { loadEstate } from './loader.js';
import type { Check, CheckResult, DiagnoseParams, Report } from './model.js';
import { likelyCause, rankChecks } from './ranking.js';

export interface DiagnoseOptions {
  google: GoogleApis;
  /** Called as each check concludes, in the order they finish. */
  onCheck?: (result: CheckResult, finished: number, total: number) => void;
  /** Port of the live TLS probes on the load balancer IP (PROBE_PORT, default 443). */
  probePort?: number;
  /** Whether to send live TLS probes at all (default true). */
  probe?: boolean;
  /** The checks to run (default all five). */
  checks?: readonly Check[];
  now?: () => Date;
}

export const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/** Runs a diagnosis and also returns the estate it read (the support bundle needs both). */
export async function runDiagnosis(
  params: DiagnoseParams,
  options: DiagnoseOptions,
): Promise<{ report: Report; estate: Estate }> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const until = params.until ?? startedAt;
  const since = new Date(until.getTime() - (params.sinceMs ?? DEFAULT_WINDOW_MS));
  const effective: DiagnoseParams = { ...params, until, sinceMs: until.getTime() - since.getTime() };
  const checks = options.checks ?? ALL_CHECKS;

  const load = loadEstate(options.google, effective, {
    probePort: options.probePort,
    probe: options.probe,
    now,
  });

  const finished: CheckResult[] = [];
  const checksStartedAt = performance.now();
  await Promise.all(
    checks.map(async (check) => {
      const entries = await Promise.all(
        check.needs.map(async (part) => [part, await load.parts[part]] as const),
      );
      const result = runCheck(check, estateView(check, Object.fromEntries(entries)), effective);
      finished.push(result);
      countCheck(result, (performance.now() - checksStartedAt) / 1000);
      options.onCheck?.(result, finished.length, checks.length);
    }),
  );
  const estate = await load.all();
  const ranked = rankChecks(finished, params.status);
  const cause = likelyCause(ranked);

  const report: Report = {
    org: params.org,
    project: estate.project,
    params: {
      ...(params.env ? { env: params.env } : {}),
      ...(params.host ? { host: params.host } : {}),
      ...(params.status ? { status: params.status } : {}),
    },
    window: { since: since.toISOString(), until: until.toISOString() },
    checks: ranked,
    ...(cause ? { likelyCause: cause } : {}),
    startedAt: startedAt.toISOString(),
    durationMs: now().getTime() - startedAt.getTime(),
    toolVersion,
  };
  return { report, estate };
}

export async function diagnose(params: DiagnoseParams, options: DiagnoseOptions): Promise<Report> {
  return (await runDiagnosis(params, options)).report;
}

/** A check that throws is a defect of ours: report it as `error` rather than lose the diagnosis. */
function runCheck(check: Check, estate: Estate, params: DiagnoseParams): CheckResult {
  try {
    return check.run({ estate, params });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      id: check.id,
      title: check.title,
      status: 'error',
      summary: `The check stopped on an internal error: ${reason}`,
      evidence: [],
      remediation: [
        {
          step: 'Run again with --json and report the output to the apigee-doctor maintainers.',
          commands: [],
        },
      ],
    };
  }
}

/**
 * The estate as one check may see it: only the parts it declared, so that a check reading a part
 * it did not wait for fails loudly in tests instead of reading `undefined` in production.
 */
function estateView(check: Check, parts: Partial<Estate>): Estate {
  return new Proxy(parts as Estate, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && !ALWAYS_READY.has(key)) {
        throw new Error(`check ${check.id} reads estate.${key} without declaring it in needs`);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

const ALWAYS_READY = new Set(['then', 'toJSON']);
