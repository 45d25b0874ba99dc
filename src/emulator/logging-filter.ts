/**
 * A real subset of the Cloud Logging query language, parsed and evaluated as Logging does:
 * comparisons (`=`, `!=`, `>`, `>=`, `<`, `<=`, `:` has, `=~`, `!~` regex) on dotted paths,
 * `AND` / `OR` / `NOT` / `-`, implicit AND by juxtaposition, parentheses and `log_id("...")`.
 * Precedence is Logging's own: NOT binds tightest, then OR, then AND (`a AND b OR c` is
 * `a AND (b OR c)`). Timestamps compare as times and severities by rank. A comparison on a field
 * the entry lacks is false. Anything else (a bare global search term, other functions) is refused
 * with `FilterError`, which the server answers as 400 INVALID_ARGUMENT.
 */

export type ComparisonOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | ':' | '=~' | '!~';

export type FilterExpr =
  | { kind: 'and'; items: FilterExpr[] }
  | { kind: 'or'; items: FilterExpr[] }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'compare'; path: string[]; op: ComparisonOp; value: string; quoted: boolean }
  | { kind: 'logId'; id: string }
  | { kind: 'true' };

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

const SEVERITY_RANK: Record<string, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

/** Severity names by their numeric value, for answering with `enum-encoding=int`. */
export function severityNumber(severity: unknown): number | undefined {
  if (typeof severity === 'number') return severity;
  if (typeof severity !== 'string') return undefined;
  return SEVERITY_RANK[severity.toUpperCase()];
}

const OPERATORS: ComparisonOp[] = ['!=', '>=', '<=', '=~', '!~', '=', '>', '<', ':'];

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): FilterExpr {
    this.skipSpace();
    if (this.atEnd()) return { kind: 'true' };
    const expr = this.parseAnd();
    this.skipSpace();
    if (!this.atEnd()) this.fail(`unexpected '${this.text[this.pos]}'`);
    return expr;
  }

  private fail(reason: string): never {
    throw new FilterError(`Unparseable filter: ${reason} at column ${this.pos + 1} of: ${this.text}`);
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  /** Consumes a keyword (`AND`, `OR`, `NOT`) when it stands alone as a word. */
  private keyword(word: string): boolean {
    this.skipSpace();
    const end = this.pos + word.length;
    if (this.text.slice(this.pos, end) !== word) return false;
    const next = this.text[end];
    if (next !== undefined && !/[\s(]/.test(next)) return false;
    this.pos = end;
    return true;
  }

  private parseAnd(): FilterExpr {
    const items = [this.parseOr()];
    for (;;) {
      this.skipSpace();
      if (this.atEnd() || this.text[this.pos] === ')') break;
      this.keyword('AND');
      items.push(this.parseOr());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private parseOr(): FilterExpr {
    const items = [this.parseNot()];
    while (this.keyword('OR')) items.push(this.parseNot());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private parseNot(): FilterExpr {
    if (this.keyword('NOT')) return { kind: 'not', expr: this.parseNot() };
    this.skipSpace();
    if (this.text[this.pos] === '-') {
      this.pos++;
      return { kind: 'not', expr: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterExpr {
    this.skipSpace();
    if (this.atEnd()) this.fail('expression expected');
    if (this.text[this.pos] === '(') {
      this.pos++;
      const inner = this.parseAnd();
      this.skipSpace();
      if (this.text[this.pos] !== ')') this.fail("')' expected");
      this.pos++;
      return inner;
    }
    if (this.text.startsWith('"', this.pos)) this.fail('global search terms are not supported');
    const path = this.parsePath();
    this.skipSpace();
    if (this.text[this.pos] === '(') return this.parseFunction(path);
    const op = OPERATORS.find((candidate) => this.text.startsWith(candidate, this.pos));
    if (!op) this.fail(`operator expected after '${path.join('.')}' (global search terms are not supported)`);
    this.pos += op.length;
    this.skipSpace();
    const { value, quoted } = this.parseValue();
    if (op === '=~' || op === '!~') {
      try {
        logRegExp(value);
      } catch {
        this.fail(`invalid regular expression ${JSON.stringify(value)}`);
      }
    }
    return { kind: 'compare', path, op, value, quoted };
  }

  private parseFunction(path: string[]): FilterExpr {
    const name = path.join('.');
    if (name !== 'log_id') this.fail(`function ${name}() is not supported`);
    this.pos++; // (
    this.skipSpace();
    const { value } = this.parseValue();
    this.skipSpace();
    if (this.text[this.pos] !== ')') this.fail("')' expected");
    this.pos++;
    return { kind: 'logId', id: value };
  }

  /** A dotted field path; a segment may be quoted (`labels."compute.googleapis.com/x"`). */
  private parsePath(): string[] {
    const segments: string[] = [];
    for (;;) {
      if (this.text[this.pos] === '"') {
        segments.push(this.parseQuoted());
      } else {
        const match = /^[A-Za-z_@][A-Za-z0-9_@-]*/.exec(this.text.slice(this.pos));
        if (!match) this.fail('field name expected');
        segments.push(match[0]);
        this.pos += match[0].length;
      }
      if (this.text[this.pos] !== '.') break;
      this.pos++;
    }
    return segments;
  }

  private parseQuoted(): string {
    let out = '';
    this.pos++; // opening quote
    while (!this.atEnd()) {
      const ch = this.text[this.pos++];
      if (ch === '"') return out;
      if (ch === '\\') {
        const next = this.text[this.pos++];
        out += next === 'n' ? '\n' : next === 't' ? '\t' : (next ?? '');
      } else {
        out += ch;
      }
    }
    return this.fail('unterminated string');
  }

  private parseValue(): { value: string; quoted: boolean } {
    if (this.text[this.pos] === '"') return { value: this.parseQuoted(), quoted: true };
    const match = /^[^\s()"]+/.exec(this.text.slice(this.pos));
    if (!match) this.fail('value expected');
    this.pos += match[0].length;
    if (['AND', 'OR', 'NOT'].includes(match[0])) this.fail(`value expected before ${match[0]}`);
    return { value: match[0], quoted: false };
  }
}

/** Parses a filter; an empty filter matches everything. Throws `FilterError`. */
export function parseFilter(filter: string): FilterExpr {
  return new Parser(filter).parse();
}

/** Milliseconds since the epoch of an RFC 3339 time (nanoseconds truncated), or NaN. */
export function timeMs(text: string): number {
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

function lookup(entry: unknown, path: readonly string[]): unknown {
  let current: unknown = entry;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function compareOrdered(field: unknown, value: string, path: readonly string[]): number | undefined {
  const name = path.join('.');
  if (name === 'severity') {
    const a = severityNumber(field);
    const b = severityNumber(value) ?? Number(value);
    return a === undefined || Number.isNaN(b) ? undefined : a - b;
  }
  if (name === 'timestamp' || name === 'receiveTimestamp') {
    const a = timeMs(String(field));
    const b = timeMs(value);
    return Number.isNaN(a) || Number.isNaN(b) ? undefined : a - b;
  }
  if (typeof field === 'number' || typeof field === 'boolean') {
    const b =
      typeof field === 'boolean'
        ? value === 'true'
          ? 1
          : value === 'false'
            ? 0
            : Number.NaN
        : Number(value);
    return Number.isNaN(b) ? undefined : Number(field) - b;
  }
  const text = String(field);
  if (text !== '' && value !== '' && !Number.isNaN(Number(text)) && !Number.isNaN(Number(value))) {
    return Number(text) - Number(value);
  }
  return text < value ? -1 : text > value ? 1 : 0;
}

/**
 * A regular expression of the query language, which is RE2's: a leading `(?i)` turns on
 * case-insensitive matching (JavaScript spells it as the `i` flag); the match is a search.
 */
function logRegExp(value: string): RegExp {
  return value.startsWith('(?i)') ? new RegExp(value.slice(4), 'i') : new RegExp(value);
}

function hasValue(field: unknown, value: string): boolean {
  if (value === '*') return true;
  const needle = value.toLowerCase();
  if (typeof field === 'object' && field !== null)
    return JSON.stringify(field).toLowerCase().includes(needle);
  return String(field).toLowerCase().includes(needle);
}

function compareOne(field: unknown, expr: Extract<FilterExpr, { kind: 'compare' }>): boolean {
  const { op, value, path } = expr;
  switch (op) {
    case ':':
      return hasValue(field, value);
    case '=~':
      return logRegExp(value).test(String(field));
    case '!~':
      return !logRegExp(value).test(String(field));
    default: {
      const order = compareOrdered(field, value, path);
      if (order === undefined) return op === '!=';
      if (op === '=') return order === 0;
      if (op === '!=') return order !== 0;
      if (op === '>') return order > 0;
      if (op === '>=') return order >= 0;
      if (op === '<') return order < 0;
      return order <= 0;
    }
  }
}

/** Whether a log entry (plain JSON, as the API returns it) matches the parsed filter. */
export function matchesFilter(entry: unknown, expr: FilterExpr): boolean {
  switch (expr.kind) {
    case 'true':
      return true;
    case 'and':
      return expr.items.every((item) => matchesFilter(entry, item));
    case 'or':
      return expr.items.some((item) => matchesFilter(entry, item));
    case 'not':
      return !matchesFilter(entry, expr.expr);
    case 'logId': {
      const logName = lookup(entry, ['logName']);
      if (typeof logName !== 'string') return false;
      const id = logName.slice(logName.indexOf('/logs/') + '/logs/'.length);
      return decodeURIComponent(id) === expr.id;
    }
    case 'compare': {
      const field = lookup(entry, expr.path);
      if (field === undefined || field === null) return false;
      if (Array.isArray(field)) return field.some((element) => compareOne(element, expr));
      return compareOne(field, expr);
    }
  }
}

export interface TimeBounds {
  /** Earliest time an entry can have (ms), inclusive. */
  from?: number;
  /** Latest time (ms), inclusive. */
  to?: number;
}

/**
 * The time window the filter's top-level conjunction imposes on `timestamp`, so a generator can
 * skip straight to it. Only narrows: every entry is still checked against the whole filter.
 */
export function timeBounds(expr: FilterExpr): TimeBounds {
  const bounds: TimeBounds = {};
  const visit = (node: FilterExpr): void => {
    if (node.kind === 'and') {
      node.items.forEach(visit);
      return;
    }
    if (node.kind !== 'compare' || node.path.join('.') !== 'timestamp') return;
    const ms = timeMs(node.value);
    if (Number.isNaN(ms)) return;
    if (node.op === '>' || node.op === '>=' || node.op === '=') {
      bounds.from = Math.max(bounds.from ?? -Infinity, node.op === '>' ? ms + 1 : ms);
    }
    if (node.op === '<' || node.op === '<=' || node.op === '=') {
      bounds.to = Math.min(bounds.to ?? Infinity, node.op === '<' ? ms - 1 : ms);
    }
  };
  visit(expr);
  return bounds;
}

/** The filter without the top-level `timestamp` comparisons that `timeBounds` turns into a window. */
export function withoutTimeBounds(expr: FilterExpr): FilterExpr {
  const isBound = (node: FilterExpr) =>
    node.kind === 'compare' &&
    node.path.join('.') === 'timestamp' &&
    ['>', '>=', '<', '<=', '='].includes(node.op) &&
    !Number.isNaN(timeMs(node.value));
  if (isBound(expr)) return { kind: 'true' };
  if (expr.kind !== 'and') return expr;
  const items = expr.items.filter((item) => !isBound(item)).map(withoutTimeBounds);
  if (items.length === 0) return { kind: 'true' };
  return items.length === 1 ? items[0]! : { kind: 'and', items };
}

/** Whether any comparison in the filter reads one of `fields` (dotted paths) or the log id. */
export function mentionsFields(expr: FilterExpr, fields: readonly string[]): boolean {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return expr.items.some((item) => mentionsFields(item, fields));
    case 'not':
      return mentionsFields(expr.expr, fields);
    case 'compare':
      return fields.includes(expr.path.join('.'));
    case 'logId':
      return fields.includes('logName');
    case 'true':
      return false;
  }
}
