/**
 * The pages of `docs/checks/` against the registry: the index is generated from it, and each
 * check's hand-written page must have one section per declared finding (headed by its name, with
 * its id and title, and what it means, why it happens, how to fix it, how to verify) and name no
 * finding that does not exist.
 */
import { COMMON, COMMON_FINDINGS } from '../../src/diagnosis/checks/support/common-findings.js';
import type { ClientSymptom, FindingDeclaration } from '../../src/diagnosis/model.js';

/** What the pages read of a check (a registered one, or a test's). */
export interface DocumentedCheck {
  id: string;
  title: string;
  explains: readonly ClientSymptom[];
  findings: Readonly<Record<string, FindingDeclaration>>;
}

/** The findings every check can meet, documented on a page of their own. */
export const COMMON_PAGE: DocumentedCheck = {
  id: COMMON,
  title: 'What every check can meet',
  explains: [],
  findings: COMMON_FINDINGS,
};

/** The parts every finding's section has, in this order. */
export const SECTION_PARTS = ['What it means', 'Why it happens', 'How to fix it', 'How to verify'] as const;

/** The line under a finding's heading: its id and its declared title. */
export function findingLine(check: string, name: string, declaration: FindingDeclaration): string {
  return `\`${check}/${name}\` · **${declaration.title}**`;
}

const SYMPTOM_TEXT: Record<ClientSymptom, string> = {
  tls: 'TLS handshake failure',
  '403': '403',
  '404': '404',
  '502': '502',
  '503': '503',
};

/** `docs/checks/README.md`, from the registry. */
export function renderDocsIndex(checks: readonly DocumentedCheck[]): string {
  const pages = [...checks, COMMON_PAGE];
  const lines = [
    '# What apigee-doctor finds, and what to do about it',
    '',
    '<!-- Generated from the check registry (src/diagnosis/checks/registry.ts) by',
    '     test/unit/docs/check-pages.test.ts: after changing a check, run',
    '     `npx vitest run test/unit/docs -u` and commit this file. -->',
    '',
    'Every finding in a report has a stable id, `<check>/<name>`, and a section on its check’s page:',
    'what it means, why it happens, how to fix it (the commands), and how to verify the fix. The',
    'terminal report prints each finding’s link, `--json` gives it as `checks[].findings[].docs`, and',
    'the Slack thread reply names each finding id with it. Where these pages are published (a fork,',
    'an internal mirror), `APIGEE_DOCTOR_DOCS_URL` names the address and every finding links there.',
    '',
    '| check | what it looks at | what the client sees |',
    '| --- | --- | --- |',
    ...checks.map(
      (check) =>
        `| [\`${check.id}\`](${check.id}.md) | ${check.title} | ${check.explains.map((s) => SYMPTOM_TEXT[s]).join(', ')} |`,
    ),
    `| [\`${COMMON}\`](${COMMON}.md) | ${COMMON_PAGE.title} | any |`,
  ];
  for (const page of pages) {
    lines.push('', `## [\`${page.id}\`](${page.id}.md) — ${page.title}`, '');
    for (const [name, declaration] of Object.entries(page.findings)) {
      lines.push(`- [\`${page.id}/${name}\`](${page.id}.md#${name}) — ${declaration.title}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What is wrong with the pages of `checks` (and the common page), read with `readPage(id)` (the
 * Markdown of `docs/checks/<id>.md`, or undefined when there is none). Empty when all is well.
 */
export function docsProblems(
  checks: readonly DocumentedCheck[],
  readPage: (id: string) => string | undefined,
): string[] {
  const pages = [...checks, COMMON_PAGE];
  const known = new Set(pages.flatMap((page) => Object.keys(page.findings).map((n) => `${page.id}/${n}`)));
  const problems: string[] = [];
  for (const page of pages) {
    const text = readPage(page.id);
    if (text === undefined) {
      problems.push(`docs/checks/${page.id}.md is missing`);
      continue;
    }
    problems.push(...pageProblems(page, text, known, new Set(pages.map((p) => p.id))));
  }
  return problems;
}

function pageProblems(
  page: DocumentedCheck,
  text: string,
  known: ReadonlySet<string>,
  pageIds: ReadonlySet<string>,
): string[] {
  const where = `docs/checks/${page.id}.md`;
  const problems: string[] = [];
  const lines = text.split('\n');
  if (!lines[0]?.startsWith(`# \`${page.id}\``))
    problems.push(`${where} does not start with "# \`${page.id}\`"`);

  const sections = splitSections(lines);
  for (const [name, declaration] of Object.entries(page.findings)) {
    const section = sections.get(name);
    if (!section) {
      problems.push(`${where} has no section "## ${name}" for finding ${page.id}/${name}`);
      continue;
    }
    const first = section.find((line) => line.trim() !== '');
    if (first !== findingLine(page.id, name, declaration)) {
      problems.push(`${where}#${name} should open with: ${findingLine(page.id, name, declaration)}`);
    }
    const parts = section.filter((line) => line.startsWith('### ')).map((line) => line.slice(4).trim());
    if (parts.join('|') !== SECTION_PARTS.join('|')) {
      problems.push(`${where}#${name} has parts [${parts.join(', ')}], not [${SECTION_PARTS.join(', ')}]`);
    }
  }
  for (const name of sections.keys()) {
    if (!(name in page.findings))
      problems.push(`${where} has a section "## ${name}", which is no finding of ${page.id}`);
  }
  // Every finding id a page names, and every link to a finding's section, must exist.
  const named = new Set(
    [...text.matchAll(/`([a-z][a-z0-9-]*\/[a-z0-9-]+)`/g)].map((match) => match[1] ?? ''),
  );
  for (const id of named) {
    if (pageIds.has(id.split('/')[0] ?? '') && !known.has(id))
      problems.push(`${where} names ${id}, which is no finding`);
  }
  for (const match of text.matchAll(/\]\((?:\.\/)?([a-z][a-z0-9-]*)\.md#([a-z0-9-]+)\)/g)) {
    const [, check = '', name = ''] = match;
    if (!known.has(`${check}/${name}`))
      problems.push(`${where} links to ${check}.md#${name}, which is no finding`);
  }
  return problems;
}

/** The lines under each `## name` heading, by name (up to the next `## `). */
function splitSections(lines: readonly string[]): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith('## ')) {
      current = [];
      sections.set(line.slice(3).trim(), current);
    } else current?.push(line);
  }
  return sections;
}
