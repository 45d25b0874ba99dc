/**
 * The DENY export: one row per denied (or preview-denied) request, written as CSV or JSON while
 * the entries stream by, up to a cap that the file itself states. Each row is redacted whole before
 * it is written (a user agent or a path can carry a token): the writer takes only redacted rows.
 */
import type { Writable } from 'node:stream';
import type { LogEntry } from '../gcp/apis.js';
import type { RedactionKind } from '../redact/kinds.js';
import { type Redacted, redactCollecting } from '../redact/value.js';
import { matchedRule, requestHostAndPath, statusDetails } from './entry-fields.js';

export interface DenyRow {
  timestamp: string;
  /** `enforced`: the request was denied; `preview`: a preview rule would have denied it. */
  mode: 'enforced' | 'preview';
  policy: string;
  priority: number;
  action: string;
  remoteIp: string;
  method: string;
  host: string;
  /** Without the query string. */
  path: string;
  status: string;
  statusDetails: string;
  userAgent: string;
}

export const DENY_ROW_COLUMNS: readonly (keyof DenyRow)[] = [
  'timestamp',
  'mode',
  'policy',
  'priority',
  'action',
  'remoteIp',
  'method',
  'host',
  'path',
  'status',
  'statusDetails',
  'userAgent',
];

/**
 * The row of a DENY entry (the enforced verdict when there is one), redacted, or undefined for other
 * entries; the kinds of secret removed are added to `found`.
 */
export function denyRowOf(entry: LogEntry, found: Set<RedactionKind>): Redacted<DenyRow> | undefined {
  const enforced = matchedRule(entry, 'enforced');
  const preview = matchedRule(entry, 'preview');
  const verdict = enforced?.outcome === 'DENY' ? enforced : preview?.outcome === 'DENY' ? preview : undefined;
  if (!verdict) return undefined;
  const request = entry.httpRequest;
  const { host, path } = requestHostAndPath(request?.requestUrl);
  const row: DenyRow = {
    timestamp: entry.timestamp ?? '',
    mode: verdict === enforced ? 'enforced' : 'preview',
    policy: verdict.policy,
    priority: verdict.priority,
    action: verdict.action,
    remoteIp: request?.remoteIp ?? '',
    method: request?.requestMethod ?? '',
    host,
    path,
    status: request?.status === undefined ? '' : String(request.status),
    statusDetails: statusDetails(entry) ?? '',
    userAgent: request?.userAgent ?? '',
  };
  return redactCollecting(row, found);
}

export type RowFormat = 'csv' | 'json';

/** `.json` → json, anything else → csv. */
export function rowFormatOf(path: string): RowFormat {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}

/** Writes rows to a stream up to `cap`, honouring back-pressure; `close` states what was left out. */
export class DenyRowWriter {
  written = 0;
  matched = 0;
  private readonly format: RowFormat;
  private readonly out: Writable;
  readonly cap: number;

  constructor(
    out: Writable,
    format: RowFormat,
    cap: number,
    header: { window: { since: string; until: string } },
  ) {
    this.out = out;
    this.format = format;
    this.cap = cap;
    if (format === 'csv') this.out.write(`${DENY_ROW_COLUMNS.join(',')}\n`);
    else
      this.out.write(
        `{"window":${JSON.stringify(header.window)},"cap":${cap},"columns":${JSON.stringify(DENY_ROW_COLUMNS)},"rows":[\n`,
      );
  }

  /** Adds a row unless the cap is reached (it is still counted as matched). */
  async add(row: Redacted<DenyRow>): Promise<void> {
    this.matched++;
    if (this.written >= this.cap) return;
    const text =
      this.format === 'csv'
        ? `${DENY_ROW_COLUMNS.map((column) => csvField(String(row[column]))).join(',')}\n`
        : `${this.written > 0 ? ',\n' : ''}${JSON.stringify(row)}`;
    this.written++;
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  /** Finishes the document; JSON gets the counts, CSV stays plain (the command states the cap). */
  async close(): Promise<void> {
    if (this.format === 'json') {
      this.out.write(
        `\n],"rowsWritten":${this.written},"rowsMatched":${this.matched},"truncated":${this.matched > this.written}}\n`,
      );
    }
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(resolve);
    });
  }
}

/** RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet does not run it as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
