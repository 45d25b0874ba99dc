import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../../src/contract/slack.js';
import { createSlackClient, SlackPoster } from '../../../../src/delivery/slack/post.js';
import { GcpError } from '../../../../src/errors/index.js';
import { failure } from '../../../../src/jobs/processors/failure.js';
import { silentLogger } from '../../../../src/log.js';

/** Never called here: only a channel refusal makes failure() answer through Slack itself. */
const unusedSlack = new SlackPoster(
  createSlackClient('xoxb-unused', 'http://127.0.0.1:9/api/'),
  silentLogger,
);
const lastAttempt = { attemptsMade: 2, opts: { attempts: 3 } };

describe('a job that fails for good', () => {
  it('posts what could not be done with the channel mention we wrote, and the error escaped', async () => {
    const posted: SlackMessage[] = [];
    const thrown = await failure(
      lastAttempt,
      new Error('Slack files.uploadV2 failed: <invalid_blocks>'),
      silentLogger,
      {
        what: 'Could not export the diagnosis of acme-prod to <#C123>',
        inChannel: async (message) => {
          posted.push(message);
        },
        slack: unusedSlack,
      },
    );

    expect(thrown).toBeInstanceOf(UnrecoverableError);
    expect(posted).toHaveLength(1);
    const mrkdwn = JSON.stringify(posted[0]!.blocks);
    expect(mrkdwn).toContain(
      'Could not export the diagnosis of acme-prod to <#C123>: Slack files.uploadV2 failed: &lt;invalid_blocks&gt;',
    );
    expect(mrkdwn).not.toContain('&lt;#C123&gt;');
  });

  it('says what a Google failure means, as the CLI does, rather than Google’s own message', async () => {
    const posted: SlackMessage[] = [];
    const denied = new GcpError({
      kind: 'permission-denied',
      api: 'logging',
      method: 'logging.entries.list',
      resource: 'projects/acme-prod',
      permission: 'logging.logEntries.list',
      message: "Permission 'logging.logEntries.list' denied on resource (or it may not exist).",
    });
    const thrown = await failure(lastAttempt, denied, silentLogger, {
      what: 'Could not read the Cloud Armor DENY logs of acme-prod',
      inChannel: async (message) => {
        posted.push(message);
      },
      slack: unusedSlack,
    });

    const reason =
      'permission denied: logging.entries.list on projects/acme-prod needs logging.logEntries.list (roles/logging.viewer).';
    expect(thrown.message).toBe(reason);
    expect(posted[0]!.text).toContain(`Could not read the Cloud Armor DENY logs of acme-prod: ${reason}`);
  });
});
