/** Writes the bundle as files: the JSON, the Markdown and the text to paste into a support case. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderBundleMarkdown } from './markdown.js';
import { renderPasteText } from './paste.js';
import type { SupportBundle } from './types.js';

export interface BundleFiles {
  json: string;
  markdown: string;
  paste: string;
}

/** `apigee-doctor-bundle-ORG-20260301T120000Z`: sortable, and safe on every file system. */
export function bundleBaseName(bundle: SupportBundle): string {
  const stamp = bundle.createdAt.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `apigee-doctor-bundle-${bundle.org}-${stamp}`;
}

/** The three file contents, by file name (also what the Slack upload sends). */
export function renderBundleFiles(
  bundle: SupportBundle,
): Record<keyof BundleFiles, { name: string; content: string }> {
  const base = bundleBaseName(bundle);
  const names = { json: `${base}.json`, markdown: `${base}.md`, paste: `${base}-support-case.txt` };
  return {
    json: { name: names.json, content: `${JSON.stringify(bundle, null, 2)}\n` },
    markdown: { name: names.markdown, content: renderBundleMarkdown(bundle) },
    paste: { name: names.paste, content: renderPasteText(bundle, [names.json, names.markdown]) },
  };
}

/** Writes the files into `dir` (created if needed) and returns their paths. */
export async function writeBundleFiles(bundle: SupportBundle, dir: string): Promise<BundleFiles> {
  await mkdir(dir, { recursive: true });
  const files = renderBundleFiles(bundle);
  const paths = {
    json: join(dir, files.json.name),
    markdown: join(dir, files.markdown.name),
    paste: join(dir, files.paste.name),
  };
  await Promise.all([
    writeFile(paths.json, files.json.content, { mode: 0o600 }),
    writeFile(paths.markdown, files.markdown.content, { mode: 0o600 }),
    writeFile(paths.paste, files.paste.content, { mode: 0o600 }),
  ]);
  return paths;
}
