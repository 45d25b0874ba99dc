/** The few lines to paste into a Google Cloud support case, pointing at the attached files. Pure. */
import { utcIso, utcTimes } from '../time-marks.js';
import type { RedactedBundle } from './types.js';

/** Renders the case text from the redacted bundle; `files` are the attachment names. */
export function renderPasteText(bundle: RedactedBundle, files: string[] = []): string {
  const { request } = bundle;
  const failing = bundle.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
  const lines = [
    `Apigee X organization: ${bundle.org} (load balancer project: ${bundle.project})`,
    `Environment: ${request.env ?? '(all)'}; API proxy: ${request.proxy ?? '(not given)'}`,
    `Symptom: external clients cannot reach https://${request.host ?? '(hostname)'}${request.path ?? '/'}`,
    `Time window examined: ${utcIso(bundle.window.since)} to ${utcIso(bundle.window.until)}`,
  ];
  if (bundle.probe) {
    const { result } = bundle.probe;
    lines.push(
      `Request result: ${
        result.response
          ? `HTTP ${result.response.status} ${result.response.statusText}`.trimEnd()
          : `failed at ${result.error?.stage ?? '?'}: ${result.error?.code ?? ''} ${result.error?.message ?? ''}`.trimEnd()
      }${result.tls?.verifyError ? ` (certificate would not verify: ${result.tls.verifyError})` : ''}`,
    );
  }
  lines.push(
    failing.length > 0
      ? `apigee-doctor findings${bundle.likelyCause ? ` (most likely: ${bundle.likelyCause})` : ''}:`
      : 'apigee-doctor found no failing check.',
  );
  for (const check of failing)
    lines.push(`- ${check.id} ${check.status.toUpperCase()}: ${utcTimes(check.summary)}`);
  if (bundle.logs.ok) {
    const { deny, errors } = bundle.logs.value;
    const topRule = deny.rules.find((rule) => !rule.preview);
    lines.push(
      `Load balancer logs: ${deny.total} Cloud Armor denials${topRule ? ` (most by ${topRule.policy} priority ${topRule.priority}, ${topRule.count})` : ''}; ${errors.total} 4xx/5xx responses${errors.groups[0] ? ` (most: ${errors.groups[0].statusDetails}, ${errors.groups[0].count})` : ''}.`,
    );
  }
  if (files.length > 0)
    lines.push(
      `Attached: ${files.join(', ')} (secrets redacted: ${bundle.redacted.join(', ') || 'none found'}).`,
    );
  lines.push(`Collected ${utcIso(bundle.createdAt)} with apigee-doctor ${bundle.toolVersion}.`);
  return `${lines.join('\n')}\n`;
}
