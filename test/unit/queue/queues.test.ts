import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/errors/index.js';
import { DEFAULT_QUEUE_SETTINGS, queueSettingsFrom, workerOptions } from '../../../src/queue/queues.js';

describe('queue settings from the environment', () => {
  it('keeps the 30-second lock and stalled check when nothing is set', () => {
    const settings = queueSettingsFrom(loadConfig({}).queue);
    expect(settings).toEqual(DEFAULT_QUEUE_SETTINGS);
    expect(settings.lockDurationMs).toBe(30_000);
    expect(settings.stalledIntervalMs).toBe(30_000);
  });

  it('hands WORKER_LOCK_MS and WORKER_STALLED_INTERVAL_MS to every worker', () => {
    const config = loadConfig({ WORKER_LOCK_MS: '120000', WORKER_STALLED_INTERVAL_MS: '15000' });
    const options = workerOptions(queueSettingsFrom(config.queue), config.queue.concurrency);
    expect(options).toMatchObject({ lockDuration: 120_000, stalledInterval: 15_000 });
  });

  it('refuses a value that is not a whole number of milliseconds in range, naming the variable', () => {
    expect(() => loadConfig({ WORKER_LOCK_MS: '2s' })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKER_LOCK_MS: '2s' })).toThrow(/WORKER_LOCK_MS/);
    expect(() => loadConfig({ WORKER_STALLED_INTERVAL_MS: '10' })).toThrow(/WORKER_STALLED_INTERVAL_MS/);
  });
});
