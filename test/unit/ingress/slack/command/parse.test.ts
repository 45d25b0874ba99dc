import { describe, expect, it } from 'vitest';
import { USAGE } from '../../../../../src/contract/slack.js';
import { MAX_COMMAND_LENGTH, parseApigeeCommand } from '../../../../../src/ingress/slack/command/parse.js';

function command(text: string) {
  const outcome = parseApigeeCommand(text);
  if (!outcome.ok) throw new Error(`expected a command, got: ${outcome.problem.message}`);
  return outcome.command;
}

function problem(text: string) {
  const outcome = parseApigeeCommand(text);
  if (outcome.ok) throw new Error(`expected a problem, got ${JSON.stringify(outcome.command)}`);
  return outcome.problem;
}

describe('parseApigeeCommand: commands that parse', () => {
  it('reads an empty command and `help` as a request for help', () => {
    expect(command('')).toEqual({ kind: 'help' });
    expect(command('   ')).toEqual({ kind: 'help' });
    expect(command('help')).toEqual({ kind: 'help' });
    expect(command('HELP')).toEqual({ kind: 'help' });
  });

  it('reads diagnose with an org alone', () => {
    expect(command('diagnose acme-prod')).toEqual({ kind: 'diagnose', args: { org: 'acme-prod' } });
  });

  it('reads diagnose with every option, in any order, spaced or with =', () => {
    expect(command('diagnose --since=2h acme-prod --status 502 --env prod --host api.acme.com')).toEqual({
      kind: 'diagnose',
      args: { org: 'acme-prod', env: 'prod', host: 'api.acme.com', status: '502', since: '2h' },
    });
  });

  it('reads the dash a phone makes of -- as --', () => {
    expect(command('diagnose acme-prod \u2014env prod \u2013since 1h')).toEqual({
      kind: 'diagnose',
      args: { org: 'acme-prod', env: 'prod', since: '1h' },
    });
  });

  it('reads a hostname Slack turned into a link', () => {
    expect(command('diagnose acme-prod --host <http://api.acme.com|api.acme.com>')).toMatchObject({
      args: { host: 'api.acme.com' },
    });
    expect(command('diagnose acme-prod --host https://API.acme.com/')).toMatchObject({
      args: { host: 'api.acme.com' },
    });
  });

  it('reads the status `tls` in any case', () => {
    expect(command('diagnose acme-prod --status TLS')).toMatchObject({ args: { status: 'tls' } });
  });

  it('reads deny-logs and bundle with their own options', () => {
    expect(command('deny-logs acme-prod --since 24h')).toEqual({
      kind: 'deny-logs',
      args: { org: 'acme-prod', since: '24h' },
    });
    expect(
      command('bundle acme-prod --env prod --proxy orders-v1 --host api.acme.com --path /orders/1'),
    ).toEqual({
      kind: 'bundle',
      args: { org: 'acme-prod', env: 'prod', proxy: 'orders-v1', host: 'api.acme.com', path: '/orders/1' },
    });
  });

  it('accepts compound durations up to 30 days', () => {
    expect(command('deny-logs acme-prod --since 1h30m')).toMatchObject({ args: { since: '1h30m' } });
    expect(command('deny-logs acme-prod --since 30d')).toMatchObject({ args: { since: '30d' } });
  });
});

describe('parseApigeeCommand: mistakes point at the offending word', () => {
  it('suggests the closest subcommand for a typo and shows every usage', () => {
    const p = problem('diagnos acme-prod');
    expect(p.offending).toBe('diagnos');
    expect(p.message).toContain('`diagnose`');
    expect(p.usage).toContain(USAGE.diagnose);
    expect(p.usage).toContain(USAGE.bundle);
    expect(problem('deny-log acme').message).toContain('`deny-logs`');
    expect(problem('bundel acme').message).toContain('`bundle`');
  });

  it('suggests nothing for a word that resembles no subcommand', () => {
    const p = problem('reboot acme-prod');
    expect(p.offending).toBe('reboot');
    expect(p.message).not.toContain('Did you mean');
  });

  it('suggests the closest option for a mistyped flag of that subcommand', () => {
    const p = problem('diagnose acme-prod --evn prod');
    expect(p).toMatchObject({ offending: '--evn', usage: USAGE.diagnose });
    expect(p.message).toContain('`--env`');
    expect(problem('diagnose acme-prod --stauts 502').message).toContain('`--status`');
  });

  it('refuses an option the subcommand does not take', () => {
    const p = problem('deny-logs acme-prod --env prod');
    expect(p).toMatchObject({ offending: '--env', usage: USAGE['deny-logs'] });
    expect(problem('diagnose acme-prod --proxy orders').offending).toBe('--proxy');
  });

  it('refuses a bad duration, naming it', () => {
    for (const bad of ['1x', 'soon', '0h', '-1h', '31d']) {
      const p = problem(`diagnose acme-prod --since=${bad}`);
      expect(p.offending).toBe(bad);
      expect(p.usage).toBe(USAGE.diagnose);
    }
    expect(problem('diagnose acme-prod --since 31d').message).toContain('30 days');
  });

  it('refuses an org name Apigee could not have', () => {
    for (const bad of ['Acme_Prod', '1acme', 'acme-', 'acme.prod']) {
      const p = problem(`diagnose ${bad}`);
      expect(p.offending).toBe(bad);
      expect(p.message).toContain('organization name');
    }
  });

  it('asks for the org when it is missing', () => {
    const p = problem('diagnose --env prod');
    expect(p.message).toContain('Which organization');
    expect(p.offending).toBeUndefined();
    expect(p.usage).toBe(USAGE.diagnose);
  });

  it('refuses a second positional word', () => {
    expect(problem('diagnose acme-prod prod').offending).toBe('prod');
  });

  it('refuses a flag without a value and a flag given twice', () => {
    expect(problem('diagnose acme-prod --env')).toMatchObject({ offending: '--env' });
    expect(problem('diagnose acme-prod --env --host api.acme.com')).toMatchObject({ offending: '--env' });
    expect(problem('diagnose acme-prod --env a --env b').message).toContain('twice');
  });

  it('refuses a status it cannot explain, a bad host and a path without a slash', () => {
    expect(problem('diagnose acme-prod --status 500')).toMatchObject({ offending: '500' });
    expect(problem('diagnose acme-prod --host localhost')).toMatchObject({ offending: 'localhost' });
    expect(problem('diagnose acme-prod --host bad_host.com')).toMatchObject({ offending: 'bad_host.com' });
    expect(problem('bundle acme-prod --path orders')).toMatchObject({ offending: 'orders' });
  });
});

describe('parseApigeeCommand: the deny-logs window, read as the CLI reads it', () => {
  const now = new Date('2026-03-02T00:00:00Z');
  const denyLogs = (text: string) => parseApigeeCommand(text, now);

  it('takes --until, an ISO time, with a duration or an ISO time as --since', () => {
    expect(denyLogs('deny-logs acme-prod --since 24h --until 2026-03-01T12:00:00Z')).toEqual({
      ok: true,
      command: { kind: 'deny-logs', args: { org: 'acme-prod', since: '24h', until: '2026-03-01T12:00:00Z' } },
    });
    expect(
      denyLogs('deny-logs acme-prod --since=2026-02-28 --until=2026-03-01T00:00:00+02:00'),
    ).toMatchObject({
      ok: true,
      command: { args: { since: '2026-02-28', until: '2026-03-01T00:00:00+02:00' } },
    });
    expect(denyLogs('deny-logs acme-prod --until 2026-03-01')).toMatchObject({
      ok: true,
      command: { args: { until: '2026-03-01' } },
    });
  });

  it('points at an --until that is not an ISO time, and at one without a zone', () => {
    const notATime = denyLogs('deny-logs acme-prod --until yesterday');
    expect(notATime).toMatchObject({
      ok: false,
      problem: { offending: 'yesterday', usage: USAGE['deny-logs'] },
    });
    const noZone = denyLogs('deny-logs acme-prod --until 2026-03-01T12:00:00');
    expect(noZone.ok ? '' : noZone.problem.message).toContain('add a zone');
  });

  it('points at a --since that is not before --until, or after now', () => {
    expect(
      denyLogs('deny-logs acme-prod --since 2026-03-01T13:00:00Z --until 2026-03-01T12:00:00Z'),
    ).toMatchObject({
      ok: false,
      problem: { offending: '2026-03-01T13:00:00Z' },
    });
    const future = denyLogs('deny-logs acme-prod --since 2026-03-05');
    expect(future.ok ? '' : future.problem.message).toContain('must be before');
  });

  it('keeps --until to deny-logs', () => {
    expect(problem('diagnose acme-prod --until 2026-03-01T12:00:00Z')).toMatchObject({
      offending: '--until',
    });
  });

  it('offers the same flags in its usage line as it accepts', () => {
    expect(USAGE['deny-logs']).toContain('--since');
    expect(USAGE['deny-logs']).toContain('--until');
  });
});

describe('parseApigeeCommand: hostile sizes', () => {
  it('refuses a text longer than it reads, without echoing it', () => {
    const text = `diagnose acme-prod --host ${'a'.repeat(MAX_COMMAND_LENGTH)}`;
    const outcome = parseApigeeCommand(text);
    expect(outcome).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('at most 4,000') },
    });
    expect(outcome.ok ? '' : JSON.stringify(outcome.problem)).not.toContain('a'.repeat(100));
    expect(parseApigeeCommand(`diagnose acme-prod --host ${'a'.repeat(40)}.example.com`).ok).toBe(true);
  });
});
