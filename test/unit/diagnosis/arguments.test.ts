import { describe, expect, it } from 'vitest';
import {
  environmentProblem,
  hostnameProblem,
  orgNameProblem,
  parseSymptom,
} from '../../../src/diagnosis/arguments.js';

describe('orgNameProblem', () => {
  it.each(['my-org', 'gcpdiag-apigee1-aaaa', 'a12345'])('accepts %s', (name) => {
    expect(orgNameProblem(name)).toBeNull();
  });
  it.each([
    ['My-Org', 'uppercase'],
    ['org', 'too short'],
    ['1org-name', 'starts with a digit'],
    ['my-org-', 'ends with a hyphen'],
    ['my_org_name', 'underscore'],
    ['a'.repeat(31), 'too long'],
  ])('refuses %s (%s) and states the naming rule', (name) => {
    expect(orgNameProblem(name)).toMatch(/6 to 30 characters, lowercase letters, digits and hyphens/);
  });
});

describe('parseSymptom', () => {
  it('reads status codes and tls', () => {
    expect(parseSymptom('502')).toBe('502');
    expect(parseSymptom('TLS')).toBe('tls');
  });
  it('lists the accepted values for anything else', () => {
    expect(parseSymptom('500')).toEqual({ problem: expect.stringContaining('tls, 403, 404, 502, 503') });
  });
});

describe('hostnameProblem and environmentProblem', () => {
  it('accepts real hostnames and wildcard names', () => {
    expect(hostnameProblem('api.example.com')).toBeNull();
    expect(hostnameProblem('*.example.com')).toBeNull();
  });
  it('refuses what is not a hostname', () => {
    expect(hostnameProblem('localhost')).not.toBeNull();
    expect(hostnameProblem('api..example.com')).not.toBeNull();
    expect(hostnameProblem('https://api.example.com')).not.toBeNull();
  });
  it('accepts Apigee environment names only', () => {
    expect(environmentProblem('prod-1')).toBeNull();
    expect(environmentProblem('1prod')).not.toBeNull();
  });
});
