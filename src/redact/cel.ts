/**
 * Secrets by position in a Cloud Armor rule expression (CEL): `request.headers['x-api-key'] == 'abc'`
 * compares a header that may carry a secret (any but the ordinary ones below) to a literal, so the
 * literal is the secret. One pass finds the string
 * literals and the `&&` / `||` that split the expression into clauses; a clause that reads such a
 * header loses every other literal. Linear in the expression's length.
 */
import { isMarker, type RedactionKind, redactionMarker, sensitiveNameKind } from './kinds.js';

const HEADER_REFERENCE = 'request.headers[';

/**
 * Headers whose values say who a client is or what it asks for, never a credential: a rule matching
 * them (`request.headers['user-agent'].contains('curl')`) is what a reader needs to see. Any other
 * header compared to a literal may be a shared secret under a name nobody could guess
 * (`request.headers['x-origin-verify'] == '…'`, the check of a CDN's custom header), so its
 * literals go, as the values of the headers the load balancer adds do.
 */
const ORDINARY_HEADERS = new Set([
  'user-agent',
  'host',
  'referer',
  'origin',
  'content-type',
  'content-length',
  'accept',
  'accept-language',
  'accept-encoding',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-real-ip',
  'x-requested-with',
  'via',
  'connection',
  'cache-control',
  'pragma',
  'upgrade',
  'sec-fetch-site',
  'sec-fetch-mode',
  'sec-fetch-dest',
  'sec-ch-ua',
  'sec-ch-ua-platform',
  'sec-ch-ua-mobile',
]);

function mayHoldSecret(headerName: string): boolean {
  return (
    !ORDINARY_HEADERS.has(headerName.trim().toLowerCase()) || sensitiveNameKind(headerName) !== undefined
  );
}

interface Literal {
  /** Offsets of the opening and closing quotes. */
  start: number;
  end: number;
  /** Set when the literal names a header: `request.headers['x-api-key']`. */
  headerName: boolean;
  sensitive: boolean;
}

/** Whether `request.headers[` ends just before `at` (spaces allowed after the bracket). */
function followsHeaderReference(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  const from = i - HEADER_REFERENCE.length + 1;
  return from >= 0 && text.startsWith(HEADER_REFERENCE, from);
}

/** Returns `text` with every literal compared to a sensitive header replaced by a marker. */
export function redactCelLiterals(text: string, found: Set<RedactionKind>): string {
  if (!text.includes(HEADER_REFERENCE)) return text;
  const clauses: Literal[][] = [[]];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "'" || char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== char && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length || text[end] !== char) {
        i = end;
        continue; // an unclosed literal is not one
      }
      const headerName = followsHeaderReference(text, i);
      const sensitive = headerName && mayHoldSecret(text.slice(i + 1, end));
      clauses[clauses.length - 1]!.push({ start: i, end, headerName, sensitive });
      i = end + 1;
      continue;
    }
    const next = text[i + 1];
    if ((char === '&' && next === '&') || (char === '|' && next === '|') || char === '\n') {
      clauses.push([]);
      i += char === '\n' ? 1 : 2;
      continue;
    }
    i += 1;
  }
  const replaced: Literal[] = [];
  for (const clause of clauses) {
    if (!clause.some((literal) => literal.sensitive)) continue;
    for (const literal of clause) {
      if (!literal.headerName && !isMarker(text.slice(literal.start + 1, literal.end)))
        replaced.push(literal);
    }
  }
  if (replaced.length === 0) return text;
  found.add('header-value');
  const marker = redactionMarker('header-value');
  const out: string[] = [];
  let from = 0;
  for (const literal of replaced) {
    out.push(text.slice(from, literal.start + 1), marker);
    from = literal.end;
  }
  out.push(text.slice(from));
  return out.join('');
}
