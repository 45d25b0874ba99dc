import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../../src/contract/slack.js';
import { createSlackClient, SlackPoster } from '../../../../src/delivery/slack/post.js';
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
});
