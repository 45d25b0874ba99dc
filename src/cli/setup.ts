/**
 * What every Google-reading command does before its own work: parse its arguments, read the
 * configuration, answer --help, make the Google clients and check the credentials; each failure
 * becomes one line on stderr (and, with --json, one JSON error object on stdout) and the exit
 * code of its error code (errors/describe.ts). The clients are loaded only once the arguments and
 * the configuration are valid, so that --help and a usage error answer at once.
 */
import { type Config, loadConfig } from '../config.js';
import { type AnyCodedError, describeError, ErrorCode, EXIT, hasCode, isGcpError } from '../errors/index.js';
import type { GoogleApis } from '../gcp/apis.js';
import { credentialSource } from '../gcp/credentials.js';
import { readExtraCa } from '../probe/extra-ca.js';
import { redactString } from '../redact/text.js';
import { toolVersion } from '../version.js';
import type { CliIo } from './io.js';

export interface CommandSpec<T> {
  /** The command's name, as in `apigee-doctor NAME`. */
  name: string;
  usage: string;
  /** Parses the arguments; throws UsageError naming what is wrong. */
  parse(args: string[]): T | 'help';
  /** Whether the parsed command asked for JSON (failures are then also a JSON object on stdout). */
  json?(parsed: T): boolean;
  /** The organization the command is about, for the JSON error object. */
  org?(parsed: T): string;
}

export interface PreparedCommand<T> {
  parsed: T;
  config: Config;
  google: GoogleApis;
  /** The CAs of NODE_EXTRA_CA_CERTS, for the probes (Node's store holds them only when set at start-up). */
  probeCa?: string[];
  /** Writes the error's one line (and the JSON error object when asked for JSON); returns its exit code. */
  fail(error: AnyCodedError): number;
}

export type Prepared<T> = { exit: number } | PreparedCommand<T>;

/**
 * Parses, reads the configuration, answers --help, makes the clients and checks the credentials
 * (a missing or refused credential is one line and exit 3 before any API is called).
 */
export async function prepareCommand<T>(
  spec: CommandSpec<T>,
  args: string[],
  io: CliIo,
): Promise<Prepared<T>> {
  let parsed: T | 'help';
  try {
    parsed = spec.parse(args);
  } catch (error) {
    if (!hasCode(error, ErrorCode.Usage)) throw error;
    const { sentence, exit } = describeError(error);
    io.stderr.write(`apigee-doctor ${spec.name}: ${redactString(sentence)}\n\n${spec.usage}`);
    return { exit };
  }
  if (parsed === 'help') {
    io.stdout.write(spec.usage);
    return { exit: EXIT.ok };
  }
  const command = parsed;
  const failure = (error: AnyCodedError) =>
    fail(io, spec.name, error, {
      json: spec.json?.(command) ?? false,
      ...(spec.org ? { org: spec.org(command) } : {}),
    });

  let config: Config;
  let probeCa: string[] | undefined;
  try {
    config = loadConfig(io.env);
    probeCa = readExtraCa(config.google.extraCaFile);
  } catch (error) {
    if (hasCode(error, ErrorCode.Configuration)) return { exit: failure(error) };
    throw error;
  }
  const { createGoogleApis } = await import('../gcp/clients.js');
  const google = createGoogleApis({
    baseUrl: config.google.apiBaseUrl,
    timeoutMs: config.google.timeoutMs,
    retries: config.google.retries,
    emulatorCredentials: config.google.emulatorCredentials,
    logPagesPerMinute: config.google.logPagesPerMinute,
    logReadBudgetMs: config.google.logReadBudgetMs,
  });
  try {
    await google.checkCredentials?.();
  } catch (error) {
    if (!isGcpError(error)) throw error;
    return { exit: failure(error) };
  }
  return { parsed: command, config, google, ...(probeCa ? { probeCa } : {}), fail: failure };
}

/** The JSON a command prints on stdout instead of its report when it could not produce one. */
export interface JsonFailure {
  error: {
    /** The error's stable code (errors/codes.ts): `gcp_unauthenticated`, `output_file_exists`, … */
    code: ErrorCode;
    /** What failed: `unauthenticated`, `unavailable`, `permission-denied`, `configuration`, … */
    kind: string;
    /** The same one line as on stderr. */
    message: string;
    exitCode: number;
  };
  org?: string;
  toolVersion: string;
}

/**
 * Writes `apigee-doctor NAME: sentence` on stderr and returns the error's exit code, for one-line
 * failures; with `json`, also the `JsonFailure` object on stdout, so a machine reading stdout is
 * never left with nothing. The line is redacted: it may quote what was typed or what Google
 * answered. A refused credential is named from the environment's credentials.
 */
export function fail(
  io: CliIo,
  name: string,
  error: AnyCodedError,
  options: { json?: boolean; org?: string } = {},
): number {
  const { sentence, exit, kind, code } = describeError(error, {
    ...(options.org ? { org: options.org } : {}),
    ...(hasCode(error, ErrorCode.GcpUnauthenticated) ? { credentials: credentialSource(io.env) } : {}),
  });
  const line = redactString(sentence);
  io.stderr.write(`apigee-doctor ${name}: ${line}\n`);
  if (options.json) {
    const body: JsonFailure = {
      error: { code, kind, message: line, exitCode: exit },
      ...(options.org ? { org: options.org } : {}),
      toolVersion,
    };
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  }
  return exit;
}

/**
 * Loads the Google client libraries in the background once the command's first request is out:
 * the Compute client takes about half a second of CPU to load, which then overlaps the wait for the
 * first answers instead of following it. A failure here is the first call's to report.
 */
export function preloadWhileWaiting(): void {
  import('../gcp/lazy-clients.js').then((clients) => clients.preloadGoogleClients()).catch(() => undefined);
}
