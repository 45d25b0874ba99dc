/**
 * Where each finding is explained: `docs/checks/<check>.md`, one section per finding, headed by the
 * finding's name (so `proxy-mig/stale-endpoint` is `proxy-mig.md#stale-endpoint`), and the index
 * `docs/checks/README.md`. The base is where those pages are published (APIGEE_DOCTOR_DOCS_URL).
 */

/** The pages as the repository publishes them; a fork or a mirror sets APIGEE_DOCTOR_DOCS_URL. */
export const DEFAULT_DOCS_URL = 'https://github.com/apigee-doctor/apigee-doctor/blob/main/docs/checks';

/** `proxy-mig/stale-endpoint` → the page (`proxy-mig`) and its section (`stale-endpoint`). */
export function splitFindingId(id: string): { page: string; section: string } {
  const slash = id.indexOf('/');
  return slash < 0 ? { page: id, section: '' } : { page: id.slice(0, slash), section: id.slice(slash + 1) };
}

function trimmed(base: string): string {
  return base.replace(/\/+$/, '');
}

/** The URL of a finding's section: `BASE/proxy-mig.md#stale-endpoint`. */
export function findingDocsUrl(id: string, base: string = DEFAULT_DOCS_URL): string {
  const { page, section } = splitFindingId(id);
  return `${trimmed(base)}/${page}.md${section ? `#${section}` : ''}`;
}

/** The URL of the index of every check and finding: `BASE/README.md`. */
export function docsIndexUrl(base: string = DEFAULT_DOCS_URL): string {
  return `${trimmed(base)}/README.md`;
}
