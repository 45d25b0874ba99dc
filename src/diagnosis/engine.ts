/**
 * The diagnosis engine: loads the estate once, runs each check as soon as the parts it needs have
 * arrived, ranks the results and returns the report. The CLI, the Slack workers and the bundle all
 * call `runDiagnosis`.
 */
import type { GoogleApis } from '../gcp/apis.js';
import { countCheck } from '../metrics/hooks.js';
import { toolVersion } from '../version.js';
import { ALL_CHECKS } from './checks/index.js';
import { commonFindingId } from './checks/support/common-findings.js';
import { docsIndexLink, findingDocsLink } from './docs.js';
import type { Estate } from './estate.js';
import { loadEstate } from './loader.js';
import type {
  Check,
  CheckContext,
  CheckId,
  CheckResult,
  DiagnoseParams,
  GoogleIdentity,
  Report,
} from './model.js';
import { likelyCause, rankChecks } from './ranking.js';

export interface DiagnoseOptions<Id extends string = CheckId> {
  google: GoogleApis;
  /** Called as each check concludes, in the order they finish. */
  onCheck?: (result: CheckResult<Id>, finished: number, total: number) => void;
  /**
   * Called when the organization's read settles, before any check that needs it concludes: when it
   * failed, the caller may say that once instead of showing every check's error as it comes.
   */
  onOrganization?: (read: Estate['organization']) => void;
  /** Port of the live TLS probes on the load balancer IP (PROBE_PORT, default 443). */
  probePort?: number;
  /** Whether to send live TLS probes at all (default true). */
  probe?: boolean;
  /** The checks to run (default: every check of the registry). */
  checks?: readonly Check<Id, string>[];
  /**
   * Where `docs/checks/` is published (APIGEE_DOCTOR_DOCS_URL, or the CLI's shipped pages): the
   * findings link there. Without it they name the page's path in the repository.
   */
  docsUrl?: string;
  /** CAs (PEM) the probes trust besides Node's root store and NODE_EXTRA_CA_CERTS (an emulator's root). */
  probeCa?: string[];
  /**
   * Who the diagnosis runs as (gcp/identity.ts, read once per process): a missing role is granted
   * to it. Read while the estate loads; it never fails (an unknown identity says why).
   */
  identity?: GoogleIdentity | Promise<GoogleIdentity>;
  now?: () => Date;
}

/** A report and the estate it was made from (the support bundle needs both). */
export interface Diagnosis<Id extends string = CheckId> {
  report: Report<Id>;
  estate: Estate;
}

export const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/** Runs a diagnosis with the registry's checks and also returns the estate it read. */
export function runDiagnosis(params: DiagnoseParams, options: DiagnoseOptions): Promise<Diagnosis>;
/** Runs a diagnosis with the given checks (a test's, or a subset). */
export function runDiagnosis<Id extends string>(
  params: DiagnoseParams,
  options: DiagnoseOptions<Id> & { checks: readonly Check<Id, string>[] },
): Promise<Diagnosis<Id>>;
export async function runDiagnosis<Id extends string>(
  params: DiagnoseParams,
  options: DiagnoseOptions<Id>,
): Promise<Diagnosis<Id>> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const until = params.until ?? startedAt;
  const since = new Date(until.getTime() - (params.sinceMs ?? DEFAULT_WINDOW_MS));
  const effective: DiagnoseParams = { ...params, until, sinceMs: until.getTime() - since.getTime() };
  // Without `checks` the first overload applies, where Id is the registry's CheckId.
  const checks =
    options.checks ?? (ALL_CHECKS as readonly Check<string, string>[] as readonly Check<Id, string>[]);
  const docsUrl = options.docsUrl;

  const load = loadEstate(options.google, effective, {
    probePort: options.probePort,
    probe: options.probe,
    ...(options.probeCa ? { probeCa: options.probeCa } : {}),
    now,
  });

  const organization = load.parts.organization.then((read) => {
    options.onOrganization?.(read);
    return read;
  });
  // gcp/identity.ts never rejects; a caller's promise that does must not cost the diagnosis either.
  const identityRead = Promise.resolve(options.identity).catch(
    (error: unknown): GoogleIdentity => ({
      unknown: `the credentials could not be read (${error instanceof Error ? error.message : String(error)})`,
    }),
  );
  const finished: CheckResult<Id>[] = [];
  const checksStartedAt = performance.now();
  await Promise.all(
    checks.map(async (check) => {
      const [entries, identity] = await Promise.all([
        Promise.all(
          check.needs.map(
            async (part) =>
              [part, await (part === 'organization' ? organization : load.parts[part])] as const,
          ),
        ),
        identityRead,
      ]);
      const view = estateView(check, Object.fromEntries(entries));
      const result = runCheck(check, {
        estate: view,
        params: effective,
        docsUrl,
        ...(identity ? { identity } : {}),
      });
      finished.push(result);
      countCheck(result, (performance.now() - checksStartedAt) / 1000);
      options.onCheck?.(result, finished.length, checks.length);
    }),
  );
  const estate = await load.all();
  const ranAs = await identityRead;
  const ranked = rankChecks(finished, params.status, checks);
  const cause = likelyCause(ranked);

  const report: Report<Id> = {
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
    docs: docsIndexLink(docsUrl),
    ...(ranAs ? { ranAs } : {}),
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
function runCheck<Id extends string>(check: Check<Id, string>, ctx: CheckContext): CheckResult<Id> {
  try {
    return check.run(ctx);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const summary = `The check stopped on an internal error: ${reason}`;
    const id = commonFindingId('internal-error');
    return {
      id: check.id,
      title: check.title,
      status: 'error',
      summary,
      findings: [{ id, status: 'error', headline: summary, docs: findingDocsLink(id, ctx.docsUrl) }],
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
function estateView(check: Check<string, string>, parts: Partial<Estate>): Estate {
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
