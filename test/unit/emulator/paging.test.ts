import { describe, expect, it } from 'vitest';
import {
  InvalidPageSizeError,
  InvalidPageTokenError,
  pageOf,
  pageSizeFrom,
} from '../../../src/emulator/paging.js';

describe('pageOf', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('walks every item exactly once, page by page', () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = pageOf(items, 2, token);
      seen.push(...page.items);
      token = page.nextPageToken;
      pages++;
    } while (token);
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  it('gives no token when the page reaches the end', () => {
    expect(pageOf(items, 5)).toEqual({ items });
    expect(pageOf([], 5)).toEqual({ items: [] });
  });

  it('refuses a token it did not issue', () => {
    expect(() => pageOf(items, 2, 'bm90LW91cnM')).toThrow(InvalidPageTokenError);
    expect(() => pageOf(items, 2, '2')).toThrow(InvalidPageTokenError);
  });
});

describe('pageSizeFrom', () => {
  it('uses the default when absent or 0 and caps at the maximum', () => {
    expect(pageSizeFrom(undefined, 50, 1000)).toBe(50);
    expect(pageSizeFrom('0', 50, 1000)).toBe(50);
    expect(pageSizeFrom('20', 50, 1000)).toBe(20);
    expect(pageSizeFrom(5000, 50, 1000)).toBe(1000);
  });

  it('refuses negative or non-numeric sizes', () => {
    expect(() => pageSizeFrom('-1', 50, 1000)).toThrow(InvalidPageSizeError);
    expect(() => pageSizeFrom('ten', 50, 1000)).toThrow(InvalidPageSizeError);
  });
});
