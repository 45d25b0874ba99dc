/**
 * Apigee's serving path, derived from estates built by hand: several load balancers in one project,
 * regional and internal ones, Private Service Connect, a URL map shared with another site, and
 * estates whose parts could not all be read.
 */
import { describe, expect, it } from 'vitest';
import {
  apigeeBackendServices,
  logScopeOf,
  otherLoadBalancers,
  routedRegions,
  routesForHostname,
} from '../../../../src/diagnosis/topology/queries.js';
import { deriveTopology } from '../../../../src/diagnosis/topology/topology.js';
import { ATTACHMENT, denied, EstateBuilder, PROJECT, TENANT, url } from './estate-builder.js';

/** Apigee behind a global external ALB on a bridge MIG, and the website behind another one. */
function apigeeAndWebsite(): EstateBuilder {
  const b = new EstateBuilder();
  const bridge = b.mig('apigee-mig-us-central1', '10.9.0.2');
  const web = b.mig('web-mig');
  b.loadBalancer('apigee', { defaultService: b.service('apigee-backend', [bridge]) });
  b.loadBalancer(
    'web',
    { defaultService: b.service('web-backend', [web], 'global', 'EXTERNAL') },
    {
      scheme: 'EXTERNAL',
      ip: '34.120.0.2',
    },
  );
  return b;
}

const names = (paths: { forwardingRule: { name?: string } }[]) => paths.map((p) => p.forwardingRule.name);

describe('deriveTopology', () => {
  it('tells Apigee’s load balancer from the website’s in the same project, and ignores the latter', () => {
    const topology = deriveTopology(apigeeAndWebsite().input());

    expect(topology.verdict).toBe('found');
    expect(names(topology.servingPaths)).toEqual(['apigee-fr']);
    expect(topology.servingPaths[0]?.kind).toMatchObject({
      external: true,
      logType: 'http_load_balancer',
      name: 'global external Application Load Balancer',
    });
    expect(topology.servingPaths[0]?.reason).toBe(
      'load balancer apigee-fr (→ apigee-backend) serves Apigee: apigee-backend (bridge MIG apigee-mig-us-central1)',
    );
    expect(otherLoadBalancers(topology)).toEqual([
      {
        resource: url('global', 'forwardingRules', 'web-fr'),
        detail: 'load balancer web-fr (→ web-backend) does not serve Apigee: ignored',
      },
    ]);
    expect(topology.bridges.map((bridge) => bridge.mig.name)).toEqual(['apigee-mig-us-central1']);
    expect(apigeeBackendServices(topology).map((s) => s.name)).toEqual(['apigee-backend']);
    expect(routesForHostname(topology, 'api.example.com').map((r) => r.path.forwardingRule.name)).toEqual([
      'apigee-fr',
    ]);
    expect(logScopeOf(topology, PROJECT)).toEqual({
      kind: 'load-balancers',
      targets: [{ logType: 'http_load_balancer', forwardingRule: 'apigee-fr' }],
      description: "Apigee's load balancer apigee-fr (global external Application Load Balancer)",
    });
  });

  it('knows the classic global external ALB by its EXTERNAL scheme', () => {
    const b = new EstateBuilder();
    b.loadBalancer(
      'apigee',
      { defaultService: b.service('apigee-backend', [b.mig('bridge', '10.9.0.2')]) },
      {
        scheme: 'EXTERNAL',
      },
    );
    const [path] = deriveTopology(b.input()).servingPaths;
    expect(path?.kind).toMatchObject({ scope: 'global', logType: 'http_load_balancer' });
    expect(path?.kind.name).toBe('classic Application Load Balancer');
  });

  it('follows a regional external ALB (regional rule, proxy, URL map, backend service) and its log type', () => {
    const b = new EstateBuilder();
    const service = b.service('apigee-backend', [b.mig('bridge', '10.9.0.2')], 'us-central1');
    b.loadBalancer('apigee', { defaultService: service }, { where: 'us-central1' });
    const topology = deriveTopology(b.input());

    expect(topology.verdict).toBe('found');
    expect(topology.servingPaths[0]?.kind).toEqual({
      scope: 'regional',
      scheme: 'EXTERNAL_MANAGED',
      external: true,
      logType: 'http_external_regional_lb_rule',
      name: 'regional external Application Load Balancer',
    });
    const scope = logScopeOf(topology, PROJECT);
    expect(scope.kind === 'load-balancers' && scope.targets).toEqual([
      { logType: 'http_external_regional_lb_rule', forwardingRule: 'apigee-fr', region: 'us-central1' },
    ]);
  });

  it('recognises an internal ALB on the bridge, reads no log for it and never offers it to be probed', () => {
    const b = new EstateBuilder();
    const bridge = b.mig('bridge', '10.9.0.2');
    const internal = b.service('apigee-internal', [bridge], 'us-central1', 'INTERNAL_MANAGED');
    b.loadBalancer(
      'internal',
      { defaultService: internal },
      {
        where: 'us-central1',
        scheme: 'INTERNAL_MANAGED',
        ip: '10.20.0.5',
      },
    );
    const topology = deriveTopology(b.input());

    expect(topology.verdict).toBe('found');
    expect(topology.servingPaths[0]?.kind).toMatchObject({
      external: false,
      name: 'regional internal Application Load Balancer',
    });
    expect(topology.servingPaths[0]?.kind.logType).toBeUndefined();
    expect(apigeeBackendServices(topology, { externalOnly: true })).toEqual([]);
    expect(logScopeOf(topology, PROJECT)).toEqual({
      kind: 'none',
      description:
        'Apigee is served only by internal load balancers (internal-fr (regional internal Application Load Balancer)), whose request logs are not read',
    });

    // Beside an external one, the external one is read and the internal one is not.
    b.loadBalancer('apigee', { defaultService: b.service('apigee-backend', [bridge]) });
    const both = deriveTopology(b.input());
    expect(names(both.servingPaths)).toEqual(['internal-fr', 'apigee-fr']);
    const scope = logScopeOf(both, PROJECT);
    expect(scope.kind === 'load-balancers' && scope.targets.map((t) => t.forwardingRule)).toEqual([
      'apigee-fr',
    ]);
  });

  it('takes a PSC NEG on this organization’s service attachment, or a stale one of its tenant, for Apigee’s', () => {
    const b = new EstateBuilder();
    const stale = `projects/${TENANT}/regions/us-central1/serviceAttachments/apigee-us-central1-0e9f`;
    b.loadBalancer('apigee', {
      defaultService: b.service('apigee-backend', [
        b.neg('apigee-psc', 'PRIVATE_SERVICE_CONNECT', ATTACHMENT),
      ]),
    });
    b.loadBalancer('old', {
      defaultService: b.service('old-backend', [b.neg('old-psc', 'PRIVATE_SERVICE_CONNECT', stale)]),
    });
    const vendor = 'projects/vendor-prj/regions/us-central1/serviceAttachments/payments';
    b.loadBalancer('vendor', {
      defaultService: b.service('vendor-backend', [b.neg('vendor-psc', 'PRIVATE_SERVICE_CONNECT', vendor)]),
    });
    b.loadBalancer('app', { defaultService: b.service('app-backend', [b.neg('app-run', 'SERVERLESS')]) });
    const topology = deriveTopology(b.input());

    expect(names(topology.servingPaths)).toEqual(['apigee-fr', 'old-fr']);
    expect(names(topology.ignored)).toEqual(['vendor-fr', 'app-fr']);
    expect(topology.ignored[0]?.reason).toBe(
      'load balancer vendor-fr (→ vendor-backend) does not serve Apigee: ignored',
    );
    expect(topology.pscBackends.map((p) => p.neg?.name)).toEqual(['apigee-psc', 'old-psc']);
    expect([...routedRegions(topology)]).toEqual(['us-central1']);
  });

  it('narrows a URL map shared with another site to Apigee’s backend service', () => {
    const b = new EstateBuilder();
    const apigee = b.service('apigee-backend', [b.mig('bridge', '10.9.0.2')]);
    const web = b.service('web-backend', [b.mig('web-mig')]);
    b.loadBalancer('shared', {
      defaultService: web,
      hostRules: [{ hosts: ['api.example.com'], pathMatcher: 'api' }],
      pathMatchers: [{ name: 'api', defaultService: apigee }],
    });
    const topology = deriveTopology(b.input());

    expect(topology.servingPaths[0]?.routes).toEqual([web, apigee]);
    expect(topology.servingPaths[0]?.apigeeServices).toEqual([apigee]);
    expect(routesForHostname(topology, 'api.example.com')).toMatchObject([
      { services: [apigee], explicit: true },
    ]);
    expect(routesForHostname(topology, 'www.example.com')).toEqual([]);
    const scope = logScopeOf(topology, PROJECT);
    expect(scope.kind === 'load-balancers' && scope.targets).toEqual([
      { logType: 'http_load_balancer', forwardingRule: 'shared-fr', backendServices: ['apigee-backend'] },
    ]);
  });

  it('takes a URL map that names an env-group hostname for Apigee’s, narrowing its logs to that hostname', () => {
    const b = new EstateBuilder();
    // A bridge without ENDPOINT metadata (built by hand), so only the host rule tells.
    const custom = b.service('custom-bridge', [b.mig('custom-mig')]);
    b.loadBalancer('edge', {
      defaultService: custom,
      hostRules: [{ hosts: ['api.example.com'], pathMatcher: 'api' }],
      pathMatchers: [{ name: 'api', defaultService: custom }],
    });
    const topology = deriveTopology(b.input());

    expect(topology.verdict).toBe('found');
    expect(topology.servingPaths[0]?.reason).toContain('host rule api.example.com');
    const scope = logScopeOf(topology, PROJECT);
    expect(scope.kind === 'load-balancers' && scope.targets).toEqual([
      { logType: 'http_load_balancer', forwardingRule: 'edge-fr', hostnames: ['api.example.com'] },
    ]);
  });

  it('follows weighted traffic splits to the bridge', () => {
    const b = new EstateBuilder();
    const apigee = b.service('apigee-backend', [b.mig('bridge', '10.9.0.2')]);
    b.loadBalancer('split', {
      defaultRouteAction: { weightedBackendServices: [{ backendService: apigee, weight: 100 }] },
    });
    expect(deriveTopology(b.input()).verdict).toBe('found');
  });

  it('finds no serving path when everything was read and no load balancer leads to Apigee', () => {
    const b = new EstateBuilder();
    b.mig('apigee-mig-us-central1', '10.9.0.2'); // a bridge with no load balancer yet
    b.loadBalancer('web', { defaultService: b.service('web-backend', [b.mig('web-mig')]) });
    const topology = deriveTopology(b.input());

    expect(topology.verdict).toBe('none');
    expect(topology.servingPaths).toEqual([]);
    expect(topology.bridges.map((bridge) => [bridge.mig.name, bridge.backendServices.length])).toEqual([
      ['apigee-mig-us-central1', 0],
    ]);
    expect(routesForHostname(topology, 'api.example.com')).toEqual([]);
    expect(logScopeOf(topology, PROJECT)).toEqual({
      kind: 'none',
      description: 'no load balancer of project acme-prj serves Apigee (web-fr do not)',
    });
  });

  it('keeps every load balancer a candidate when the backend services could not be read', () => {
    const topology = deriveTopology(
      apigeeAndWebsite().input({ backendServices: denied('compute.backendServices.list') }),
    );

    expect(topology.verdict).toBe('unknown');
    expect(names(topology.servingPaths)).toEqual(['apigee-fr', 'web-fr']);
    expect(topology.unknowns[0]).toBe('the backend services could not be read');
    // Unable to tell, every external load balancer's logs are read, and the reason is given.
    expect(logScopeOf(topology, PROJECT)).toMatchObject({ kind: 'project' });
    expect(logScopeOf(topology, PROJECT).description).toContain('the backend services could not be read');
    // The hostname falls to every candidate's default service, as no URL map names it.
    expect(routesForHostname(topology, 'api.example.com')).toHaveLength(2);
  });

  it('does not judge an undetermined load balancer when Apigee’s is found', () => {
    const b = apigeeAndWebsite();
    b.loadBalancer('app', { defaultService: b.service('app-backend', [b.neg('app-neg', 'SERVERLESS')]) });
    const app = url('us-central1', 'networkEndpointGroups', 'app-neg');
    const topology = deriveTopology(
      b.input({ networkEndpointGroups: { [app]: denied('compute.regionNetworkEndpointGroups.get') } }),
    );

    expect(names(topology.servingPaths)).toEqual(['apigee-fr']);
    expect(names(topology.undetermined)).toEqual(['app-fr']);
    expect(topology.undetermined[0]?.reason).toBe(
      'whether load balancer app-fr (→ app-backend) serves Apigee cannot be told: app-backend (network endpoint group app-neg (not read))',
    );
    // Its unread NEG is not Apigee's to report.
    expect(topology.pscBackends).toEqual([]);
  });

  it('cannot tell a load balancer apart from the website when the env-group hostnames are unknown', () => {
    const b = new EstateBuilder();
    b.loadBalancer('web', { defaultService: b.service('web-backend', [b.mig('web-mig')]) });
    const topology = deriveTopology(b.input({ envgroups: denied('apigee.envgroups.list') }));
    expect(topology.verdict).toBe('unknown');
    expect(topology.hostnames).toBeUndefined();
  });

  it('does not claim no load balancer serves Apigee when the Apigee side could not be read', () => {
    const b = new EstateBuilder();
    b.service('web-backend', [b.mig('web-mig')]); // no HTTPS front end at all
    expect(deriveTopology(b.input()).verdict).toBe('none');
    const topology = deriveTopology(b.input({ instances: denied('apigee.instances.list') }));
    expect(topology.verdict).toBe('unknown');
    expect(topology.unknowns).toEqual(['the Apigee instances could not be read']);
  });
});
