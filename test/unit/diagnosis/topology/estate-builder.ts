/**
 * A small builder of the estate parts the topology is derived from: load balancers (forwarding
 * rule → proxy → URL map → backend services), bridge and non-bridge MIGs, PSC NEGs, Apigee
 * instances and groups, in Google's field names and URLs.
 */
import type { Loaded } from '../../../../src/diagnosis/estate.js';
import type { TopologyInput } from '../../../../src/diagnosis/topology/topology.js';
import type {
  BackendService,
  ForwardingRule,
  InstanceGroupManager,
  InstanceTemplate,
  NetworkEndpointGroup,
  TargetHttpsProxy,
  UrlMap,
} from '../../../../src/gcp/types.js';

export const PROJECT = 'acme-prj';
const BASE = `https://www.googleapis.com/compute/v1/projects/${PROJECT}`;
export const TENANT = 'tp-1a2b';
export const ATTACHMENT = `projects/${TENANT}/regions/us-central1/serviceAttachments/apigee-us-central1-7c1d`;

/** `global` or a region name. */
type Where = 'global' | string;

export const url = (where: Where, collection: string, name: string) =>
  where === 'global'
    ? `${BASE}/global/${collection}/${name}`
    : `${BASE}/regions/${where}/${collection}/${name}`;

const ok = <T>(value: T): Loaded<T> => ({ ok: true, value });

export class EstateBuilder {
  readonly rules: ForwardingRule[] = [];
  readonly proxies: TargetHttpsProxy[] = [];
  readonly urlMaps: UrlMap[] = [];
  readonly services: BackendService[] = [];
  readonly migs: InstanceGroupManager[] = [];
  readonly templates: InstanceTemplate[] = [];
  readonly negs: Record<string, Loaded<NetworkEndpointGroup>> = {};
  hostnames = ['api.example.com'];

  /** A MIG in us-central1; a bridge when `endpoint` is given (its template carries ENDPOINT). */
  mig(name: string, endpoint?: string): string {
    const template = url('global', 'instanceTemplates', `${name}-template`);
    this.templates.push({
      name: `${name}-template`,
      selfLink: template,
      properties: { metadata: { items: endpoint ? [{ key: 'ENDPOINT', value: endpoint }] : [] } },
    });
    const group = url('us-central1', 'instanceGroups', name);
    this.migs.push({
      name,
      selfLink: url('us-central1', 'instanceGroupManagers', name),
      region: `${BASE}/regions/us-central1`,
      instanceGroup: group,
      versions: [{ instanceTemplate: template }],
    });
    return group;
  }

  /** A regional NEG of the given type (PSC NEGs on `target`). */
  neg(name: string, type: string, target?: string): string {
    const selfLink = url('us-central1', 'networkEndpointGroups', name);
    this.negs[selfLink] = ok({
      name,
      selfLink,
      region: `${BASE}/regions/us-central1`,
      networkEndpointType: type,
      ...(target ? { pscTargetService: target, pscData: { pscConnectionStatus: 'ACCEPTED' } } : {}),
    });
    return selfLink;
  }

  service(name: string, groups: string[], where: Where = 'global', scheme = 'EXTERNAL_MANAGED'): string {
    const selfLink = url(where, 'backendServices', name);
    this.services.push({
      name,
      selfLink,
      ...(where === 'global' ? {} : { region: `${BASE}/regions/${where}` }),
      loadBalancingScheme: scheme,
      backends: groups.map((group) => ({ group })),
    });
    return selfLink;
  }

  /** A front end: forwarding rule → proxy → URL map, the map given in full. */
  loadBalancer(
    name: string,
    map: Omit<UrlMap, 'name' | 'selfLink'>,
    options: { where?: Where; scheme?: string; ip?: string } = {},
  ): void {
    const where = options.where ?? 'global';
    const regional = where === 'global' ? {} : { region: `${BASE}/regions/${where}` };
    const mapUrl = url(where, 'urlMaps', `${name}-map`);
    const proxyUrl = url(where, 'targetHttpsProxies', `${name}-proxy`);
    this.urlMaps.push({ name: `${name}-map`, selfLink: mapUrl, ...regional, ...map });
    this.proxies.push({ name: `${name}-proxy`, selfLink: proxyUrl, ...regional, urlMap: mapUrl });
    this.rules.push({
      name: `${name}-fr`,
      selfLink: url(where, 'forwardingRules', `${name}-fr`),
      ...regional,
      IPAddress: options.ip ?? '34.120.0.1',
      portRange: '443-443',
      target: proxyUrl,
      loadBalancingScheme: options.scheme ?? 'EXTERNAL_MANAGED',
    });
  }

  input(overrides: Partial<TopologyInput> = {}): TopologyInput {
    return {
      instances: ok([
        {
          name: 'acme-us-central1',
          location: 'us-central1',
          host: '10.9.0.2',
          serviceAttachment: ATTACHMENT,
        },
      ]),
      envgroups: ok([{ name: 'prod-group', hostnames: this.hostnames }]),
      forwardingRules: ok(this.rules),
      targetHttpsProxies: ok(this.proxies),
      urlMaps: ok(this.urlMaps),
      backendServices: ok(this.services),
      instanceGroupManagers: ok(this.migs),
      instanceTemplates: ok(this.templates),
      networkEndpointGroups: this.negs,
      ...overrides,
    };
  }
}

/** A part that failed to load with a permission denial. */
export function denied(permission: string): Loaded<never> {
  return {
    ok: false,
    error: {
      kind: 'permission-denied',
      api: 'compute',
      method: permission,
      resource: `projects/${PROJECT}`,
      permission,
      message: `Required '${permission}' permission`,
    },
  };
}
