import type { ActionsBlock, Button } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { ACTION, type SlackMessage } from '../../../../src/contract/slack.js';
import { CHECK_IDS } from '../../../../src/diagnosis/model.js';
import { LIMITS, validateMessage } from '../../../../src/render/slack/limits.js';
import { renderCompactReport, renderReportMessage } from '../../../../src/render/slack/report.js';
import {
  armorPass,
  attachmentsPass,
  hugeCheck,
  migWarn,
  networkError,
  report,
  seal,
  shownText,
  testSeal,
  tlsFailure,
  value,
} from './samples.js';

const mrkdwn = shownText;

const buttons = (message: SlackMessage): Button[] =>
  message.blocks
    .filter((b): b is ActionsBlock => b.type === 'actions')
    .flatMap((b) => b.elements as Button[]);

describe('renderReportMessage while checks run', () => {
  const progress = renderReportMessage({
    org: 'acme-prod',
    project: 'acme',
    finished: [tlsFailure, armorPass, migWarn],
    total: 5,
    value,
    seal,
  });

  it('counts the finished checks and shows the others pending, within the limits', () => {
    expect(validateMessage(progress)).toEqual([]);
    const text = mrkdwn(progress);
    expect(text).toContain('*3 of 5 checks done*');
    expect(text).toContain(
      ':x: *TLS certificate served by the load balancer* — Certificate api-cert expired',
    );
    expect(text).toContain(':white_check_mark: *Cloud Armor*');
    expect(text).toContain(':warning: *Apigee proxy MIG*');
    expect(text).toContain(':hourglass_flowing_sand: `network` pending');
    expect(text).toContain(':hourglass_flowing_sand: `attachments` pending');
    expect(text).toContain('Organization `acme-prod` · project `acme`');
    expect(buttons(progress)).toEqual([]);
  });

  it('counts the pending checks when it cannot tell which they are', () => {
    const partial = renderReportMessage({ org: 'acme-prod', finished: [tlsFailure], total: 2, value, seal });
    expect(mrkdwn(partial)).toContain('1 more check pending');
  });
});

describe('renderReportMessage when the report is done', () => {
  const done = report([tlsFailure, migWarn, networkError, armorPass, attachmentsPass], 'tls');
  const summary = renderReportMessage({
    org: 'acme-prod',
    finished: done.checks,
    total: 5,
    report: done,
    value,
    seal,
  });

  it('puts the most likely cause first, then one line per check in report order', () => {
    expect(validateMessage(summary)).toEqual([]);
    const text = mrkdwn(summary);
    expect(text).toContain('*Most likely cause:* :x: *TLS certificate served by the load balancer*');
    const order = ['Apigee proxy MIG', 'Network and peering', 'Cloud Armor', 'Instance attachments'].map(
      (t) => text.indexOf(`*${t}*`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain(':grey_question: *Network and peering* — Missing permission compute.networks.get');
    expect(text).toContain('project `acme`');
    expect(text).toContain('client sees `502`');
    // The log window in the reader's own zone; Slack shows UTC where it cannot format dates.
    expect(text).toContain(
      'Logs <!date^1769504400^{date_short_pretty} {time}|2026-01-27 09:00:00 UTC> → <!date^1769508000^{date_short_pretty} {time}|2026-01-27 10:00:00 UTC>',
    );
    expect(summary.text).toBe(
      'Apigee diagnosis of acme-prod: 1 failed, 1 warning, 1 could not conclude, 2 passed',
    );
  });

  it('offers Rerun, DENY logs, Support bundle and Export, each carrying the sealed button value', () => {
    expect(buttons(summary).map((b) => b.action_id)).toEqual([
      ACTION.rerun,
      ACTION.denyLogs,
      ACTION.bundle,
      ACTION.export,
    ]);
    for (const b of buttons(summary)) expect(testSeal.openJson(b.value)).toEqual(value);
  });

  it('says so when nothing is wrong', () => {
    const clean = report([armorPass, attachmentsPass]);
    const message = renderReportMessage({
      org: 'acme-prod',
      finished: clean.checks,
      total: 2,
      report: clean,
      value,
      seal,
    });
    expect(mrkdwn(message)).toContain('No problem found by 2 checks.');
  });
});

describe('renderReportMessage with huge inputs', () => {
  const many = Array.from({ length: 100 }, (_, i) => hugeCheck(CHECK_IDS[i % CHECK_IDS.length]));

  it('stays within every limit and keeps the buttons while checks run', () => {
    const progress = renderReportMessage({ org: 'o'.repeat(500), finished: many, total: 100, value, seal });
    expect(validateMessage(progress)).toEqual([]);
  });

  it('stays within every limit, keeps the buttons and says what it left out', () => {
    const huge = report(many, 'cloud-armor');
    const message = renderReportMessage({
      org: 'acme-prod',
      finished: many,
      total: 100,
      report: huge,
      value,
      seal,
    });
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(buttons(message)).toHaveLength(4);
    expect(mrkdwn(message)).toMatch(/… \d+ more blocks? left out/);
  });

  it('leaves the buttons out rather than send a value over 2000 characters', () => {
    const long = { ...value, args: { ...value.args, host: 'h'.repeat(3000) } };
    const done = report([tlsFailure]);
    const message = renderReportMessage({
      org: 'acme-prod',
      finished: [],
      total: 1,
      report: done,
      value: long,
      seal,
    });
    expect(validateMessage(message)).toEqual([]);
    expect(buttons(message)).toEqual([]);
  });
});

describe('renderReportMessage names who asked', () => {
  const done = report([tlsFailure, armorPass], 'tls');
  const state = { org: 'acme-prod', finished: done.checks, total: 2, value, seal, requestedBy: 'U0ONCALL' };

  it('in every state of the message: progress, summary and the compact summary', () => {
    for (const message of [
      renderReportMessage({ ...state, finished: [tlsFailure] }),
      renderReportMessage({ ...state, report: done }),
      renderCompactReport({ ...state, report: done }),
    ]) {
      expect(validateMessage(message)).toEqual([]);
      expect(mrkdwn(message)).toContain('Asked by <@U0ONCALL>');
    }
  });

  it('says a rerun is one, links to the report it reruns, and when that one was posted', () => {
    const rerun = renderReportMessage({
      ...state,
      report: done,
      rerunOf: {
        channel: 'C0PLATFORM',
        ts: '1769504400.000100',
        permalink: 'https://acme.slack.com/archives/C0PLATFORM/p1769504400000100',
      },
    });
    expect(mrkdwn(rerun)).toContain(
      ':arrows_counterclockwise: Rerun by <@U0ONCALL> of <https://acme.slack.com/archives/C0PLATFORM/p1769504400000100|this report>, posted <!date^1769504400^{date_short_pretty} {time}|2026-01-27 09:00:00 UTC>',
    );
    expect(mrkdwn(rerun)).not.toContain('Asked by');
  });

  it('names the channel of the report it reruns when Slack gave no usable link', () => {
    for (const permalink of [undefined, 'https://evil.example/x|<!channel>', 'javascript:alert(1)']) {
      const rerun = renderReportMessage({
        ...state,
        rerunOf: { channel: 'C0PLATFORM', ts: '1769504400.000100', ...(permalink ? { permalink } : {}) },
      });
      expect(mrkdwn(rerun)).toContain(
        ':arrows_counterclockwise: Rerun by <@U0ONCALL> of this report in <#C0PLATFORM>, posted <!date^1769504400',
      );
      expect(mrkdwn(rerun)).not.toContain('<!channel>');
    }
  });
});
