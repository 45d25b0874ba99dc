/**
 * Our own CPU between waves, seen from inside the process: the Google APIs wrapped so that each
 * call's start and end note the process's CPU time. A call's wave is one more than the latest wave
 * among the calls that had ended when it started. Between wave n and wave n + 1 the process spends
 * the CPU from the first answer of wave n to the start of the last call of wave n + 1: decoding the
 * answers, deriving what the next calls need, and sending them. On a busy machine the wall time
 * between waves is longer than this (the process waits for a core); on an idle one they agree.
 */
import type { GoogleApis, LogEntry } from '../src/gcp/apis.js';

interface TracedCall {
  wave?: number;
  startCpuMs: number;
  /** Set when the call ended. */
  endCpuMs?: number;
  endOrder?: number;
}

export interface CpuTrace {
  /** The APIs to diagnose with: the given ones, every call traced. */
  google: GoogleApis;
  /** The CPU between each wave and the next, in order (ms). */
  betweenWaves(): number[];
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function traceCpu(apis: GoogleApis): CpuTrace {
  const calls: TracedCall[] = [];
  let ended = 0;
  const start = (): TracedCall => {
    const finished = calls.filter((c) => c.endCpuMs !== undefined);
    const call: TracedCall = {
      startCpuMs: cpuMs(),
      wave: 1 + Math.max(0, ...finished.map((c) => c.wave ?? 1)),
    };
    calls.push(call);
    return call;
  };
  const end = (call: TracedCall) => {
    call.endCpuMs = cpuMs();
    call.endOrder = ended++;
  };
  const traced = <O extends object>(target: O): O =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const call = start();
          const result = value.apply(object, args) as Promise<unknown>;
          result.then(
            () => end(call),
            () => end(call),
          );
          return result;
        };
      },
    });
  const google: GoogleApis = {
    ...apis,
    apigee: traced(apis.apigee),
    compute: traced(apis.compute),
    ...(apis.certificateManager ? { certificateManager: traced(apis.certificateManager) } : {}),
    logging: {
      listEntries(options) {
        const call = start();
        const pages = apis.logging.listEntries(options);
        return {
          async *[Symbol.asyncIterator](): AsyncGenerator<LogEntry[]> {
            try {
              yield* pages;
            } finally {
              end(call);
            }
          },
        };
      },
    },
  };
  return {
    google,
    betweenWaves() {
      const waves = Math.max(0, ...calls.map((c) => c.wave ?? 1));
      const gaps: number[] = [];
      for (let n = 1; n < waves; n++) {
        const firstAnswer = calls
          .filter((c) => c.wave === n && c.endCpuMs !== undefined)
          .sort((a, b) => a.endOrder! - b.endOrder!)[0];
        const lastStart = Math.max(...calls.filter((c) => c.wave === n + 1).map((c) => c.startCpuMs));
        gaps.push(Math.max(0, lastStart - (firstAnswer?.endCpuMs ?? lastStart)));
      }
      return gaps;
    },
  };
}
