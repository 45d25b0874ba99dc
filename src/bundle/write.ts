/** The bundle as files: the JSON, the Markdown and the text to paste into a support case. Pure. */
import { utcTimes } from '../time-marks.js';
import { renderBundleMarkdown } from './markdown.js';
import { renderPasteText } from './paste.js';
import type { RedactedBundle } from './types.js';

export interface BundleFiles {
  json: string;
  markdown: string;
  paste: string;
}

/** `apigee-doctor-bundle-ORG-20260301T120000Z`: sortable, and safe on every file system. */
export function bundleBaseName(bundle: RedactedBundle): string {
  const stamp = bundle.createdAt.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `apigee-doctor-bundle-${bundle.org}-${stamp}`;
}

/** The three file contents, by file name (what the CLI writes and the Slack upload sends). */
export function renderBundleFiles(
  bundle: RedactedBundle,
): Record<keyof BundleFiles, { name: string; content: string }> {
  const base = bundleBaseName(bundle);
  const names = { json: `${base}.json`, markdown: `${base}.md`, paste: `${base}-support-case.txt` };
  return {
    // The JSON keeps its ISO fields; a time inside a sentence (a check's summary) is written in UTC.
    json: {
      name: names.json,
      content: `${JSON.stringify(bundle, (_key, value) => (typeof value === 'string' ? utcTimes(value) : value), 2)}\n`,
    },
    markdown: { name: names.markdown, content: renderBundleMarkdown(bundle) },
    paste: { name: names.paste, content: renderPasteText(bundle, [names.json, names.markdown]) },
  };
}
