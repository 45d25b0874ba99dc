import { describe, expect, it } from 'vitest';
import {
  environmentProblem,
  hostnameProblem,
  orgNameProblem,
  parseDuration,
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

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1h30m', 5_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['1hour', 'h', '10', '-1h', '1h 30m'])('refuses %s with an example of the form', (text) => {
    expect(parseDuration(text)).toEqual({ problem: expect.stringContaining('such as 30m, 1h or 2d') });
  });
  it('refuses an empty window and one longer than Cloud Logging keeps', () => {
    expect(parseDuration('0m')).toEqual({ problem: expect.stringContaining('empty window') });
    expect(parseDuration('31d')).toEqual({ problem: expect.stringContaining('30 days') });
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
