/**
 * What makes a scenario internally consistent: every reference between resources resolves, selfLinks
 * are Google's full URLs in the right project and scope, the Apigee pieces refer to each other, and
 * the load balancer logs have the real `http_load_balancer` shape. Returns the problems found.
 */
import { isIP } from 'node:net';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { COMPUTE_BASE } from '../../../src/emulator/scenarios/urls.js';

const LB_ENTRY_TYPE = 'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry';

export function consistencyProblems(scenario: Scenario, now = Date.now()): string[] {
  const problems: string[] = [];
  const problem = (text: string) => problems.push(text);

  for (const id of CHECK_IDS) if (!scenario.expect?.[id]) problem(`expect has no verdict for ${id}`);
  if (!scenario.apigee[scenario.defaultOrg]) problem(`defaultOrg ${scenario.defaultOrg} is not in apigee`);

  // Every resource of every project, by selfLink.
  const all = new Map<string, { project: string; resource: Record<string, unknown> }>();
  for (const [project, data] of Object.entries(scenario.compute)) {
    const collections: [string, { selfLink?: string; region?: string; zone?: string }[]][] = [
      ['forwardingRules', data.forwardingRules],
      ['targetHttpsProxies', data.targetHttpsProxies],
      ['sslCertificates', data.sslCertificates],
      ['urlMaps', data.urlMaps],
      ['backendServices', data.backendServices],
      ['securityPolicies', data.securityPolicies],
      ['instanceGroupManagers', data.instanceGroupManagers],
      ['instanceTemplates', data.instanceTemplates],
      ['instances', data.instances],
      ['networks', data.networks],
      ['firewalls', data.firewalls],
      ['networkEndpointGroups', data.networkEndpointGroups ?? []],
      ['healthChecks', data.healthChecks ?? []],
      ['subnetworks', data.subnetworks ?? []],
    ];
    for (const [collection, items] of collections) {
      for (const item of items) {
        const link = item.selfLink ?? '';
        const scope = item.zone
          ? `zones/${last(item.zone)}`
          : item.region
            ? `regions/${last(item.region)}`
            : /\/(zones|regions)\//.test(link)
              ? 'scoped'
              : 'global';
        if (scope === 'scoped') problem(`${link} is regional or zonal but has no region/zone field`);
        const expected = `${COMPUTE_BASE}/projects/${project}/${scope}/${collection}/`;
        if (!link.startsWith(expected)) problem(`${collection} selfLink ${link} is not under ${expected}`);
        if (item.region && !item.region.startsWith(`${COMPUTE_BASE}/projects/${project}/regions/`))
          problem(`${link}: region ${item.region} is not a region URL`);
        if (all.has(link)) problem(`duplicate selfLink ${link}`);
        all.set(link, { project, resource: item as Record<string, unknown> });
      }
    }
  }
  const resolves = (url: string | undefined, collection: string, from: string) => {
    if (!url || !all.has(url) || !url.includes(`/${collection}/`))
      problem(`${from} refers to ${collection} ${url ?? '(none)'}, which is not in the scenario`);
  };

  for (const [project, data] of Object.entries(scenario.compute)) {
    const groups = new Set(data.instanceGroupManagers.map((m) => m.instanceGroup));
    for (const rule of data.forwardingRules) {
      resolves(rule.target, 'targetHttpsProxies', rule.selfLink!);
      // An internal load balancer has a private address and is never probed; any other must be
      // loopback, where the emulator's TLS listener answers.
      const internal = rule.loadBalancingScheme?.startsWith('INTERNAL');
      if (internal && !/^10\./.test(rule.IPAddress ?? ''))
        problem(`${rule.selfLink}: internal IPAddress ${rule.IPAddress} is not a private 10/8 address`);
      if (!internal && (!rule.IPAddress || isIP(rule.IPAddress) !== 4 || !rule.IPAddress.startsWith('127.')))
        problem(`${rule.selfLink}: IPAddress ${rule.IPAddress} is not loopback (a probe would go there)`);
      if (!rule.loadBalancingScheme) problem(`${rule.selfLink} has no loadBalancingScheme`);
      if (rule.region && !rule.target?.includes(`/regions/${last(rule.region)}/`))
        problem(`${rule.selfLink}: a regional rule targets ${rule.target}, not a proxy of its region`);
    }
    for (const proxy of data.targetHttpsProxies) {
      resolves(proxy.urlMap, 'urlMaps', proxy.selfLink!);
      for (const cert of proxy.sslCertificates ?? []) resolves(cert, 'sslCertificates', proxy.selfLink!);
    }
    for (const map of data.urlMaps) resolves(map.defaultService, 'backendServices', map.selfLink!);
    for (const service of data.backendServices) {
      if (service.securityPolicy) resolves(service.securityPolicy, 'securityPolicies', service.selfLink!);
      for (const check of service.healthChecks ?? []) resolves(check, 'healthChecks', service.selfLink!);
      if (service.edgeSecurityPolicy) {
        resolves(service.edgeSecurityPolicy, 'securityPolicies', service.selfLink!);
        const edge = data.securityPolicies.find((p) => p.selfLink === service.edgeSecurityPolicy);
        if (edge?.type !== 'CLOUD_ARMOR_EDGE')
          problem(`${service.selfLink}: edge policy of type ${edge?.type}`);
      }
      if (!service.loadBalancingScheme) problem(`${service.selfLink} has no loadBalancingScheme`);
      for (const backend of service.backends ?? []) {
        const isPscNeg = backend.group?.includes('/networkEndpointGroups/');
        if (isPscNeg) resolves(backend.group, 'networkEndpointGroups', service.selfLink!);
        if (!isPscNeg && !groups.has(backend.group))
          problem(`${service.selfLink} backend ${backend.group} is no MIG's instance group`);
        if (!isPscNeg && !data.backendHealth[`${service.selfLink} ${backend.group}`])
          problem(`${service.selfLink} has no backend health for ${backend.group}`);
      }
    }
    for (const [key, statuses] of Object.entries(data.backendHealth)) {
      const [service] = key.split(' ');
      resolves(service, 'backendServices', `backendHealth key ${key}`);
      for (const status of statuses) resolves(status.instance, 'instances', `backendHealth ${key}`);
    }
    for (const mig of data.instanceGroupManagers) {
      resolves(mig.instanceTemplate, 'instanceTemplates', mig.selfLink!);
      for (const version of mig.versions ?? [])
        resolves(version.instanceTemplate, 'instanceTemplates', mig.selfLink!);
      const managed = data.managedInstances[mig.selfLink!];
      if (!managed) problem(`${mig.selfLink} has no managed instances`);
      for (const m of managed ?? []) resolves(m.instance, 'instances', mig.selfLink!);
    }
    for (const key of Object.keys(data.managedInstances))
      resolves(key, 'instanceGroupManagers', 'managedInstances');
    for (const template of data.instanceTemplates)
      for (const nic of template.properties?.networkInterfaces ?? [])
        resolves(nic.network, 'networks', template.selfLink!);
    for (const vm of data.instances)
      for (const nic of vm.networkInterfaces ?? []) resolves(nic.network, 'networks', vm.selfLink!);
    for (const rule of data.firewalls) resolves(rule.network, 'networks', rule.selfLink!);
    for (const subnet of data.subnetworks ?? []) resolves(subnet.network, 'networks', subnet.selfLink!);
    for (const policy of data.firewallPolicies ?? [])
      for (const network of policy.associations)
        resolves(network, 'networks', `firewall policy ${policy.name}`);
    for (const mig of data.instanceGroupManagers)
      for (const service of data.backendServices.filter((b) =>
        b.backends?.some((x) => x.group === mig.instanceGroup),
      ))
        if (!mig.namedPorts?.some((p) => p.name === (service.portName ?? 'http')))
          problem(`${mig.selfLink} does not name port ${service.portName ?? 'http'} of ${service.selfLink}`);
    for (const neg of data.networkEndpointGroups ?? []) resolves(neg.network, 'networks', neg.selfLink!);
    if (data.xpnHost && scenario.compute[data.xpnHost]?.xpnProjectStatus !== 'HOST')
      problem(`${project}: xpnHost ${data.xpnHost} is not a HOST project of the scenario`);
  }

  for (const [org, data] of Object.entries(scenario.apigee)) {
    const environments = new Set(data.organization.environments ?? []);
    if (data.organization.name !== org) problem(`organization ${org} is named ${data.organization.name}`);
    if (!scenario.compute[data.organization.projectId ?? ''])
      problem(`${org}: projectId ${data.organization.projectId} has no compute data`);
    for (const instance of data.instances) {
      if (!/^\d{13}$/.test(instance.createdAt ?? ''))
        problem(`${instance.name}: createdAt is not epoch millis`);
      if (Number(instance.createdAt) > now) problem(`${instance.name} is created in the future`);
      const attachments = data.instanceAttachments[instance.name ?? ''];
      if (!attachments) problem(`${instance.name} has no attachments list`);
      for (const a of attachments ?? [])
        if (!environments.has(a.environment ?? ''))
          problem(`${instance.name} attaches unknown ${a.environment}`);
    }
    for (const name of Object.keys(data.instanceAttachments))
      if (!data.instances.some((i) => i.name === name)) problem(`attachments of unknown instance ${name}`);
    for (const group of data.envgroups) {
      const attachments = data.envgroupAttachments[group.name ?? ''];
      if (!attachments) problem(`envgroup ${group.name} has no attachments list`);
      for (const a of attachments ?? []) {
        if (!environments.has(a.environment ?? ''))
          problem(`${group.name} attaches unknown ${a.environment}`);
        if (a.environmentGroupId !== group.name)
          problem(`${group.name} attachment names ${a.environmentGroupId}`);
      }
    }
    for (const d of data.deployments)
      if (!environments.has(d.environment ?? '')) problem(`deployment in unknown ${d.environment}`);
  }

  for (const entry of scenario.logging.entries) {
    const labels = entry.resource?.labels ?? {};
    const project = labels.project_id ?? '';
    const at = Date.parse(entry.timestamp ?? '');
    const regional = entry.resource?.type === 'http_external_regional_lb_rule';
    if (!regional && entry.resource?.type !== 'http_load_balancer')
      problem(`log entry of type ${entry.resource?.type}`);
    const logId = regional ? 'loadbalancing.googleapis.com%2Fexternal_regional_requests' : 'requests';
    if (entry.logName !== `projects/${project}/logs/${logId}`) problem(`log entry in ${entry.logName}`);
    if (!(at <= now && at > now - 3_600_000))
      problem(`log entry at ${entry.timestamp} is not in the last hour`);
    if (entry.jsonPayload?.['@type'] !== LB_ENTRY_TYPE)
      problem(`log entry @type ${entry.jsonPayload?.['@type']}`);
    if (typeof entry.jsonPayload?.statusDetails !== 'string') problem('log entry without statusDetails');
    const r = entry.httpRequest;
    if (
      !r?.requestMethod ||
      !r.requestUrl ||
      !r.status ||
      !r.remoteIp ||
      !r.userAgent ||
      !/^\d+\.\d+s$/.test(r.latency ?? '')
    )
      problem(`log entry ${entry.insertId} has an incomplete httpRequest`);
    const lb = scenario.compute[project];
    const named = <T extends { name?: string }>(items: T[] | undefined, name: string | undefined) =>
      (items ?? []).find((i) => i.name === name);
    const rule = named(lb?.forwardingRules, labels.forwarding_rule_name);
    if (!rule) problem(`log names rule ${labels.forwarding_rule_name}`);
    if (regional) {
      // Google's labels for the regional external ALB: region, and the backend service as backend_target_name.
      if (!rule?.region || last(rule.region) !== labels.region)
        problem(`regional log entry in region ${labels.region} names rule ${labels.forwarding_rule_name}`);
      if (!named(lb?.backendServices, labels.backend_target_name))
        problem(`log names backend target ${labels.backend_target_name}`);
      if (labels.backend_service_name) problem('a regional log entry has no backend_service_name label');
    } else {
      if (labels.zone !== 'global') problem(`log entry zone ${labels.zone}`);
      if (rule?.region) problem(`a global log entry names regional rule ${rule.name}`);
      if (!named(lb?.backendServices, labels.backend_service_name))
        problem(`log names backend service ${labels.backend_service_name}`);
    }
    if (!named(lb?.targetHttpsProxies, labels.target_proxy_name))
      problem(`log names proxy ${labels.target_proxy_name}`);
    if (!named(lb?.urlMaps, labels.url_map_name)) problem(`log names URL map ${labels.url_map_name}`);
    for (const field of ['enforcedSecurityPolicy', 'previewSecurityPolicy', 'enforcedEdgeSecurityPolicy']) {
      const verdict = entry.jsonPayload?.[field] as Record<string, unknown> | undefined;
      if (!verdict) continue;
      const policy = lb?.securityPolicies.find((p) => p.name === verdict.name);
      if (!policy?.rules?.some((rule) => rule.priority === verdict.priority))
        problem(
          `${field} names rule ${String(verdict.name)}/${String(verdict.priority)}, not in the scenario`,
        );
      if (field.includes('Edge') !== (policy?.type === 'CLOUD_ARMOR_EDGE'))
        problem(`${field} names policy ${String(verdict.name)} of type ${policy?.type}`);
    }
  }
  return problems;
}

function last(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
