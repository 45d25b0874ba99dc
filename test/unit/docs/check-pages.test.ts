/**
 * `docs/checks/` follows the registry: the index is generated from it, each check (and the common
 * findings) has its page, each finding its section, and no page names a finding that is gone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../src/diagnosis/checks/registry.js';
import { docsProblems, findingLine, renderDocsIndex, SECTION_PARTS } from '../../support/check-docs.js';

const DOCS = fileURLToPath(new URL('../../../docs/checks/', import.meta.url));
const readPage = (id: string) =>
  existsSync(`${DOCS}${id}.md`) ? readFileSync(`${DOCS}${id}.md`, 'utf8') : undefined;

describe('docs/checks', () => {
  it('has an index generated from the registry', async () => {
    await expect(renderDocsIndex(CHECKS)).toMatchFileSnapshot('../../../docs/checks/README.md');
  });

  it('has a page per check, a section per finding, and names no finding that does not exist', () => {
    expect(docsProblems(CHECKS, readPage)).toEqual([]);
  });
});

describe('docsProblems', () => {
  const check = {
    id: 'sample',
    title: 'A sample check',
    explains: ['502'] as const,
    findings: { 'first-thing': { title: 'The first thing is wrong' } },
  };
  const section = (name: string, title: string) =>
    [
      `## ${name}`,
      '',
      findingLine('sample', name, { title }),
      '',
      ...SECTION_PARTS.flatMap((part) => [`### ${part}`, '', 'Text.', '']),
    ].join('\n');
  const page = `# \`sample\` — A sample check\n\n${section('first-thing', 'The first thing is wrong')}`;
  // The common page, as it is, so that only the sample's problems show.
  const pages = (sample: string | undefined) => (id: string) => (id === 'sample' ? sample : readPage(id));

  it('accepts a page with every finding', () => {
    expect(docsProblems([check], pages(page))).toEqual([]);
  });

  it('fails when a page is missing', () => {
    expect(docsProblems([check], pages(undefined))).toEqual(['docs/checks/sample.md is missing']);
  });

  it('fails when a finding has no section, or its section lacks a part', () => {
    const more = { ...check, findings: { ...check.findings, 'second-thing': { title: 'Second' } } };
    expect(docsProblems([more], pages(page))).toEqual([
      'docs/checks/sample.md has no section "## second-thing" for finding sample/second-thing',
    ]);
    expect(docsProblems([check], pages(page.replace('### How to verify', '### Then')))).toEqual([
      'docs/checks/sample.md#first-thing has parts [What it means, Why it happens, How to fix it, Then], not [What it means, Why it happens, How to fix it, How to verify]',
    ]);
  });

  it('fails when a section or a mention names a finding that no longer exists', () => {
    const stale = `${page}\nSee also \`sample/gone-thing\` and [this](sample.md#gone-thing).\n\n${section('gone-thing', 'Gone')}`;
    expect(docsProblems([check], pages(stale))).toEqual([
      'docs/checks/sample.md has a section "## gone-thing", which is no finding of sample',
      'docs/checks/sample.md names sample/gone-thing, which is no finding',
      'docs/checks/sample.md links to sample.md#gone-thing, which is no finding',
    ]);
  });

  it('fails when a section’s title is not the declared one', () => {
    const renamed = { ...check, findings: { 'first-thing': { title: 'Renamed' } } };
    expect(docsProblems([renamed], pages(page))).toEqual([
      'docs/checks/sample.md#first-thing should open with: `sample/first-thing` · **Renamed**',
    ]);
  });
});
