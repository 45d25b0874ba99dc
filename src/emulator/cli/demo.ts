/**
 * `apigee-doctor demo [--scenario NAME]`: emulates a broken estate in-process and diagnoses it, so
 * anyone sees a full report in seconds with no Google account, configuration or network.
 */
import { type ParsedArgs, parseCommandArgs } from '../../cli/args.js';
import type { CliCommand } from '../../cli/io.js';
import { shippedDocsUrl } from '../../cli/shipped-docs.js';
import { runDiagnosis } from '../../diagnosis/engine.js';
import { ErrorCode, EXIT, hasCode } from '../../errors/index.js';
import { createGoogleApis } from '../../gcp/clients.js';
import { redact } from '../../redact/value.js';
import { renderProgressLine, renderReportText } from '../../render/terminal.js';
import { readerTimeZone } from '../../time-marks.js';
import { startEmulatedEstate } from '../index.js';
import { loadScenario } from '../scenarios/index.js';

export const DEMO_USAGE = `Usage: apigee-doctor demo [--scenario NAME]

Starts an emulated Google Cloud estate in this process (default scenario: broken, where all five
causes are present) and diagnoses it. No credentials, configuration or network needed.
`;

export const demoCommand: CliCommand = async (args, io) => {
  let values: ParsedArgs['values'];
  try {
    ({ values } = parseCommandArgs(args, {
      scenario: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    }));
  } catch (error) {
    if (!hasCode(error, ErrorCode.Usage)) throw error;
    io.stderr.write(`apigee-doctor demo: ${error.message}\n\n${DEMO_USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(DEMO_USAGE);
    return EXIT.ok;
  }
  let scenario: Awaited<ReturnType<typeof loadScenario>>;
  try {
    scenario = await loadScenario(typeof values.scenario === 'string' ? values.scenario : 'broken');
  } catch (error) {
    // A name that is no scenario is a usage error, as for `emulator --scenario`.
    io.stderr.write(`apigee-doctor demo: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  const estate = await startEmulatedEstate(scenario);
  try {
    const style = { color: io.isTTY && !io.env.NO_COLOR, timeZone: readerTimeZone(io.env.TZ) };
    io.stdout.write(
      `Demo: diagnosing organization ${scenario.defaultOrg} in the emulated estate "${scenario.name}"\n` +
        `(${scenario.description})\n\n`,
    );
    const { report } = await runDiagnosis(
      { org: scenario.defaultOrg },
      {
        google: createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 10_000, retries: 1 }),
        probePort: estate.tlsPort,
        // The demo's client trusts the emulator's root CA, as a real one trusts a public CA.
        probeCa: [estate.caPem],
        docsUrl: shippedDocsUrl(),
        onCheck: (result, finished, total) =>
          io.stdout.write(`${renderProgressLine(redact(result).value, finished, total, style)}\n`),
      },
    );
    io.stdout.write(`\n${renderReportText(redact(report).value, style)}`);
    io.stdout.write(
      `\nThis was a demo against an emulator. Try another estate with: npm run demo -- --scenario healthy\n` +
        'or run against Google Cloud with Application Default Credentials: npx apigee-doctor diagnose YOUR-ORG\n',
    );
    return EXIT.ok;
  } finally {
    await estate.close();
  }
};
