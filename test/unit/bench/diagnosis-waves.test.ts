import { describe, expect, it } from 'vitest';
import { requestName, waveFigures } from '../../../bench/diagnosis-waves.js';
import type { RequestLogEntry } from '../../../src/emulator/server.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** A request the emulator saw arrive `at` ms after T0 and answered `durationMs` later. */
const served = (path: string, at: number, durationMs = 100, query = ''): RequestLogEntry => ({
  method: 'GET',
  path,
  query,
  body: '',
  status: 200,
  durationMs,
  at: new Date(T0 + at).toISOString(),
});

describe('waveFigures', () => {
  it('puts a request in the wave after the latest answer it could have waited for', () => {
    const figures = waveFigures(
      [
        served('/v1/organizations/o', 0),
        served('/compute/v1/projects/p/aggregated/backendServices', 1),
        served('/v1/organizations/o/instances', 2),
        // Left 10 ms after the last answer before it (at 102): wave 2.
        served('/compute/v1/projects/p/global/backendServices/b/getHealth', 112),
        served('/v1/organizations/o/instances/i/attachments', 104),
        // Left after an answer of wave 2 (at 204): wave 3, 6 ms after it.
        served('/compute/v1/projects/p/global/networks/n', 210),
      ],
      'p',
    );

    expect(figures.waves.map((w) => w.requests.map((r) => r.name))).toEqual([
      ['apigee organization', 'compute backendServices', 'apigee instances'],
      ['apigee instances.attachments', 'compute backendServices.getHealth'],
      ['compute networks.get'],
    ]);
    expect(figures.waves.map((w) => [w.firstOffsetMs, w.lastOffsetMs, w.turnaroundMs])).toEqual([
      [0, 2, 0],
      [104, 112, 10],
      [210, 210, 6],
    ]);
    expect(figures.betweenWavesMs).toBe(16);
    expect(figures.spanMs).toBe(310);
    expect(figures.chain.map((r) => r.name)).toEqual([
      'apigee instances',
      'apigee instances.attachments',
      'compute networks.get',
    ]);
    expect(figures.repeated).toEqual([]);
  });

  it('names the same request sent twice', () => {
    const path = '/compute/v1/projects/p/aggregated/urlMaps';
    expect(waveFigures([served(path, 0), served(path, 5)]).repeated).toEqual([`GET ${path} ×2`]);
  });
});

describe('requestName', () => {
  it('names the API and the method, without the resources, and a project other than the expected one', () => {
    const name = (path: string, query = '') => requestName({ path, query }, 'p');
    expect(name('/compute/v1/projects/p/aggregated/forwardingRules')).toBe('compute forwardingRules');
    expect(name('/compute/v1/projects/p/regions/r/instanceGroupManagers/m/listManagedInstances')).toBe(
      'compute instanceGroupManagers.listManagedInstances',
    );
    expect(name('/compute/v1/projects/p/global/networks/n')).toBe('compute networks.get');
    expect(name('/compute/v1/projects/guess/getXpnHost')).toBe('compute getXpnHost [project guess]');
    expect(name('/v1/organizations/o/envgroups/g/attachments')).toBe('apigee envgroups.attachments');
    expect(name('/v2/entries:list')).toBe('logging entries:list');
    expect(name('/compute/v1/projects/p/aggregated/instances', 'pageToken=x')).toBe(
      'compute instances (next page)',
    );
  });
});
