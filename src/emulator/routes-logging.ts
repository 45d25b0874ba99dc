/**
 * Logging v2 `entries.list` (POST /v2/entries:list): the scenario's recorded entries and the
 * generated ones, filtered with the Logging query language, merged in timestamp order and paged.
 * The page token holds positions in both streams, so generated entries are made one at a time.
 * Like Logging, a page may come back short (even empty) with a token when the scan took long.
 */
import type { LogEntry } from '../gcp/apis.js';
import { loggingPermissionDenied, rpcError } from './google-errors.js';
import { generatedEntry, generatedIndexRange, generatedSlot } from './log-generator.js';
import {
  FilterError,
  type FilterExpr,
  matchesFilter,
  mentionsFields,
  parseFilter,
  severityNumber,
  timeBounds,
  timeMs,
  withoutTimeBounds,
} from './logging-filter.js';
import { decodePageToken, encodePageToken } from './paging.js';
import type { Route } from './router.js';
import type { GeneratedLogs, Scenario } from './scenario.js';

/** Logging's default page size, and the largest it accepts. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
/** Generated entries examined per call before answering a short page. */
const SCAN_BUDGET = 250_000;

export interface ListEntriesRequest {
  resourceNames?: string[];
  projectIds?: string[];
  filter?: string;
  orderBy?: string;
  pageSize?: number;
  pageToken?: string;
}

export interface ListEntriesResponse {
  entries?: LogEntry[];
  nextPageToken?: string;
}

/** Positions in the two streams: recorded entries consumed, next generated index to examine. */
interface Cursor {
  recorded: number;
  generated: number;
}

function projectOfLogName(logName: unknown): string | undefined {
  if (typeof logName !== 'string') return undefined;
  return /^projects\/([^/]+)\//.exec(logName)?.[1];
}

/** `projects/P` (or a view under it) → P; other parents hold no entries here. */
function projectOfResourceName(name: string): string | undefined {
  return /^projects\/([^/]+)(\/|$)/.exec(name)?.[1];
}

/** Every project the scenario knows, which Logging would let the caller read. */
function knownProjects(scenario: Scenario): Set<string> {
  const known = new Set(Object.keys(scenario.compute));
  for (const org of Object.values(scenario.apigee)) {
    if (org.organization.projectId) known.add(org.organization.projectId);
  }
  for (const entry of scenario.logging.entries) {
    const project = projectOfLogName(entry.logName);
    if (project) known.add(project);
  }
  if (scenario.logging.generated) known.add(scenario.logging.generated.project);
  return known;
}

function invalid(message: string): never {
  throw rpcError(400, message);
}

function parseRequest(body: unknown): Required<Pick<ListEntriesRequest, 'filter'>> & {
  projects: string[];
  descending: boolean;
  pageSize: number;
  cursor: Cursor;
} {
  const request = (body ?? {}) as ListEntriesRequest;
  const names = [...(request.resourceNames ?? []), ...(request.projectIds ?? []).map((p) => `projects/${p}`)];
  if (names.length === 0) invalid('Field resourceNames is required.');
  const projects = names.map((name) => projectOfResourceName(name) ?? `\u0000${name}`);
  const orderBy = (request.orderBy ?? '').trim().replace(/\s+/g, ' ');
  if (!['', 'timestamp', 'timestamp asc', 'timestamp desc'].includes(orderBy)) {
    invalid(
      `Invalid orderBy: "${request.orderBy}". Only "timestamp asc" and "timestamp desc" are supported.`,
    );
  }
  const size = request.pageSize === undefined ? 0 : Number(request.pageSize);
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    invalid(`Invalid page size: ${request.pageSize}. It must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  let cursor: Cursor = { recorded: 0, generated: -1 };
  if (request.pageToken) {
    const decoded = decodePageToken(request.pageToken) as Partial<Cursor> | undefined;
    if (!decoded || typeof decoded.recorded !== 'number' || typeof decoded.generated !== 'number') {
      invalid('Invalid page token.');
    }
    cursor = { recorded: decoded.recorded, generated: decoded.generated };
  }
  return {
    projects,
    filter: request.filter ?? '',
    descending: orderBy === 'timestamp desc',
    pageSize: size === 0 ? DEFAULT_PAGE_SIZE : size,
    cursor,
  };
}

/** Fields that differ between generated entries at the same cycle position. */
const VARYING_FIELDS = ['timestamp', 'receiveTimestamp', 'insertId'];

/** The stream of generated entries that can match, walked in the requested order. */
class GeneratedStream {
  private readonly start: number;
  private readonly end: number;
  /** Filter results by cycle position, when the filter reads only fields fixed by the position. */
  private readonly bySlot: Map<number, boolean> | undefined;
  private readonly residual: FilterExpr;
  /** The next index to examine. */
  position: number;

  constructor(
    private readonly scenario: Scenario,
    filter: FilterExpr,
    private readonly descending: boolean,
    projects: string[],
    saved: number,
  ) {
    const generated = scenario.logging.generated;
    const bounds = timeBounds(filter);
    const [start, end] =
      generated && projects.includes(generated.project)
        ? generatedIndexRange(generated, bounds.from, bounds.to)
        : [0, 0];
    this.start = start;
    this.end = end;
    // Generated times are whole milliseconds, so the index range applies the time bounds exactly.
    this.residual = withoutTimeBounds(filter);
    this.bySlot = mentionsFields(this.residual, VARYING_FIELDS) ? undefined : new Map();
    this.position = saved >= 0 ? saved : descending ? end - 1 : start;
  }

  private inRange(): boolean {
    return this.position >= this.start && this.position < this.end;
  }

  private matches(generated: GeneratedLogs, budget: { left: number }): LogEntry | null {
    if (this.bySlot) {
      const slot = generatedSlot(generated, this.position);
      const known = this.bySlot.get(slot);
      if (known === false) return null;
      const entry = generatedEntry(generated, this.position);
      if (known === undefined) {
        budget.left--;
        this.bySlot.set(slot, matchesFilter(entry, this.residual));
        return this.bySlot.get(slot) ? entry : null;
      }
      return entry;
    }
    budget.left--;
    const entry = generatedEntry(generated, this.position);
    return matchesFilter(entry, this.residual) ? entry : null;
  }

  /** The next matching entry without consuming it, `null` at the end, `undefined` out of budget. */
  peek(budget: { left: number }): LogEntry | null | undefined {
    const generated = this.scenario.logging.generated;
    while (generated && this.inRange()) {
      if (budget.left <= 0) return undefined;
      const entry = this.matches(generated, budget);
      if (entry) return entry;
      this.advance();
    }
    return null;
  }

  advance(): void {
    this.position += this.descending ? -1 : 1;
  }
}

function entryTime(entry: LogEntry): number {
  return timeMs(entry.timestamp ?? '');
}

/** One page of `entries.list` for the scenario. Throws `ApiError` (400) for a bad request. */
export function listEntriesPage(scenario: Scenario, body: unknown): ListEntriesResponse {
  const request = parseRequest(body);
  let filter: FilterExpr;
  try {
    filter = parseFilter(request.filter);
  } catch (error) {
    if (error instanceof FilterError) invalid(error.message);
    throw error;
  }
  const { descending, pageSize, projects } = request;
  const direction = descending ? -1 : 1;
  const recorded = scenario.logging.entries
    .filter(
      (entry) => projects.includes(projectOfLogName(entry.logName) ?? '') && matchesFilter(entry, filter),
    )
    .sort((a, b) => direction * (entryTime(a) - entryTime(b)));
  const generated = new GeneratedStream(scenario, filter, descending, projects, request.cursor.generated);
  let nextRecorded = request.cursor.recorded;
  const budget = { left: SCAN_BUDGET };
  const entries: LogEntry[] = [];
  let outOfBudget = false;

  while (entries.length < pageSize) {
    const fromRecorded = recorded[nextRecorded];
    const fromGenerated = generated.peek(budget);
    if (fromGenerated === undefined) {
      outOfBudget = true;
      break;
    }
    if (!fromRecorded && !fromGenerated) break;
    const takeRecorded =
      fromRecorded !== undefined &&
      (!fromGenerated || direction * (entryTime(fromRecorded) - entryTime(fromGenerated)) <= 0);
    if (takeRecorded) {
      entries.push(fromRecorded);
      nextRecorded++;
    } else if (fromGenerated) {
      entries.push(fromGenerated);
      generated.advance();
    }
  }

  const response: ListEntriesResponse = {};
  if (entries.length > 0) response.entries = entries;
  const more =
    outOfBudget ||
    nextRecorded < recorded.length ||
    generated.peek(budget.left > 0 ? budget : { left: 1 }) !== null;
  if (more)
    response.nextPageToken = encodePageToken({ recorded: nextRecorded, generated: generated.position });
  return response;
}

/** Severity as a number, as Logging answers when the client asks for `enum-encoding=int`. */
function withNumericEnums(response: ListEntriesResponse): ListEntriesResponse {
  if (!response.entries) return response;
  return {
    ...response,
    entries: response.entries.map((entry) => {
      const severity = severityNumber((entry as { severity?: unknown }).severity);
      return severity === undefined ? entry : ({ ...entry, severity } as LogEntry);
    }),
  };
}

export const loggingRoutes: Route[] = [
  {
    method: 'POST',
    template: '/v2/entries:list',
    api: 'logging',
    permission: 'logging.logEntries.list',
    precheck: (ctx) => {
      const request = parseRequest(ctx.body);
      const known = knownProjects(ctx.scenario);
      // Logging does not say whether a project exists: an unknown one is a denial.
      const unknown = request.projects.find((project) => !known.has(project));
      if (unknown !== undefined) throw loggingPermissionDenied('logging.logEntries.list');
    },
    resource: () => '',
    handler: (ctx) => {
      const response = listEntriesPage(ctx.scenario, ctx.body);
      const alt = ctx.query.get('$alt') ?? '';
      return alt.includes('enum-encoding=int') ? withNumericEnums(response) : response;
    },
  },
];
