/**
 * The fake Slack, driven by the real clients the bot uses: @slack/web-api's WebClient over HTTP,
 * @slack/socket-mode's client and a Bolt App over a WebSocket.
 */
import { App, LogLevel } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { WebClient, WebClientEvent } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { header, section } from '../../../src/render/slack/elements.js';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';

const fastRetries = { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 };

let fake: FakeSlack;
let web: WebClient;

beforeEach(async () => {
  fake = await startFakeSlack({ botUserId: 'U0DOCTOR' });
  web = new WebClient('xoxb-test', {
    slackApiUrl: fake.url,
    retryConfig: fastRetries,
    logLevel: LogLevel.ERROR,
  });
});
afterEach(async () => {
  await fake.close();
});

describe('Web API', () => {
  it('answers auth.test with the bot user', async () => {
    const auth = await web.auth.test();
    expect(auth.user_id).toBe('U0DOCTOR');
    expect(fake.callsTo('auth.test')[0]?.token).toBe('xoxb-test');
  });

  it('keeps a thread as posts and updates leave it', async () => {
    const root = await web.chat.postMessage({
      channel: 'C1',
      text: 'Diagnosing',
      blocks: [header('Diagnosing acme')],
    });
    expect(root.ts).toMatch(/^\d+\.\d{6}$/);
    const reply = await web.chat.postMessage({ channel: 'C1', thread_ts: root.ts, text: 'TLS failed' });
    await web.chat.update({ channel: 'C1', ts: root.ts!, text: 'Done', blocks: [section('*Done*')] });

    const messages = fake.messages('C1');
    expect(messages.map((m) => [m.ts, m.thread_ts, m.text])).toEqual([
      [root.ts, undefined, 'Done'],
      [reply.ts, root.ts, 'TLS failed'],
    ]);
    expect(messages[0]?.blocks).toEqual([section('*Done*')]);
    expect(messages[0]?.edits).toBe(1);
    expect(fake.thread('C1', root.ts!).map((m) => m.text)).toEqual(['TLS failed']);
    expect(fake.callsTo('chat.postMessage')[0]?.body.blocks).toEqual([header('Diagnosing acme')]);
  });

  it('refuses blocks that break a Block Kit limit, with the error Slack answers', async () => {
    const tooLong = { type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'x'.repeat(3001) } };
    await expect(web.chat.postMessage({ channel: 'C1', text: 't', blocks: [tooLong] })).rejects.toMatchObject(
      {
        data: {
          ok: false,
          error: 'invalid_blocks',
          errors: ['blocks[0].text.text: 3001 characters, at most 3000'],
        },
      },
    );
    const heavy = Array.from({ length: 5 }, () => section('y'.repeat(2900)));
    await expect(web.chat.postMessage({ channel: 'C1', text: 't', blocks: heavy })).rejects.toMatchObject({
      data: { error: 'msg_blocks_too_long' },
    });
    expect(fake.messages('C1')).toEqual([]);
  });

  it('answers ephemeral messages, channel info, views and deletes', async () => {
    await web.chat.postEphemeral({ channel: 'C1', user: 'U9', text: 'Not allowed' });
    expect(fake.ephemerals).toMatchObject([{ channel: 'C1', user: 'U9', text: 'Not allowed' }]);

    const info = await web.conversations.info({ channel: 'C1' });
    expect(info.channel).toMatchObject({ id: 'C1', is_member: true });

    await web.views.open({
      trigger_id: '1.2.3',
      view: { type: 'modal', title: { type: 'plain_text', text: 'Export' }, blocks: [] },
    });
    expect(fake.views).toMatchObject([{ type: 'modal' }]);

    const posted = await web.chat.postMessage({ channel: 'C1', text: 'bye' });
    await web.chat.delete({ channel: 'C1', ts: posted.ts! });
    expect(fake.messages('C1')).toEqual([]);
  });

  it('knows only the channels it is given, when given some', async () => {
    const strict = await startFakeSlack({ channels: { C1: { name: 'ops' } } });
    try {
      const client = new WebClient('xoxb-test', {
        slackApiUrl: strict.url,
        retryConfig: fastRetries,
        logLevel: LogLevel.ERROR,
      });
      expect((await client.conversations.info({ channel: 'C1' })).channel?.name).toBe('ops');
      await expect(client.chat.postMessage({ channel: 'C404', text: 'x' })).rejects.toMatchObject({
        data: { error: 'channel_not_found' },
      });
    } finally {
      await strict.close();
    }
  });

  it('takes a file through the three steps of files.uploadV2 into a thread', async () => {
    const root = await web.chat.postMessage({ channel: 'C1', text: 'report' });
    const content = 'policy,priority,count\nedge-policy,1000,42\n인증서 👩🏽‍💻\n';
    await web.filesUploadV2({
      channel_id: 'C1',
      thread_ts: root.ts!,
      filename: 'deny-logs.csv',
      title: 'Cloud Armor DENY logs',
      content,
      initial_comment: 'Full list attached',
    });

    expect(fake.calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    expect(fake.files).toMatchObject([
      {
        filename: 'deny-logs.csv',
        title: 'Cloud Armor DENY logs',
        content,
        completed: true,
        thread_ts: root.ts,
      },
    ]);
    expect(fake.thread('C1', root.ts!)).toMatchObject([
      { text: 'Full list attached', files: [{ name: 'deny-logs.csv', title: 'Cloud Armor DENY logs' }] },
    ]);
  });

  it('answers 429 with Retry-After, which the WebClient waits out and retries', async () => {
    const waits: number[] = [];
    web.on(WebClientEvent.RATE_LIMITED, (retryAfterSec: number) => waits.push(retryAfterSec));
    fake.failNext('chat.postMessage', 1, 1);

    const posted = await web.chat.postMessage({ channel: 'C1', text: 'after the wait' });

    expect(waits).toEqual([1]);
    expect(fake.callsTo('chat.postMessage').map((c) => c.outcome)).toEqual(['ratelimited', 'ok']);
    expect(fake.messages('C1').map((m) => m.ts)).toEqual([posted.ts]);
  });

  it('answers unknown methods and missing tokens as Slack does', async () => {
    await expect(web.apiCall('no.such.method')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    const anonymous = new WebClient(undefined, {
      slackApiUrl: fake.url,
      retryConfig: fastRetries,
      logLevel: LogLevel.ERROR,
    });
    await expect(anonymous.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'not_authed' },
    });
  });
});

describe('Socket Mode', () => {
  it('connects the socket-mode client, delivers a slash command and resolves with its ack', async () => {
    const client = new SocketModeClient({
      appToken: 'xapp-test',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: fastRetries },
    });
    const received: string[] = [];
    client.on('slash_commands', async ({ ack, body }) => {
      received.push(body.text);
      await ack({ text: 'Diagnosing acme-prod…' });
    });
    await client.start();
    try {
      const ack = await fake.sendSlashCommand({ text: 'diagnose acme-prod' });
      expect(ack).toEqual({ text: 'Diagnosing acme-prod…' });
      expect(received).toEqual(['diagnose acme-prod']);
      expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test');
    } finally {
      await client.disconnect();
    }
  });

  it('runs a Bolt app in Socket Mode: command, respond() and a button click', async () => {
    const app = new App({
      token: 'xoxb-test',
      appToken: 'xapp-test',
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: fastRetries },
      // The Socket Mode client takes its Web API URL from here, not from clientOptions.
      installerOptions: { clientOptions: { slackApiUrl: fake.url, retryConfig: fastRetries } },
    });
    app.command('/apigee', async ({ ack, respond, command }) => {
      await ack();
      await respond({ text: `Queued ${command.text}`, response_type: 'ephemeral' });
    });
    const clicked: string[] = [];
    app.action('apigee_rerun', async ({ ack, body }) => {
      await ack();
      if (body.type === 'block_actions')
        clicked.push(body.actions[0]?.type === 'button' ? (body.actions[0].value ?? '') : '');
    });
    await app.start();
    try {
      await fake.sendSlashCommand({ text: 'diagnose acme-prod' });
      await expect.poll(() => fake.responses.map((r) => r.body.text)).toEqual(['Queued diagnose acme-prod']);

      const posted = await web.chat.postMessage({ channel: 'C1', text: 'report' });
      await fake.clickButton({
        channel: 'C1',
        messageTs: posted.ts!,
        actionId: 'apigee_rerun',
        value: '{"args":{}}',
      });
      expect(clicked).toEqual(['{"args":{}}']);
    } finally {
      await app.stop();
    }
  });

  it('refuses the connection with a bot token, as apps.connections.open needs an app token', async () => {
    await expect(web.apps.connections.open()).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });
  });
});
