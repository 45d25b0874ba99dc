/**
 * The Apigee bridge ("apigee-proxy") MIGs: which managed instance groups forward load balancer
 * traffic to an Apigee instance, with their template, ENDPOINT, tags, network and backend services.
 */
import { parseComputeResource, regionOf, sameResource, shortName } from '../../gcp/names.js';
import type {
  BackendService,
  ForwardingRule,
  InstanceGroupManager,
  InstanceTemplate,
} from '../../gcp/types.js';

/** The Apigee envoy startup script the bridge template runs (`gs://apigee-5g-saas/...`). */
const ENVOY_STARTUP_SCRIPT = /apigee-5g-saas|apigee-envoy-proxy/;

/** A MIG that forwards load balancer traffic to an Apigee instance. */
export interface BridgeMig {
  mig: InstanceGroupManager;
  template?: InstanceTemplate;
  /** The template's `ENDPOINT` metadata: the Apigee instance IP it forwards to. */
  endpoint?: string;
  region?: string;
  tags: string[];
  /** The network of the template's first interface. */
  network?: string;
  /** Backend services with this MIG's instance group as a backend. */
  backendServices: BackendService[];
}

/** The template a MIG creates VMs from (its first version's, or the top-level one). */
export function templateOf(
  mig: InstanceGroupManager,
  templates: readonly InstanceTemplate[],
): InstanceTemplate | undefined {
  const url = mig.versions?.[0]?.instanceTemplate ?? mig.instanceTemplate;
  return (
    templates.find((t) => sameResource(t.selfLink, url)) ??
    templates.find((t) => url && t.name === shortName(url))
  );
}

/** The value of a metadata item of a template. */
export function metadataValue(template: InstanceTemplate | undefined, key: string): string | undefined {
  return template?.properties?.metadata?.items?.find((item) => item.key === key)?.value;
}

/**
 * The bridge MIGs, as the playbook defines them: MIGs whose template carries an `ENDPOINT`
 * metadata item or the Apigee envoy `startup-script-url`, whether or not a backend service points
 * at them (a load balancer may not exist yet).
 */
export function bridgeMigs(
  migs: readonly InstanceGroupManager[],
  templates: readonly InstanceTemplate[],
  backendServices: readonly BackendService[],
): BridgeMig[] {
  const bridges: BridgeMig[] = [];
  for (const mig of migs) {
    const template = templateOf(mig, templates);
    const endpoint = metadataValue(template, 'ENDPOINT');
    const startup = metadataValue(template, 'startup-script-url') ?? '';
    if (!endpoint && !ENVOY_STARTUP_SCRIPT.test(startup)) continue;
    bridges.push({
      mig,
      template,
      endpoint,
      region: regionOf(mig.region ?? mig.zone),
      tags: template?.properties?.tags?.items ?? [],
      network: template?.properties?.networkInterfaces?.[0]?.network,
      backendServices: backendServices.filter((service) =>
        (service.backends ?? []).some((backend) => sameResource(backend.group, mig.instanceGroup)),
      ),
    });
  }
  return bridges;
}

/**
 * The Private Service Connect endpoint at `ip`, if the project has one: a forwarding rule whose
 * target is a service attachment. Google's "active health check for regional failover with PSC"
 * (and the apigee/terraform-modules sample x-nb-psc-mig-l7xlb) points the bridge's ENDPOINT at
 * such an endpoint to the instance's service attachment instead of at the instance's peering IP.
 */
export function pscEndpointWithAddress(
  rules: readonly ForwardingRule[],
  ip: string,
): ForwardingRule | undefined {
  return rules.find(
    (rule) =>
      rule.IPAddress === ip && parseComputeResource(rule.target ?? '')?.collection === 'serviceAttachments',
  );
}
