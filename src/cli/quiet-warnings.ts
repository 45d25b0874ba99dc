/**
 * Process warnings a user cannot act on. google-auth-library asks gcp-metadata whether it runs on
 * Google Cloud when no credentials file is found; behind a corporate proxy that answers for the
 * metadata address (a 403, say) it prints a `MetadataLookupWarning` to stderr, two lines beside our
 * own sentence naming `gcloud auth application-default login`, which already says what to do.
 */
const UNACTIONABLE_WARNING_TYPES: ReadonlySet<string> = new Set(['MetadataLookupWarning']);

type EmitWarning = NodeJS.Process['emitWarning'];

/** The type a call to `process.emitWarning` gives its warning, in any of its call forms. */
export function warningType(warning: unknown, typeOrOptions: unknown): string | undefined {
  if (typeof typeOrOptions === 'string') return typeOrOptions;
  if (typeof typeOrOptions === 'object' && typeOrOptions !== null && 'type' in typeOrOptions) {
    const { type } = typeOrOptions as { type?: unknown };
    if (typeof type === 'string') return type;
  }
  return warning instanceof Error ? warning.name : undefined;
}

/** Drops the unactionable warnings on `proc`; every other warning is printed as Node prints it. */
export function quietUnactionableWarnings(proc: Pick<NodeJS.Process, 'emitWarning'>): void {
  const emit: EmitWarning = proc.emitWarning.bind(proc);
  proc.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = warningType(warning, rest[0]);
    if (type !== undefined && UNACTIONABLE_WARNING_TYPES.has(type)) return;
    (emit as (...args: unknown[]) => void)(warning, ...rest);
  }) as EmitWarning;
}
