/**
 * `/apigee`: parse, authorize, enqueue, answer. Everything slow happens in a worker; the answer
 * here is ephemeral and always within Slack's 3 seconds (the enqueue has a bounded wait).
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { jobId } from '../../../queue/job-ids.js';
import { QUEUE } from '../../../queue/queues.js';
import { renderHelp, renderRefusal, renderUsageError } from '../../blocks/text.js';
import { parseApigeeCommand } from '../../command/parse.js';
import { authorize } from '../../policy.js';
import { accepted, enqueueFailure, ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';

export function apigeeCommand(deps: ListenerDeps) {
  return async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const log = deps.logger.child({
      command: command.command,
      user: command.user_id,
      channel: command.channel_id,
    });
    const parsed = parseApigeeCommand(command.text ?? '');
    if (!parsed.ok) {
      await ack(ephemeral(renderUsageError(parsed.problem)));
      return;
    }
    const request = parsed.command;
    if (request.kind === 'help') {
      await ack(ephemeral(renderHelp()));
      return;
    }
    const decision = authorize(deps.policy, {
      org: request.args.org,
      channel: command.channel_id,
      user: command.user_id,
    });
    if (!decision.allowed) {
      log.info('refused', { org: request.args.org });
      await ack(ephemeral(renderRefusal(decision.reason)));
      return;
    }
    const requestedBy = { user: command.user_id, channel: command.channel_id };
    const base = {
      project: decision.org.project,
      requestedBy,
      channel: command.channel_id,
      // Where a worker tells the user if the bot turns out not to be in the channel.
      ...(command.response_url ? { responseUrl: command.response_url } : {}),
    };
    // Slack may deliver one command twice; its trigger id makes that one job.
    const trigger = command.trigger_id;
    try {
      switch (request.kind) {
        case 'diagnose':
          await deps.producer.enqueue(QUEUE.diagnose, jobId(QUEUE.diagnose, trigger), {
            ...base,
            args: request.args,
          });
          break;
        case 'deny-logs':
          await deps.producer.enqueue(QUEUE.denyLogs, jobId(QUEUE.denyLogs, trigger), {
            ...base,
            args: request.args,
          });
          break;
        case 'bundle':
          await deps.producer.enqueue(QUEUE.bundle, jobId(QUEUE.bundle, trigger), {
            ...base,
            args: request.args,
          });
          break;
      }
    } catch (error) {
      log.error('could not enqueue', { error });
      await ack(ephemeral(enqueueFailure(error)));
      return;
    }
    log.info('enqueued', { kind: request.kind, org: request.args.org });
    await ack(
      ephemeral(
        accepted(
          `:hourglass_flowing_sand: Working on \`${request.kind} ${request.args.org}\`: the result will appear in this channel.`,
        ),
      ),
    );
  };
}
