/**
 * `apigee-doctor emulator --scenario NAME|FILE [--port N] [--tls-port N] [--latency-ms N]`: serves an
 * emulated Google Cloud estate until interrupted, and prints how to point apigee-doctor at it.
 */
import { type ParsedArgs, parseCommandArgs } from '../../cli/args.js';
import type { CliCommand } from '../../cli/io.js';
import { ErrorCode, EXIT, hasCode, UsageError } from '../../errors/index.js';
import { startEmulatedEstate } from '../index.js';
import { type LoggingQuota, parseLoggingQuota } from '../logging-quota.js';
import { TOKEN_REPLIES, type TokenReply } from '../oauth-token.js';
import { listScenarios, loadScenario } from '../scenarios/index.js';
import type { Fault } from '../server.js';

export const EMULATOR_USAGE = `Usage: apigee-doctor emulator --scenario NAME|FILE [options]

Serves a local Google Cloud estate (Apigee, Compute and Logging REST APIs, and the load
balancer's TLS listener) that apigee-doctor can diagnose with no Google account.

The request log is at GET /_emulator/requests.

Options:
  --scenario NAME|FILE  a shipped scenario (see --list) or a scenario .json/.yaml file
  --port N              port of the Google APIs (default 8085)
  --tls-port N          port of the load balancer's TLS listener (default 8443)
  --latency-ms N        wait N ms before each API answer (default 0)
  --fault STATUS:PATH   answer STATUS (e.g. 503, 429, 403) with Google's error body to every call
                        whose path matches the regular expression PATH; repeatable
  --token REPLY         what the OAuth token endpoint (POST /token) answers: grant (default),
                        invalid_rapt, invalid_grant or unavailable (see GCP_EMULATOR_CREDENTIALS)
  --logging-quota N/Ws  Logging's read quota: N entries.list requests per project every W
                        seconds, then 429 RESOURCE_EXHAUSTED with RetryInfo (e.g. 60/60s)
  --list                list the shipped scenarios
  -h, --help            show this help
`;

const OPTIONS = {
  scenario: { type: 'string' },
  port: { type: 'string' },
  'tls-port': { type: 'string' },
  'latency-ms': { type: 'string' },
  fault: { type: 'string', multiple: true },
  token: { type: 'string' },
  'logging-quota': { type: 'string' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--fault STATUS:PATH`: an HTTP status, a colon, and a regular expression for the URL path. */
export function parseFault(text: string): Fault {
  const match = /^(\d{3}):(.+)$/.exec(text);
  const status = Number(match?.[1]);
  if (!match?.[2] || status < 400 || status > 599) {
    throw new UsageError(
      `--fault must be STATUS:PATH such as 503:/compute/v1/.*/backendServices, not "${text}"`,
    );
  }
  try {
    return { status, path: new RegExp(match[2]) };
  } catch {
    throw new UsageError(`--fault: "${match[2]}" is not a regular expression`);
  }
}

/** `--token REPLY`: one of the token endpoint's answers. */
function parseTokenReply(value: ParsedArgs['values'][string]): TokenReply {
  if (value === undefined) return 'grant';
  const reply = TOKEN_REPLIES.find((r) => r === value);
  if (!reply)
    throw new UsageError(`--token must be one of ${TOKEN_REPLIES.join(', ')}, not "${String(value)}"`);
  return reply;
}

function portNumber(flag: string, value: ParsedArgs['values'][string], fallback: number): number {
  if (typeof value !== 'string') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`${flag} must be a port number from 0 to 65535, not "${value}"`);
  }
  return port;
}

export const emulatorCommand: CliCommand = async (args, io) => {
  let values: ParsedArgs['values'];
  try {
    ({ values } = parseCommandArgs(args, OPTIONS));
  } catch (error) {
    if (!hasCode(error, ErrorCode.Usage)) throw error;
    io.stderr.write(`apigee-doctor emulator: ${error.message}\n\n${EMULATOR_USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(EMULATOR_USAGE);
    return EXIT.ok;
  }
  if (values.list) {
    for (const { name, description } of listScenarios())
      io.stdout.write(`${name.padEnd(26)} ${description}\n`);
    return EXIT.ok;
  }
  let port: number;
  let tlsPort: number;
  let latencyMs: number;
  let faults: Fault[];
  let tokenReply: TokenReply;
  let loggingQuota: LoggingQuota | undefined;
  try {
    if (typeof values.scenario !== 'string') throw new UsageError('--scenario is required');
    port = portNumber('--port', values.port, 8085);
    tlsPort = portNumber('--tls-port', values['tls-port'], 8443);
    latencyMs = portNumber('--latency-ms', values['latency-ms'], 0);
    faults = ((values.fault as string[] | undefined) ?? []).map(parseFault);
    tokenReply = parseTokenReply(values.token);
    const quotaText = values['logging-quota'];
    loggingQuota = typeof quotaText === 'string' ? parseLoggingQuota(quotaText) : undefined;
    if (typeof quotaText === 'string' && !loggingQuota) {
      throw new UsageError(`--logging-quota must be N/Ws such as 60/60s, not "${quotaText}"`);
    }
  } catch (error) {
    if (!hasCode(error, ErrorCode.Usage)) throw error;
    io.stderr.write(`apigee-doctor emulator: ${error.message}\n\n${EMULATOR_USAGE}`);
    return EXIT.usage;
  }
  let scenario: Awaited<ReturnType<typeof loadScenario>>;
  try {
    scenario = await loadScenario(values.scenario);
  } catch (error) {
    io.stderr.write(`apigee-doctor emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  const estate = await startEmulatedEstate(scenario, {
    port,
    tlsPort,
    latencyMs,
    faults,
    tokenReply,
    ...(loggingQuota ? { loggingQuota } : {}),
  });
  io.stdout.write(
    `Emulating scenario "${scenario.name}": ${scenario.description}\n` +
      `Google APIs on ${estate.api.url}, load balancer TLS on 127.0.0.1:${estate.tlsPort}\n\n` +
      `The load balancer's certificates chain to the emulator's root CA, written to ${estate.env.NODE_EXTRA_CA_CERTS}\n\n` +
      'Diagnose it from another terminal:\n' +
      `  GCP_API_BASE_URL=${estate.env.GCP_API_BASE_URL} PROBE_PORT=${estate.env.PROBE_PORT} ` +
      `NODE_EXTRA_CA_CERTS=${estate.env.NODE_EXTRA_CA_CERTS} ` +
      `npx apigee-doctor diagnose ${scenario.defaultOrg}\n\nPress Ctrl-C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await estate.close();
  return EXIT.ok;
};
