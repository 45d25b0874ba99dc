/** Where a URL map sends a hostname: the most specific host rule wins, whatever the list's order. */
import { describe, expect, it } from 'vitest';
import { backendServicesForHost, hostRuleMatches } from '../../../../src/diagnosis/topology/routing.js';
import type { UrlMap } from '../../../../src/gcp/types.js';

/** A map whose host rules come in the given order, each to a path matcher of its own service. */
function urlMap(rules: { hosts: string[]; service: string }[]): UrlMap {
  return {
    name: 'apigee-map',
    defaultService: 'default-backend',
    hostRules: rules.map((r) => ({ hosts: r.hosts, pathMatcher: `to-${r.service}` })),
    pathMatchers: rules.map((r) => ({ name: `to-${r.service}`, defaultService: r.service })),
  };
}

describe('hostRuleMatches', () => {
  it('takes a name exactly, or a wildcard suffix with at least one character before it', () => {
    expect(hostRuleMatches('api.example.com', 'API.example.com')).toBe(true);
    expect(hostRuleMatches('*.example.com', 'api.example.com')).toBe(true);
    expect(hostRuleMatches('*.example.com', '.example.com')).toBe(false);
    expect(hostRuleMatches('*-api.example.com', 'eu-api.example.com')).toBe(true);
    expect(hostRuleMatches('api.example.com', 'www.example.com')).toBe(false);
  });
});

describe('backendServicesForHost', () => {
  it('sends a hostname to the rule naming it exactly, though a wildcard rule comes first', () => {
    const map = urlMap([
      { hosts: ['*.example.com'], service: 'website' },
      { hosts: ['api.example.com'], service: 'apigee' },
    ]);
    expect(backendServicesForHost(map, 'api.example.com')).toEqual({ services: ['apigee'], explicit: true });
    expect(backendServicesForHost(map, 'www.example.com')).toEqual({ services: ['website'], explicit: true });
  });

  it('prefers the longer wildcard suffix', () => {
    const map = urlMap([
      { hosts: ['*.example.com'], service: 'website' },
      { hosts: ['*.api.example.com'], service: 'apigee' },
    ]);
    expect(backendServicesForHost(map, 'eu.api.example.com').services).toEqual(['apigee']);
  });

  it('sends a hostname no rule names to a bare * rule, and without one to the default service', () => {
    const catchAll = urlMap([
      { hosts: ['*'], service: 'apigee' },
      { hosts: ['www.example.com'], service: 'website' },
    ]);
    expect(backendServicesForHost(catchAll, 'api.example.com')).toEqual({
      services: ['apigee'],
      explicit: false,
    });
    expect(backendServicesForHost(catchAll, 'www.example.com')).toEqual({
      services: ['website'],
      explicit: true,
    });
    const named = urlMap([{ hosts: ['www.example.com'], service: 'website' }]);
    expect(backendServicesForHost(named, 'api.example.com')).toEqual({
      services: ['default-backend'],
      explicit: false,
    });
  });
});
