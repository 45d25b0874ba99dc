/** What the Slack listeners are given: the policy to authorize with and the queue to hand work to. */
import type { ButtonKeys } from '../../../contract/button-seal.js';
import type { Logger } from '../../../log.js';
import type { ClaimStore } from '../../../queue/claims.js';
import type { JobProducer } from '../../../queue/producer.js';
import type { ReportStore } from '../../../queue/report-store.js';
import type { Policy } from '../policy.js';

export interface ListenerDeps {
  policy: Policy;
  producer: JobProducer;
  /** Finished reports, for the Details button. */
  reports: ReportStore;
  /** One-time claims (the Details file is uploaded once per report and check). */
  claims: ClaimStore;
  /** The key that seals button values (the workers seal them, the listeners open them). */
  buttons: ButtonKeys;
  logger: Logger;
}
