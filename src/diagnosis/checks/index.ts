/** The checks the engine runs by default: the registry's, in report order. */
import type { Check } from '../model.js';
import { CHECKS } from './registry.js';

export const ALL_CHECKS: readonly Check[] = CHECKS;
