/** A scenario apigee-doctor ships: built on load, so certificate dates and log times are relative to now. */
import type { Scenario } from '../scenario.js';

export interface ShippedScenario {
  name: string;
  /** One line: the estate and what is wrong with it. */
  description: string;
  build(): Promise<Scenario>;
}

/** The demo organization every shipped estate uses unless it needs another. */
export const DEMO_ORG = 'acme-prod';
