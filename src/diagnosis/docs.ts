/**
 * Where each finding is explained: `docs/checks/<check>.md`, one section per finding, headed by the
 * finding's name (so `proxy-mig/stale-endpoint` is `proxy-mig.md#stale-endpoint`), and the index
 * `docs/checks/README.md`. With a base (APIGEE_DOCTOR_DOCS_URL, or the pages shipped beside the
 * CLI) a finding's docs are a URL under it; without one, the page's path in the repository, which
 * a reader can find but nothing links to: no link is better than a link to a page that is not there.
 */

/** The pages' folder in the repository and in an npm package. */
export const DOCS_PATH = 'docs/checks';

/** `proxy-mig/stale-endpoint` → the page (`proxy-mig`) and its section (`stale-endpoint`). */
export function splitFindingId(id: string): { page: string; section: string } {
  const slash = id.indexOf('/');
  return slash < 0 ? { page: id, section: '' } : { page: id.slice(0, slash), section: id.slice(slash + 1) };
}

function trimmed(base: string | undefined): string {
  return (base ?? DOCS_PATH).replace(/\/+$/, '');
}

/** A finding's section: `BASE/proxy-mig.md#stale-endpoint`, or `docs/checks/proxy-mig.md#stale-endpoint`. */
export function findingDocsLink(id: string, base?: string): string {
  const { page, section } = splitFindingId(id);
  return `${trimmed(base)}/${page}.md${section ? `#${section}` : ''}`;
}

/** The index of every check and finding: `BASE/README.md`, or `docs/checks/README.md`. */
export function docsIndexLink(base?: string): string {
  return `${trimmed(base)}/README.md`;
}

/** Whether a finding's docs can be linked (a web page), rather than named (a path in the repository). */
export function isWebLink(docs: string): boolean {
  return /^https?:\/\//i.test(docs);
}
