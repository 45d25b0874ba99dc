import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors/index.js';

describe('loadConfig', () => {
  it('has a default for everything the CLI needs', () => {
    const config = loadConfig({});
    expect(config.google).toEqual({
      timeoutMs: 30_000,
      retries: 3,
      probePort: 443,
      emulatorCredentials: false,
      logPagesPerMinute: 60,
      logReadBudgetMs: 120_000,
    });
    expect(config.queue.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.policyPath).toBeUndefined();
    // No published pages unless named: the CLI links its shipped ones, Slack names the path.
    expect(config.docsUrl).toBeUndefined();
  });

  it('links the findings to the docs where APIGEE_DOCTOR_DOCS_URL says, without a trailing slash', () => {
    expect(
      loadConfig({ APIGEE_DOCTOR_DOCS_URL: 'https://git.example.com/ops/apigee-doctor/docs/checks/' })
        .docsUrl,
    ).toBe('https://git.example.com/ops/apigee-doctor/docs/checks');
  });

  it('reads the emulator base URL without a trailing slash', () => {
    expect(loadConfig({ GCP_API_BASE_URL: 'http://127.0.0.1:8085/' }).google.apiBaseUrl).toBe(
      'http://127.0.0.1:8085',
    );
  });

  it('uses credentials against the emulator only when asked, and reads NODE_EXTRA_CA_CERTS', () => {
    const env = {
      GCP_API_BASE_URL: 'http://127.0.0.1:8085',
      GCP_EMULATOR_CREDENTIALS: '1',
      NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
    };
    expect(loadConfig(env).google).toMatchObject({ emulatorCredentials: true, extraCaFile: '/etc/ca.pem' });
    expect(loadConfig({ GCP_API_BASE_URL: 'http://127.0.0.1:8085' }).google.emulatorCredentials).toBe(false);
  });

  it.each([
    [{ PROBE_PORT: '70000' }, 'PROBE_PORT must be a whole number from 1 to 65535, not "70000".'],
    [{ GCP_API_BASE_URL: 'localhost:8085' }, 'GCP_API_BASE_URL must use http: or https:, not "localhost:".'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must use redis: or rediss:, not "http:".'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error, not "loud".'],
    [
      { APIGEE_DOCTOR_DOCS_URL: 'file:///docs' },
      'APIGEE_DOCTOR_DOCS_URL must use https: or http:, not "file:".',
    ],
    [
      { GCP_EMULATOR_CREDENTIALS: '1' },
      'GCP_EMULATOR_CREDENTIALS applies to the emulator only: set GCP_API_BASE_URL too (against Google, credentials are always used).',
    ],
    [
      { GCP_API_BASE_URL: 'http://127.0.0.1:8085', GCP_EMULATOR_CREDENTIALS: 'yes' },
      'GCP_EMULATOR_CREDENTIALS must be 1 or 0 (true or false), not "yes".',
    ],
  ])('names the variable at fault: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
