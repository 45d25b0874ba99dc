/**
 * The pages of `docs/checks/` that come with the CLI (a clone of the repository, or its npm
 * package: `dist/cli/` and `src/cli/` both sit two folders below them), as a `file:` URL the
 * terminal report links to. None when they are not there (the production image ships no docs):
 * the report then names each page's path in the repository instead of linking nowhere.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOCS_PATH } from '../diagnosis/docs.js';

export function shippedDocsUrl(
  folder: URL = new URL(`../../${DOCS_PATH}/`, import.meta.url),
): string | undefined {
  return existsSync(fileURLToPath(new URL('README.md', folder))) ? folder.href : undefined;
}
