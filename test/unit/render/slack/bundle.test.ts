import type { ActionsBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { ACTION } from '../../../../src/contract/slack.js';
import {
  pickerBlockId,
  renderBundleReply,
  renderChannelPicker,
  renderExportNote,
  renderExportSummary,
} from '../../../../src/render/slack/bundle.js';
import { validateMessage } from '../../../../src/render/slack/limits.js';
import {
  armorPass,
  hugeCheck,
  migWarn,
  multiByte,
  report,
  seal,
  shownText,
  testSeal,
  tlsFailure,
  value,
} from './samples.js';

const files = [
  { filename: 'report.json', title: 'Diagnosis report', content: '{}' },
  { filename: 'estate.json', title: 'Estate (redacted)', content: '{}' },
];

describe('renderBundleReply', () => {
  it('lists the files, shows the paste text and the kinds redacted', () => {
    const reply = renderBundleReply({
      org: 'acme-prod',
      files,
      pasteText: 'Org acme-prod: TLS certificate expired <api.acme.com>',
      redactedKinds: ['authorization-header', 'api-key'],
    });
    expect(validateMessage(reply)).toEqual([]);
    const text = shownText(reply);
    expect(text).toContain('*2 files attached*\n• `report.json` — Diagnosis report');
    expect(text).toContain('```\nOrg acme-prod: TLS certificate expired &lt;api.acme.com&gt;\n```');
    expect(text).toContain('Redacted before upload: authorization-header, api-key.');
    expect(text).not.toContain('was cut');
  });

  it('cuts a huge paste text inside its code block and says the files have it whole', () => {
    const reply = renderBundleReply({
      org: 'acme-prod',
      files: Array.from({ length: 300 }, (_, i) => ({
        filename: `f${i}-${multiByte}.txt`,
        title: multiByte,
        content: '',
      })),
      pasteText: `${multiByte}\n`.repeat(2000),
      redactedKinds: [],
    });
    expect(validateMessage(reply)).toEqual([]);
    expect(shownText(reply)).toContain('The paste text was cut; the files have it whole.');
    expect(shownText(reply)).toContain('No secrets were found to redact.');
  });
});

describe('renderExportSummary', () => {
  it('gives the verdict, one line per check and who exported it, without buttons', () => {
    const summary = renderExportSummary({
      org: 'acme-prod',
      report: report([tlsFailure, migWarn, armorPass], 'tls'),
      requestedBy: 'U0123ABC',
    });
    expect(validateMessage(summary)).toEqual([]);
    const text = shownText(summary);
    expect(text).toContain('*Most likely cause:* :x: *TLS certificate served by the load balancer*');
    expect(text).toContain(':warning: *Apigee proxy MIG*');
    expect(text).toContain('Exported by <@U0123ABC>');
    expect(text).toContain('1 failed, 1 warning, 1 passed.');
    expect(summary.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('escapes a requester that is not a user id, and fits 100 huge checks', () => {
    const summary = renderExportSummary({
      org: 'acme-prod',
      report: report(Array.from({ length: 100 }, () => hugeCheck())),
      requestedBy: '<!here>',
    });
    expect(validateMessage(summary)).toEqual([]);
    expect(shownText(summary)).toContain('Exported by &lt;!here&gt;');
  });
});

describe('renderExportNote', () => {
  it('names the export channel and the person as mentions Slack renders', () => {
    const note = renderExportNote({ target: 'C0EXPORT', requestedBy: 'U0ONCALL', files: 3 });
    expect(validateMessage(note)).toEqual([]);
    expect(shownText(note)).toContain(
      'Exported to <#C0EXPORT> by <@U0ONCALL>: the summary and 3 bundle files.',
    );
    expect(note.text).toContain('<#C0EXPORT>');
  });
});

describe('renderChannelPicker', () => {
  it('offers a conversations_select whose block carries the sealed report value', () => {
    const picker = renderChannelPicker(value, seal);
    expect(validateMessage(picker)).toEqual([]);
    const block = picker.blocks.find((b): b is ActionsBlock => b.type === 'actions');
    expect(block?.elements).toMatchObject([
      { type: 'conversations_select', action_id: ACTION.exportChannel },
    ]);
    expect(testSeal.openJson(block?.block_id)).toEqual(value);
  });

  it('keeps only the report channel and ts in the block_id when the value is too long for it', () => {
    const long = { ...value, args: { ...value.args, host: 'h'.repeat(300) } };
    expect(testSeal.openJson(pickerBlockId(long, seal))).toEqual({ channel: value.channel, ts: value.ts });
    expect(validateMessage(renderChannelPicker(long, seal))).toEqual([]);
  });
});
