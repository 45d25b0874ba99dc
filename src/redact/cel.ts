/**
 * Secrets by position in a Cloud Armor rule expression (CEL): `request.headers['x-api-key'] == 'abc'`
 * compares a sensitive header to a literal, so the literal is the secret. One pass finds the string
 * literals and the `&&` / `||` that split the expression into clauses; a clause that reads a
 * sensitive header loses every other literal. Linear in the expression's length.
 */
import { isMarker, type RedactionKind, redactionMarker, sensitiveNameKind } from './kinds.js';

const HEADER_REFERENCE = 'request.headers[';

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
      const sensitive = headerName && sensitiveNameKind(text.slice(i + 1, end)) !== undefined;
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
