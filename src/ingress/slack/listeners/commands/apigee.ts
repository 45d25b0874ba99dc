/**
 * `/apigee`: parse, authorize, enqueue, answer. Everything slow happens in a worker; the answer
 * here is ephemeral and always within Slack's 3 seconds (the enqueue, with its admission, has a
 * bounded wait). Every command leaves one audit line, whatever became of it, written once the
 * acknowledgement is out.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { type AuditEntry, audit } from '../../../../contract/audit.js';
import { jobId } from '../../../../contract/job-ids.js';
import { QUEUE } from '../../../../contract/queues.js';
import type { EnqueueResult } from '../../../../queue/producer.js';
import { renderHelp, renderRefusal, renderUsageError } from '../../../../render/slack/text.js';
import { parseApigeeCommand } from '../../command/parse.js';
import { authorize } from '../../policy.js';
import { accepted, enqueueFailure, ephemeral, notStarted } from '../answers.js';
import { enqueueFailed, enqueueOutcome } from '../audit.js';
import type { ListenerDeps } from '../deps.js';
import { envelopeIdOf } from '../request-ids.js';

export function apigeeCommand(deps: ListenerDeps) {
  return async ({ command, ack, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const who = { event: 'command', user: command.user_id, channel: command.channel_id } as const;
    // The audit line is written once the acknowledgement is out (or failed): off Slack's clock.
    const answer = async (message: Parameters<typeof ack>[0], entry: AuditEntry) => {
      try {
        await ack(message);
      } finally {
        audit(deps.logger, entry);
      }
    };
    const parsed = parseApigeeCommand(command.text ?? '');
    if (!parsed.ok) {
      // The text is not logged: it may hold what someone pasted by mistake.
      await answer(ephemeral(renderUsageError(parsed.problem)), {
        ...who,
        action: 'unreadable',
        outcome: 'refused',
        reason: 'the command could not be read',
      });
      return;
    }
    const request = parsed.command;
    if (request.kind === 'help') {
      await answer(ephemeral(renderHelp()), { ...who, action: 'help', outcome: 'accepted' });
      return;
    }
    const asked: Omit<AuditEntry, 'outcome'> = { ...who, action: request.kind, org: request.args.org };
    const decision = authorize(deps.policy, {
      org: request.args.org,
      channel: command.channel_id,
      user: command.user_id,
    });
    if (!decision.allowed) {
      await answer(ephemeral(renderRefusal(decision.reason)), {
        ...asked,
        outcome: 'refused',
        reason: 'the access policy does not allow it',
      });
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
    // Slack may deliver one command twice; its trigger id makes that one job, and is remembered
    // (with the Socket Mode envelope) so that a replay, even after the job ended, starts nothing.
    const trigger = command.trigger_id;
    const ids = { triggerId: trigger, envelopeId: envelopeIdOf(context) };
    // The command's kind is its queue's name.
    const id = jobId(request.kind, trigger);
    let result: EnqueueResult;
    try {
      switch (request.kind) {
        case 'diagnose':
          result = await deps.producer.enqueue(QUEUE.diagnose, id, { ...base, args: request.args }, ids);
          break;
        case 'deny-logs':
          result = await deps.producer.enqueue(QUEUE.denyLogs, id, { ...base, args: request.args }, ids);
          break;
        case 'bundle':
          result = await deps.producer.enqueue(QUEUE.bundle, id, { ...base, args: request.args }, ids);
          break;
      }
    } catch (error) {
      deps.logger
        .child({ command: command.command, user: command.user_id, channel: command.channel_id })
        .error('could not enqueue', { error });
      await answer(ephemeral(enqueueFailure(error)), { ...asked, jobId: id, ...enqueueFailed(error) });
      return;
    }
    const outcome = { ...asked, ...enqueueOutcome(result, id) };
    if (!result.queued) {
      await answer(
        ephemeral(notStarted(result, { org: request.args.org, teamDomain: command.team_domain })),
        outcome,
      );
      return;
    }
    await answer(
      ephemeral(
        accepted(
          `:hourglass_flowing_sand: Working on \`${request.kind} ${request.args.org}\`: the result will appear in this channel.`,
        ),
      ),
      outcome,
    );
  };
}
