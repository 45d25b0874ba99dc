/**
 * The support bundle as a Markdown document a support engineer reads top to bottom, wherever they
 * are: its times are UTC, to the second (`2026-11-27 09:00:00 UTC`). Pure.
 */
import type { Loaded } from '../diagnosis/estate.js';
import { utcIso, utcTimes } from '../time-marks.js';
import type { RedactedBundle } from './types.js';

/** Renders the redacted bundle. */
export function renderBundleMarkdown(bundle: RedactedBundle): string {
  const out: string[] = [];
  const request = bundle.request;
  out.push(
    `# Apigee X support bundle: ${bundle.org}`,
    '',
    `- Organization: \`${bundle.org}\` (load balancer project \`${bundle.project}\`)`,
    `- Environment: ${request.env ? `\`${request.env}\`` : '(all)'}; API proxy: ${request.proxy ? `\`${request.proxy}\`` : '(not given)'}`,
    `- Failing request: ${request.host ? `\`https://${request.host}${request.path ?? '/'}\`` : '(no hostname)'}`,
    `- Log window: ${utcIso(bundle.window.since)} → ${utcIso(bundle.window.until)}`,
    `- Collected: ${utcIso(bundle.createdAt)} by apigee-doctor ${bundle.toolVersion}`,
    `- Redacted: ${bundle.redacted.length > 0 ? bundle.redacted.join(', ') : 'nothing needed redaction'} (values never included)`,
    '',
    '## Check results',
    '',
  );
  if (bundle.likelyCause) out.push(`Most likely cause: **${bundle.likelyCause}**`, '');
  out.push('| check | status | summary |', '| --- | --- | --- |');
  for (const check of bundle.checks)
    out.push(`| ${check.id} | ${check.status} | ${cell(utcTimes(check.summary))} |`);
  for (const check of bundle.checks.filter((c) => c.evidence.length > 0 || c.remediation.length > 0)) {
    out.push('', `### ${check.title} (${check.id}: ${check.status})`, '');
    // Most relevant first, as the check ranked them: the failing resources, then the rest.
    for (const evidence of check.evidence)
      out.push(`- \`${evidence.resource}\`: ${utcTimes(evidence.detail)}`);
    for (const step of check.remediation) {
      out.push(`- To do: ${utcTimes(step.step)}`);
      if (step.commands.length > 0) out.push('', '```sh', ...step.commands, '```');
    }
  }

  out.push('', '## Request transcript (curl -v style)', '');
  if (bundle.probe) out.push('```', bundle.probe.transcript.trimEnd(), '```');
  else out.push(bundle.probeSkipped ?? 'No request was sent.');

  out.push('', '## TLS probes of the load balancer', '');
  if (bundle.tlsProbes.length === 0) out.push('None.');
  for (const probe of bundle.tlsProbes) {
    const leaf = probe.chain?.[0];
    const verdict = probe.skippedReason
      ? `skipped: ${probe.skippedReason}`
      : probe.ok
        ? `${probe.protocol ?? ''} ${probe.cipher ?? ''}; leaf ${leaf?.subject ?? '?'} valid to ${leaf ? utcIso(leaf.validTo) : '?'}${probe.verifyError ? `; would not verify: ${probe.verifyError}` : ''}`
        : `failed: ${probe.error?.message ?? 'unknown'}`;
    out.push(`- ${probe.hostname} at ${probe.ip}:${probe.port}: ${verdict}`);
  }

  out.push('', '## Load balancer logs', '');
  if (bundle.logs.ok) {
    const { deny, errors, entriesRead, filter } = bundle.logs.value;
    out.push(`Filter: \`${filter}\` (${entriesRead} entries read)`, '');
    out.push(
      `Cloud Armor: ${deny.total} enforced denials; preview rules would have denied ${deny.previewTotal}.`,
      '',
    );
    if (deny.rules.length > 0) {
      out.push(
        '| policy | priority | action | mode | count | first seen | last seen |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      );
      for (const rule of deny.rules) {
        out.push(
          `| ${cell(rule.policy)} | ${rule.priority} | ${cell(rule.action)} | ${rule.preview ? 'preview' : 'enforced'} | ${rule.count} | ${utcIso(rule.firstSeen)} | ${utcIso(rule.lastSeen)} |`,
        );
      }
      out.push('');
    }
    if (deny.topClientIps.length > 0)
      out.push(
        `Top denied client IPs: ${deny.topClientIps.map((c) => `${c.value} (${c.count})`).join(', ')}`,
        '',
      );
    if (errors.groups.length > 0) {
      out.push(
        `4xx/5xx responses: ${errors.total}`,
        '',
        '| statusDetails | statuses | count | last seen |',
        '| --- | --- | --- | --- |',
      );
      for (const group of errors.groups) {
        const statuses = group.statuses.map((s) => `${s.value}×${s.count}`).join(' ');
        out.push(
          `| ${cell(group.statusDetails)} | ${statuses} | ${group.count} | ${utcIso(group.lastSeen)} |`,
        );
      }
      out.push('');
    }
    const excerpts = [
      ...(bundle.logs.value.excerpts?.deny ?? []),
      ...(bundle.logs.value.excerpts?.errors ?? []),
    ];
    if (excerpts.length > 0)
      out.push(
        'Log excerpts (most recent):',
        '',
        '```json',
        ...excerpts.map((e) => JSON.stringify(e)),
        '```',
      );
  } else {
    out.push(failed(bundle.logs));
  }

  out.push('', '## Apigee', '');
  out.push(
    `- Organization: ${bundle.organization.ok ? codeJson(bundle.organization.value) : failed(bundle.organization)}`,
  );
  out.push(
    `- Instances: ${bundle.instances.ok ? bundle.instances.value.map((i) => `${i.name} (${i.location}, host ${i.host}, ${i.state})`).join('; ') || 'none' : failed(bundle.instances)}`,
  );
  out.push(
    `- Environment groups: ${bundle.envgroups.ok ? bundle.envgroups.value.map((g) => `${g.name}: ${(g.hostnames ?? []).join(', ')}`).join('; ') || 'none' : failed(bundle.envgroups)}`,
  );
  out.push(
    `- Deployments: ${bundle.deployments.ok ? bundle.deployments.value.map((d) => `${d.apiProxy} r${d.revision} in ${d.environment} (${d.state ?? '?'})`).join('; ') || 'none' : failed(bundle.deployments)}`,
  );
  if (bundle.debugSessions) {
    if (!bundle.debugSessions.ok) out.push(`- Debug sessions: ${failed(bundle.debugSessions)}`);
    else if (bundle.debugSessions.value.length === 0)
      out.push('- Debug sessions: none exists for this proxy (none was created)');
    else
      for (const session of bundle.debugSessions.value) {
        const count = session.transactions.ok
          ? `${session.transactions.value.length} transactions`
          : failed(session.transactions);
        out.push(
          `- Debug session ${session.debugSession} (${session.env}, ${session.proxy} r${session.revision}): ${count}; data in the JSON file`,
        );
      }
  }

  out.push('', '## Load balancer configuration', '');
  const { servingPath } = bundle;
  if (servingPath) {
    for (const line of servingPath.loadBalancers) out.push(`- Serves Apigee: ${line}`);
    for (const line of servingPath.ignored) out.push(`- ${line}`);
    for (const line of servingPath.unknowns ?? []) out.push(`- ${line}`);
    out.push('');
  }
  const lb = bundle.loadBalancer;
  const parts: [string, Loaded<{ name?: string }[]>][] = [
    ['Forwarding rules', lb.forwardingRules],
    ['Target HTTPS proxies', lb.targetHttpsProxies],
    ['URL maps', lb.urlMaps],
    ['Backend services', lb.backendServices],
    ['SSL certificates (metadata only)', lb.sslCertificates],
    ['Security policies', lb.securityPolicies],
  ];
  for (const [title, part] of parts) {
    out.push(`### ${title}`, '');
    out.push(
      part.ok
        ? part.value.length > 0
          ? ['```json', JSON.stringify(part.value, null, 2), '```'].join('\n')
          : 'None.'
        : failed(part),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function failed(part: Loaded<unknown>): string {
  return part.ok
    ? ''
    : `could not be read: ${part.error.kind} on ${part.error.method} (${part.error.message})`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function codeJson(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}
