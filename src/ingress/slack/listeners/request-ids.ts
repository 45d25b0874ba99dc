/** The Socket Mode envelope id of a request, which the app's receiver puts in the listener's context. */
import type { Context } from '@slack/bolt';

/** The context property the Socket Mode receiver sets (see app.ts). */
export const ENVELOPE_ID = 'envelopeId';

export function envelopeIdOf(context: Context): string | undefined {
  const id = context[ENVELOPE_ID];
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
