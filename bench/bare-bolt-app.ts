/**
 * A bare Bolt app in HTTP mode that acknowledges `/apigee` at once, with nothing else: the floor
 * the acknowledgement benchmark (ack-ratio.ts) measures apigee-doctor's app against. Prints the
 * port it listens on, as the bot's app does.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
});
const app = new App({
  receiver,
  token: process.env.SLACK_BOT_TOKEN ?? '',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? '' },
});
app.command('/apigee', async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: 'Working on it: the result will appear in this channel.' });
});
const server = (await app.start(0)) as Server;
// Exit on SIGTERM as the bot does (so that a CPU profile, BENCH_PROFILE, is written).
process.on('SIGTERM', () => process.exit(0));
process.stdout.write(
  `${JSON.stringify({ msg: 'slack app listening', port: (server.address() as AddressInfo).port })}\n`,
);
