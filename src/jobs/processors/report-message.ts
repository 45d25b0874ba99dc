/**
 * The report's root message while a diagnosis runs and once it is done. Slack may refuse to edit it
 * for good (a message it finds too long or malformed, a message it no longer lets the bot edit):
 * such a refusal is never retried, since a retry meets it again after running the whole diagnosis
 * once more. Progress edits simply stop; the summary falls back to a compact one, and when Slack
 * will not edit the message at all, the message is replaced by a new one, so that no report is
 * left showing "0 of 5 checks done". What could not be shown is said in the report itself.
 */
import type { SlackMessage } from '../../contract/slack.js';
import { permanentSlackFailure, type SlackPoster } from '../../delivery/slack/post.js';
import type { SlackDeliveryError } from '../../errors/index.js';
import type { Logger } from '../../log.js';
import type { DeliveryRecord } from '../delivery-record.js';
import { LatestOnly } from '../latest-only.js';

/** A Slack refusal the report can work around with another message (not a channel or a token problem). */
export function isMessageRefusal(error: unknown): error is SlackDeliveryError {
  const category = permanentSlackFailure(error);
  return category === 'content' || category === 'message';
}

/**
 * Least time between two progress edits of one report. Checks finish in bursts as their data
 * arrives: one edit per burst shows the same progress for a fraction of the calls (each one a
 * Slack request, rendered and sent), within Slack's guidance of about one write a second.
 */
export const PROGRESS_SPACING_MS = 1_000;

export class ReportMessage {
  /** Set once Slack refused an edit for good: no further progress edit is tried. */
  refusal: SlackDeliveryError | undefined;
  private readonly progress: LatestOnly<() => SlackMessage>;

  constructor(
    private readonly slack: SlackPoster,
    readonly channel: string,
    /** The ts of the root message (it changes when the message is replaced). */
    public ts: string,
    private readonly record: DeliveryRecord,
    private readonly log: Logger,
  ) {
    this.progress = new LatestOnly(async (render) => {
      if (this.refusal) return;
      try {
        await this.slack.update(this.channel, this.ts, render(), this.log);
      } catch (error) {
        if (isMessageRefusal(error)) {
          this.refusal = error;
          this.log.warn('slack refused the progress edit; no more progress is shown', {
            slackError: error.slackError,
          });
        }
        throw error;
      }
    }, PROGRESS_SPACING_MS);
  }

  /**
   * Shows progress: the first state at once, then the newest at most once per
   * PROGRESS_SPACING_MS, each rendered by `render` when its turn comes (an edit failure never
   * fails the job).
   */
  showProgress(render: () => SlackMessage): void {
    this.progress.push(render);
  }

  /**
   * Ends the progress: a state still waiting for its turn is dropped (the summary or the error
   * that follows replaces it); resolves once the edit under way is done.
   */
  endProgress(): Promise<void> {
    return this.progress.finish();
  }

  /**
   * Puts `summary` in the root message; when Slack refuses it for good, the compact summary (which
   * says what could not be shown); when Slack refuses any edit, the compact summary in a new message
   * that replaces the root. Returns what could not be shown. Other failures are thrown.
   * @param compact renders the compact summary, its buttons for the root `ts` (none when undefined)
   */
  async showSummary(
    summary: SlackMessage,
    compact: (notShown: string[], ts: string | undefined) => SlackMessage,
  ): Promise<string[]> {
    if (!this.refusal) {
      try {
        await this.slack.update(this.channel, this.ts, summary, this.log);
        return [];
      } catch (error) {
        if (!isMessageRefusal(error)) throw error;
        this.refusal = error;
      }
    }
    const notShown = [`the full summary (Slack answered ${this.refusal.slackError})`];
    if (this.refusal.category === 'content') {
      try {
        await this.slack.update(this.channel, this.ts, compact(notShown, this.ts), this.log);
        return notShown;
      } catch (error) {
        if (!isMessageRefusal(error)) throw error;
        this.log.warn('slack refused the compact summary too', { slackError: error.slackError });
      }
    }
    notShown.push('the report message was posted again, since Slack would not edit it');
    await this.replace(notShown, compact);
    return notShown;
  }

  /**
   * Posts the compact summary as a new root and removes the old one (best effort: a message the bot
   * may not edit, it may still delete). Its buttons name its own ts, known once it is posted, so
   * they are added by an edit; when that too is refused, the report says its buttons are missing.
   * The new root is recorded, so a resumed job keeps it.
   */
  private async replace(
    notShown: string[],
    compact: (notShown: string[], ts: string | undefined) => SlackMessage,
  ): Promise<void> {
    const old = this.ts;
    this.ts = await this.slack.post(this.channel, compact(notShown, undefined), undefined, this.log);
    await this.record.set('root', this.ts);
    this.log.info('report message replaced', { old, ts: this.ts });
    try {
      await this.slack.delete(this.channel, old, this.log);
    } catch (error) {
      this.log.warn('could not delete the report message Slack would not edit', { error });
    }
    try {
      await this.slack.update(this.channel, this.ts, compact(notShown, this.ts), this.log);
    } catch (error) {
      if (!isMessageRefusal(error)) throw error;
      notShown.push(`the report's buttons (Slack answered ${error.slackError})`);
    }
  }
}
