/**
 * What each role of the bot's process loads (the import walk, not a timer): a worker-only process
 * has no use for Bolt or the access policy, the app none for Google's clients, and main.ts itself
 * loads only what every role needs before it knows its role.
 */
import { describe, expect, it } from 'vitest';
import { importGraph } from '../support/import-graph.js';

const GOOGLE = [
  '@google-cloud/compute',
  '@google-cloud/logging',
  '@google-cloud/certificate-manager',
  'google-gax',
];

describe('the bot process', () => {
  it('loads no role before it reads --role', () => {
    const { packages } = importGraph('main.ts');
    for (const name of ['@slack/bolt', 'bullmq', 'prom-client', 'yaml', ...GOOGLE]) {
      expect(packages, name).not.toContain(name);
    }
  });

  it('loads the roles once it knows them (so the walk above sees them)', () => {
    const { packages } = importGraph('main.ts', 'dynamic');
    for (const name of ['@slack/bolt', 'bullmq', 'prom-client', 'yaml', '@google-cloud/compute']) {
      expect(packages, name).toContain(name);
    }
  });

  it('as a worker loads neither Bolt nor the access policy', () => {
    const { files, packages } = importGraph('jobs/start-worker.ts', 'dynamic');
    expect(packages).toContain('bullmq');
    expect(packages).not.toContain('@slack/bolt');
    expect(packages).not.toContain('yaml');
    expect(files).not.toContain('ingress/slack/policy.ts');
  });

  it('as the app loads none of the Google clients', () => {
    const { packages } = importGraph('ingress/slack/start-app.ts', 'dynamic');
    expect(packages).toContain('@slack/bolt');
    for (const name of GOOGLE) expect(packages, name).not.toContain(name);
  });
});
