import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../../src/contract/slack.js';
import { USAGE } from '../../../../src/contract/slack.js';
import { validateMessage } from '../../../../src/render/slack/limits.js';
import {
  renderError,
  renderHelp,
  renderJobFailure,
  renderNotInChannel,
  renderRefusal,
  renderUsageError,
} from '../../../../src/render/slack/text.js';
import { multiByte } from './samples.js';

const allText = (message: SlackMessage) => JSON.stringify(message.blocks);

describe('renderHelp', () => {
  it('shows every command with its flags, within the limits', () => {
    const help = renderHelp();
    expect(validateMessage(help)).toEqual([]);
    for (const command of [
      '/apigee diagnose ORG',
      '/apigee deny-logs ORG',
      '/apigee bundle ORG',
      '/apigee help',
    ]) {
      expect(allText(help)).toContain(command);
    }
    expect(allText(help)).toContain('--status tls|403|404|502|503');
  });

  it('names the registered checks and which of them each --status puts first', () => {
    const help = renderHelp();
    expect(allText(help)).toContain(
      'runs the checks (`tls`, `cloud-armor`, `proxy-mig`, `network`, `attachments`)',
    );
    expect(allText(help)).toContain(
      '`--status` puts first the checks that explain it: `tls` → tls; `403` → cloud-armor; `404` → cloud-armor, attachments; `502` → proxy-mig, network, cloud-armor; `503` → attachments.',
    );
  });

  it("shows each command's usage exactly as the parser defines it", () => {
    const help = allText(renderHelp());
    for (const line of Object.values(USAGE)) expect(help).toContain(JSON.stringify(line).slice(1, -1));
  });
});

describe('renderUsageError', () => {
  it('points at the offending word and shows the usage', () => {
    const reply = renderUsageError({
      message: 'Unknown flag --stauts.',
      offending: '--stauts',
      usage: USAGE.diagnose,
    });
    expect(validateMessage(reply)).toEqual([]);
    expect(allText(reply)).toContain('`--stauts` ← here');
    expect(allText(reply)).toContain(USAGE.diagnose);
  });

  it('escapes what the user typed and survives a huge one', () => {
    const reply = renderUsageError({
      message: `Unknown organization <@U123> & ${multiByte.repeat(500)}`,
      offending: `<!channel>${'x'.repeat(10_000)}`,
      usage: USAGE.diagnose,
    });
    expect(validateMessage(reply)).toEqual([]);
    expect(allText(reply)).not.toContain('<@U123>');
    expect(allText(reply)).not.toContain('<!channel>');
    expect(allText(reply)).toContain('&lt;@U123&gt; &amp;');
  });
});

describe('renderRefusal', () => {
  it('says why, keeping the user and channel mentions of the policy', () => {
    const reply = renderRefusal('<@U0ONCALL> may not diagnose `acme-prod` from <#C0OPS>.');
    expect(validateMessage(reply)).toEqual([]);
    expect(allText(reply)).toContain('<@U0ONCALL> may not diagnose `acme-prod` from <#C0OPS>.');
  });
});

describe('renderError', () => {
  it('keeps the message and drops the stack trace', () => {
    const error = new Error('Apigee API answered 403 for organizations/acme');
    const reply = renderError(error.stack ?? '');
    expect(validateMessage(reply)).toEqual([]);
    expect(allText(reply)).toContain('Apigee API answered 403 for organizations/acme');
    expect(allText(reply)).not.toMatch(/\bat .*\.ts:\d+/);
    expect(reply.text).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('renderJobFailure', () => {
  it('keeps the channel mention we wrote, so Slack shows the channel', () => {
    const reply = renderJobFailure(
      'Could not export the diagnosis of acme-prod to <#C123>',
      'quota exceeded',
    );
    expect(validateMessage(reply)).toEqual([]);
    expect(allText(reply)).toContain(
      'Could not export the diagnosis of acme-prod to <#C123>: quota exceeded',
    );
    expect(reply.text).toContain('<#C123>');
    expect(allText(reply)).not.toContain('&lt;#C123&gt;');
  });

  it("escapes the error's own text and drops its stack trace", () => {
    const error = new Error('Google answered <!channel> & 403');
    const reply = renderJobFailure('Could not build the support bundle of acme-prod', error.stack ?? '');
    expect(allText(reply)).toContain('Google answered &lt;!channel&gt; &amp; 403');
    expect(allText(reply)).not.toContain('<!channel>');
    expect(allText(reply)).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('renderNotInChannel', () => {
  it('names the channel as a mention Slack renders, and says how to invite the bot', () => {
    const message = renderNotInChannel('C0PLATFORM');
    expect(validateMessage(message)).toEqual([]);
    expect(message.text).toContain('Invite @apigee-doctor to <#C0PLATFORM> (/invite @apigee-doctor)');
    expect(allText(message)).toContain('<#C0PLATFORM>');
    expect(allText(message)).not.toContain('&lt;#');
  });
});
