/**
 * Every method a gax client generates starts with `this.initialize().catch(err => { throw err; })`
 * and drops that promise. When initialisation fails (no Application Default Credentials), the
 * dropped promise is an unhandled rejection that ends the process with a stack trace, whatever the
 * caller does. Awaiting `initialize()` first makes that failure this call's own rejection, and a
 * method is then only ever called on a client whose initialisation succeeded.
 */
export async function ready<C extends { initialize(): Promise<unknown> }>(client: C): Promise<C> {
  await client.initialize();
  return client;
}
