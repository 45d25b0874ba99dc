/**
 * Every method a gax client generates starts with `this.initialize().catch(err => { throw err; })`
 * and drops that promise. When initialisation fails (no Application Default Credentials), the
 * dropped promise is an unhandled rejection that ends the process with a stack trace, whatever the
 * caller does. Awaiting `initialize()` first makes that failure this call's own rejection, and a
 * method is then only ever called on a client whose initialisation succeeded.
 *
 * A client keeps the promise of its service stub (`<service>Stub`) and answers every later
 * `initialize()` with it, a rejected one included. The clients are shared by every diagnosis of a
 * process: a failure is forgotten, so that the next call tries again (credentials that appear
 * later, a metadata server that answers again) instead of failing for the life of the process.
 */
export async function ready<C extends { initialize(): Promise<unknown> }>(client: C): Promise<C> {
  const stub = client.initialize();
  try {
    await stub;
  } catch (error) {
    const fields = client as unknown as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (key.endsWith('Stub') && fields[key] === stub) fields[key] = undefined;
    }
    throw error;
  }
  return client;
}
