/** Reading the fake Slack's messages the way a person reads the channel. */
import { ACTION } from '../../../../src/contract/slack.js';
import type { FakeSlackMessage } from '../../../support/fake-slack.js';
import { ALLOWED_CHANNEL, type TestBot } from './bot.js';

/** The action ids of a message's buttons. */
export function buttonsOf(message: FakeSlackMessage): string[] {
  return message.blocks.flatMap((block) =>
    block.type === 'actions'
      ? block.elements.map((element) => ('action_id' in element ? element.action_id! : ''))
      : [],
  );
}

/** The value of a message's button with `actionId`. */
export function buttonValue(message: FakeSlackMessage, actionId: string): string {
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if ('action_id' in element && element.action_id === actionId && 'value' in element)
        return element.value!;
    }
  }
  throw new Error(`no ${actionId} button on message ${message.ts}`);
}

/** What a button's sealed value says (`MAC.JSON`: the JSON after the seal), as data to assert on. */
export function buttonData(message: FakeSlackMessage, actionId: string): Record<string, unknown> {
  const sealed = buttonValue(message, actionId);
  return JSON.parse(sealed.slice(sealed.indexOf('.') + 1)) as Record<string, unknown>;
}

/** Root messages of a channel (not thread replies). */
export function roots(bot: TestBot, channel = ALLOWED_CHANNEL): FakeSlackMessage[] {
  return bot.fake.messages(channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
}

/** Finished reports (the summary, with its Rerun button) in a channel. */
export function finishedReports(bot: TestBot, channel = ALLOWED_CHANNEL): FakeSlackMessage[] {
  return roots(bot, channel).filter((m) => buttonsOf(m).includes(ACTION.rerun));
}

/** The first finished report of a channel, once there is one. */
export function finishedReport(bot: TestBot, channel = ALLOWED_CHANNEL): FakeSlackMessage | undefined {
  return finishedReports(bot, channel)[0];
}

/**
 * Every message the bot sent, each version of it: the text and blocks of every chat.postMessage and
 * chat.update call, and of every answer to a response_url.
 */
export function everythingPosted(bot: TestBot): string[] {
  const calls = ['chat.postMessage', 'chat.update', 'chat.postEphemeral'].flatMap((method) =>
    bot.fake
      .callsTo(method)
      .map((call) => JSON.stringify({ text: call.body.text, blocks: call.body.blocks })),
  );
  return [...calls, ...bot.fake.responses.map((response) => JSON.stringify(response.body))];
}

/** A millisecond ISO stamp (`09:00:00.000Z`): what no sentence a person reads may hold. */
export const MILLISECOND_STAMP = /\d{2}:\d{2}:\d{2}\.\d{3}Z/;
