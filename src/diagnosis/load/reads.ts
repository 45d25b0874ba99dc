/**
 * The reads of one diagnosis: every Google call goes through `once`, so each method on each
 * resource is called at most once, and its outcome is kept as plain data (`Loaded`): the value, or
 * the error that kept us from it. No read's promise ever rejects.
 */

import { type GcpErrorInfo, type GoogleApiName, isGcpError } from '../../errors/index.js';
import type { GoogleApis } from '../../gcp/apis.js';
import type { Loaded } from '../estate.js';

/** Which call a part comes from: the memo key, and the error's subject if it fails. */
export interface CallKey {
  api: GoogleApiName;
  method: string;
  resource: string;
}

export class Reads {
  private readonly memo = new Map<string, Promise<Loaded<unknown>>>();

  constructor(readonly apis: GoogleApis) {}

  /** One call per method and resource for the whole diagnosis. */
  once<T>(call: CallKey, load: () => Promise<T>): Promise<Loaded<T>> {
    const key = `${call.method} ${call.resource}`;
    let loaded = this.memo.get(key);
    if (!loaded) {
      loaded = settle(call, load);
      this.memo.set(key, loaded);
    }
    return loaded as Promise<Loaded<T>>;
  }

  apigee<T>(method: string, resource: string, load: () => Promise<T>): Promise<Loaded<T>> {
    return this.once({ api: 'apigee', method, resource }, load);
  }

  compute<T>(method: string, resource: string, load: () => Promise<T>): Promise<Loaded<T>> {
    return this.once({ api: 'compute', method, resource }, load);
  }

  certificateManager<T>(method: string, resource: string, load: () => Promise<T>): Promise<Loaded<T>> {
    return this.once({ api: 'certificatemanager', method, resource }, load);
  }
}

/** Runs `load` and keeps its outcome: the value, or the error as plain data. Never rejects. */
async function settle<T>(call: CallKey, load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    return { ok: false, error: errorInfo(error, call) };
  }
}

/** A `GcpError`'s own description; anything else (a defect of ours) as an `unknown` failure. */
function errorInfo(error: unknown, call: CallKey): GcpErrorInfo {
  if (isGcpError(error)) return error.info;
  return { kind: 'unknown', ...call, message: error instanceof Error ? error.message : String(error) };
}

export function itemsOf<T>(loaded: Loaded<T[]>): T[] {
  return loaded.ok ? loaded.value : [];
}

/** Loads one part per named item (instances, groups), keyed by name. */
export function byName<T, R>(
  items: readonly T[],
  load: (name: string) => Promise<Loaded<R>>,
): Promise<Record<string, Loaded<R>>> {
  const names = [
    ...new Set(items.map((item) => (item as { name?: string }).name).filter((n): n is string => Boolean(n))),
  ];
  return awaitRecord<R>(names.map((name) => [name, load(name)]));
}

export async function awaitRecord<T>(
  entries: [string, Promise<Loaded<T>>][],
): Promise<Record<string, Loaded<T>>> {
  const values = await Promise.all(entries.map(([, loaded]) => loaded));
  return Object.fromEntries(entries.map(([key], i) => [key, values[i]!]));
}
