/** A reply and its files, each posted at most once however often the job runs. */
import type { SlackFile, SlackMessage } from '../../contract/slack.js';
import type { Logger } from '../../log.js';
import type { DeliveryRecord } from '../delivery-record.js';
import type { ProcessorDeps } from './deps.js';

/**
 * Posts `message` (into `threadTs` when set, else as a new message) and uploads `files` into its
 * thread. Returns the ts of the message.
 */
export async function postReplyWithFiles(
  deps: ProcessorDeps,
  record: DeliveryRecord,
  reply: {
    channel: string;
    threadTs?: string | undefined;
    message: SlackMessage;
    files: SlackFile[];
    log: Logger;
  },
): Promise<string> {
  const { channel, threadTs, message, files, log } = reply;
  let ts = await record.get('reply');
  if (!ts) {
    ts = await deps.slack.post(channel, message, threadTs, log);
    await record.set('reply', ts);
  }
  if (files.length > 0 && !(await record.get('files'))) {
    await deps.slack.upload(channel, files, { threadTs: threadTs ?? ts }, log);
    await record.set('files', 'done');
  }
  return ts;
}
