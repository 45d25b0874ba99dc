/**
 * Offset paging with opaque tokens, as Google's list methods page: a page of at most `pageSize`
 * items and a `nextPageToken` only when more remain. The token is the next offset, encoded so a
 * caller cannot mistake it for a number it may compute.
 */

const TOKEN_PREFIX = 'emu1:';

/** Encodes a position (an offset or any small JSON value) as an opaque page token. */
export function encodePageToken(position: unknown): string {
  return Buffer.from(TOKEN_PREFIX + JSON.stringify(position)).toString('base64url');
}

/** Decodes a token from `encodePageToken`; `undefined` when the token is not one of ours. */
export function decodePageToken(token: string): unknown {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX)) return undefined;
  try {
    return JSON.parse(text.slice(TOKEN_PREFIX.length));
  } catch {
    return undefined;
  }
}

export class InvalidPageTokenError extends Error {
  constructor(token: string) {
    super(`Invalid page token: ${token}`);
    this.name = 'InvalidPageTokenError';
  }
}

export class InvalidPageSizeError extends Error {
  constructor(size: string) {
    super(`Invalid page size: ${size}`);
    this.name = 'InvalidPageSizeError';
  }
}

/** The offset a page token stands for (0 without a token). Throws `InvalidPageTokenError`. */
export function offsetFromToken(token: string | undefined | null): number {
  if (!token) return 0;
  const position = decodePageToken(token);
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) {
    throw new InvalidPageTokenError(token);
  }
  return position;
}

/**
 * The page size a request asks for: `requested` when it is a positive integer, `fallback` when
 * absent or 0, capped at `max` (Google caps silently). Throws `InvalidPageSizeError` when negative
 * or not a number.
 */
export function pageSizeFrom(
  requested: string | number | undefined | null,
  fallback: number,
  max: number,
): number {
  if (requested === undefined || requested === null || requested === '') return fallback;
  const size = Number(requested);
  if (!Number.isInteger(size) || size < 0) throw new InvalidPageSizeError(String(requested));
  if (size === 0) return fallback;
  return Math.min(size, max);
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

/** One page of `items` starting at the token's offset. */
export function pageOf<T>(items: readonly T[], pageSize: number, pageToken?: string | null): Page<T> {
  const start = offsetFromToken(pageToken);
  const end = start + pageSize;
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.nextPageToken = encodePageToken(end);
  return page;
}
