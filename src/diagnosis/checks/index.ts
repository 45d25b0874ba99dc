/** The five checks of the playbook, in report order (before ranking by the client's symptom). */
import type { Check } from '../model.js';
import { attachmentsCheck } from './attachments.js';
import { cloudArmorCheck } from './cloud-armor.js';
import { networkCheck } from './network.js';
import { proxyMigCheck } from './proxy-mig.js';
import { tlsCheck } from './tls.js';

export const ALL_CHECKS: readonly Check[] = [
  tlsCheck,
  cloudArmorCheck,
  proxyMigCheck,
  networkCheck,
  attachmentsCheck,
];

export { rankChecks } from '../ranking.js';
