/**
 * `apigee-doctor bundle ORG [--env E] [--proxy P] [--host H] [--path /p] [--since D] [--project ID]
 * [--out DIR] [--force]`: collects the support-case bundle (redacted) into DIR as JSON and Markdown,
 * plus a text to paste into the case, which it also prints. Files are 0600 and never replace an
 * existing file unless --force (see output-file.ts).
 * Exit 0: bundle written; 2: usage or configuration error, or the organization cannot be read;
 * 3: Google could not be reached.
 */
import { join } from 'node:path';
import type { BundleRequest, RedactedBundle } from '../bundle/types.js';
import type { BundleFiles } from '../bundle/write.js';
import {
  environmentProblem,
  hostnameProblem,
  orgNameProblem,
  projectIdProblem,
} from '../diagnosis/arguments.js';
import { asCodedError, EXIT, GcpError, UsageError } from '../errors/index.js';
import { readGoogleIdentity } from '../gcp/identity.js';
import { parseDuration } from '../logs/window.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand } from './io.js';
import { createOutputDirectory, writeOutputFiles } from './output-file.js';
import { preloadWhileWaiting, prepareCommand } from './setup.js';

export const BUNDLE_USAGE = `Usage: apigee-doctor bundle ORG [options]

Collects what Google Cloud support asks for when clients cannot reach Apigee X: the organization,
the environment and proxy with its deployments, an existing debug session's data (read only), a
verbose transcript of the failing request, the load balancer configuration, every check result
and the load balancer log aggregates. Secrets are redacted.

Options:
  --env NAME         the environment where the issue happens
  --proxy NAME       the API proxy where the issue happens
  --host HOSTNAME    the hostname clients call (default: the first one the load balancer serves)
  --path /PATH       the failing request's path (default /)
  --since DURATION   window of load balancer logs, e.g. 30m, 1h, 2d (default 1h)
  --project ID       project of the load balancer (default: the organization's project)
  --out DIR          directory for the files (default: the current directory)
  --force            replace files of the same names in DIR (never through a symbolic link)
  -h, --help         show this help

Exit codes: 0 bundle written, 2 usage or configuration error, 3 Google Cloud could not be read
(unreachable, credentials, a missing permission).
`;

const OPTIONS = {
  env: { type: 'string' },
  proxy: { type: 'string' },
  host: { type: 'string' },
  path: { type: 'string' },
  since: { type: 'string' },
  project: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the command line; throws UsageError naming every problem. */
export function parseBundleArgs(
  args: string[],
): { request: BundleRequest; out: string; force: boolean } | 'help' {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) return 'help';
  const [org, ...extra] = positionals;
  if (!org) throw new UsageError('missing the organization: apigee-doctor bundle ORG');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const text = (name: keyof typeof OPTIONS) =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  const problems = [
    orgNameProblem(org),
    text('project') === undefined ? null : projectIdProblem(text('project')!),
    text('env') === undefined ? null : environmentProblem(text('env')!),
    text('host') === undefined ? null : hostnameProblem(text('host')!),
    text('proxy') === undefined || /^[A-Za-z0-9_-]{1,255}$/.test(text('proxy')!)
      ? null
      : `"${text('proxy')}" is not an API proxy name: letters, digits, _ and -.`,
    text('path') === undefined || text('path')!.startsWith('/')
      ? null
      : `--path must start with /, as in /v1/orders.`,
  ].filter((problem): problem is string => problem !== null);
  const request: BundleRequest = { org };
  for (const name of ['project', 'env', 'proxy', 'path'] as const) {
    const value = text(name);
    if (value !== undefined) request[name] = value;
  }
  if (text('host') !== undefined) request.host = text('host')!.toLowerCase();
  if (text('since') !== undefined) {
    const since = parseDuration(text('since')!);
    if (typeof since === 'object') problems.push(`--since: ${since.problem}`);
    else request.sinceMs = since;
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { request, out: text('out') ?? '.', force: values.force === true };
}

/**
 * Writes the three files into `dir` (created if needed), all or none, and returns their paths.
 * @throws OutputFileError naming the directory or the first file that could not be written
 */
export async function writeBundleFiles(
  bundle: RedactedBundle,
  dir: string,
  options: { force: boolean },
): Promise<BundleFiles> {
  await createOutputDirectory(dir);
  const { renderBundleFiles } = await import('../bundle/write.js');
  const files = renderBundleFiles(bundle);
  const paths = {
    json: join(dir, files.json.name),
    markdown: join(dir, files.markdown.name),
    paste: join(dir, files.paste.name),
  };
  await writeOutputFiles(
    [
      { path: paths.json, content: files.json.content },
      { path: paths.markdown, content: files.markdown.content },
      { path: paths.paste, content: files.paste.content },
    ],
    options,
  );
  return paths;
}

export const bundleCommand: CliCommand = async (args, io) => {
  const prepared = await prepareCommand(
    { name: 'bundle', usage: BUNDLE_USAGE, parse: parseBundleArgs, org: (parsed) => parsed.request.org },
    args,
    io,
  );
  if ('exit' in prepared) return prepared.exit;
  const { parsed, config, google, probeCa } = prepared;
  // Loaded once the arguments are valid, so that --help and a usage error answer at once.
  const [{ buildSupportBundle }, { renderPasteText }] = await Promise.all([
    import('../bundle/build.js'),
    import('../bundle/paste.js'),
  ]);
  io.stderr.write(`Collecting the support bundle for ${parsed.request.org}…\n`);
  const collecting = buildSupportBundle(parsed.request, {
    google,
    identity: readGoogleIdentity({
      emulated: Boolean(config.google.apiBaseUrl),
      credentialsFile: config.google.credentialsFile,
    }),
    probePort: config.google.probePort,
    docsUrl: config.docsUrl,
    ...(probeCa ? { probeCa } : {}),
  });
  preloadWhileWaiting();
  const bundle = await collecting;
  if (!bundle.organization.ok) return prepared.fail(new GcpError(bundle.organization.error));
  let paths: BundleFiles;
  try {
    paths = await writeBundleFiles(bundle, parsed.out, { force: parsed.force });
  } catch (error) {
    return prepared.fail(asCodedError(error));
  }
  io.stdout.write(
    `Wrote:\n  ${paths.json}\n  ${paths.markdown}\n  ${paths.paste}\n\nPaste into the support case:\n\n${renderPasteText(
      bundle,
      [paths.json, paths.markdown].map((p) => p.split(/[\\/]/).pop()!),
    )}`,
  );
  return EXIT.ok;
};
