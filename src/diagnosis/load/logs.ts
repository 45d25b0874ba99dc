/**
 * Step 5, the request logs of Apigee's load balancers: one streamed pass over the window, scoped by
 * the topology (each serving front end by its labels), or no read at all when no external load
 * balancer serves Apigee.
 */
import { summarizeLbLogs, unreadSummary } from '../../logs/aggregate.js';
import { lbLogFilter } from '../../logs/filter.js';
import type { LbLogSummary, LogWindow } from '../../logs/types.js';
import type { Loaded } from '../estate.js';
import type { DiagnoseParams } from '../model.js';
import { logScopeOf } from '../topology/queries.js';
import type { Topology } from '../topology/topology.js';
import type { Reads } from './reads.js';

/** Default log window: the last hour. */
const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/** The log window of a diagnosis: [until - sinceMs, until), by default the hour before now. */
export function logWindow(params: DiagnoseParams, now: () => Date = () => new Date()): LogWindow {
  const until = params.until ?? now();
  const since = new Date(until.getTime() - (params.sinceMs ?? DEFAULT_WINDOW_MS));
  return { since: since.toISOString(), until: until.toISOString() };
}

export async function readLbLogs(
  reads: Reads,
  sources: { project: Promise<string>; topology: Promise<Topology>; window: LogWindow },
): Promise<Loaded<LbLogSummary>> {
  const [project, topology] = await Promise.all([sources.project, sources.topology]);
  const { window } = sources;
  const scope = logScopeOf(topology, project);
  if (scope.kind === 'none') return { ok: true, value: unreadSummary(window, scope.description) };
  const filter = lbLogFilter(window, scope);
  const loaded = await reads.once(
    { api: 'logging', method: 'entries.list', resource: `projects/${project} ${filter}` },
    () => summarizeLbLogs(reads.apis.logging.listEntries({ projects: [project], filter }), window, filter),
  );
  return loaded.ok ? { ok: true, value: { ...loaded.value, scope: scope.description } } : loaded;
}
