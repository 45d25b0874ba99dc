/** Times as Slack shows them: in each reader's own zone, UTC where Slack cannot format dates. */
import { describe, expect, it } from 'vitest';
import {
  mention,
  messageTime,
  sentence,
  slackTime,
  slackWindow,
} from '../../../../src/render/slack/mrkdwn.js';
import { dateMark, timeMark } from '../../../../src/time-marks.js';

describe('Slack times', () => {
  it('formats a moment with the day and the time, and a date with the day alone', () => {
    const ms = Date.parse('2026-11-27T09:47:30.250Z');
    expect(slackTime(ms)).toBe('<!date^1795772850^{date_short_pretty} {time}|2026-11-27 09:47:30 UTC>');
    expect(slackTime(ms, 'date')).toBe('<!date^1795772850^{date_short}|2026-11-27>');
  });

  it('writes the log window in the reader’s zone', () => {
    expect(slackWindow({ since: '2026-11-27T09:00:00.000Z', until: 'soon' })).toBe(
      '<!date^1795770000^{date_short_pretty} {time}|2026-11-27 09:00:00 UTC> → soon',
    );
  });

  it('escapes a sentence of the report, then writes its times, so that neither breaks the other', () => {
    const text = `<b>&</b> last at ${timeMark('2026-11-27T09:47:30Z')}, expired on ${dateMark('2026-11-17T00:00:00Z')}`;
    expect(sentence(text)).toBe(
      '&lt;b&gt;&amp;&lt;/b&gt; last at <!date^1795772850^{date_short_pretty} {time}|2026-11-27 09:47:30 UTC>, expired on <!date^1794873600^{date_short}|2026-11-17>',
    );
  });

  it('says when a message was posted, from its ts', () => {
    expect(messageTime('1795772850.000100')).toBe(
      '<!date^1795772850^{date_short_pretty} {time}|2026-11-27 09:47:30 UTC>',
    );
  });

  it('mentions a Slack user by id, and escapes anything else', () => {
    expect(mention('U0ONCALL')).toBe('<@U0ONCALL>');
    expect(mention('<!channel>')).toBe('&lt;!channel&gt;');
  });
});
