/**
 * Figures of one diagnosis from its call records: how many Google calls, how many distinct, the
 * duplicates, and the longest chain of calls that had to wait for one another.
 */
import type { CallRecord, GoogleApis } from '../src/gcp/apis.js';

export interface CallFigures {
  calls: number;
  distinct: number;
  duplicates: string[];
  /** Longest sequence of calls each started after the previous one ended. */
  depth: number;
}

export function callFigures(calls: readonly CallRecord[]): CallFigures {
  const seen = new Map<string, number>();
  for (const call of calls) {
    const key = `${call.api} ${call.method} ${call.resource}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
  // Longest chain in the "ended before started" order, by dynamic programming over start times.
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const chain: number[] = [];
  sorted.forEach((call, i) => {
    let longest = 0;
    for (let j = 0; j < i; j++) {
      if (sorted[j]!.endedAt <= call.startedAt) longest = Math.max(longest, chain[j]!);
    }
    chain.push(longest + 1);
  });
  return {
    calls: calls.length,
    distinct: seen.size,
    duplicates,
    depth: chain.length ? Math.max(...chain) : 0,
  };
}

/**
 * The same APIs with every call made one after another, as a script calling gcloud would: the
 * baseline the concurrent loader is measured against.
 */
export function oneAfterAnother(apis: GoogleApis): GoogleApis {
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const wrap = <O extends object>(target: O): O =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => serialised(() => value.apply(object, args));
      },
    });
  return {
    apigee: wrap(apis.apigee),
    compute: wrap(apis.compute),
    logging: {
      listEntries(options) {
        const pages = apis.logging.listEntries(options)[Symbol.asyncIterator]();
        return {
          [Symbol.asyncIterator]: () => ({ next: () => serialised(() => pages.next()) }),
        };
      },
    },
    calls: apis.calls,
  };
}
