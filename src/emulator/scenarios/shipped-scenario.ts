/** A scenario apigee-doctor ships: built on load, so certificate dates and log times are relative to now. */
import type { Scenario } from '../scenario.js';
import { type EstateOptions, healthyEstate } from './build.js';

export interface ShippedScenario {
  name: string;
  /** One line: the estate and what is wrong with it. */
  description: string;
  build(): Promise<Scenario>;
}

/** The demo organization every shipped estate uses unless it needs another. */
export const DEMO_ORG = 'acme-prod';

/**
 * The healthy estate most single-cause scenarios start from: the demo org in us-central1, one
 * environment group serving api.example.com, Cloud Armor attached, all checks passing.
 */
export function demoEstate(
  scenario: Pick<ShippedScenario, 'name' | 'description'>,
  overrides: Partial<EstateOptions> = {},
): Promise<Scenario> {
  return healthyEstate({
    name: scenario.name,
    description: scenario.description,
    org: DEMO_ORG,
    regions: ['us-central1'],
    hostnames: ['api.example.com'],
    environments: ['prod'],
    cloudArmor: true,
    ...overrides,
  });
}
