/**
 * Slack mrkdwn for text that came from a user or from Google: Slack reads `&`, `<` and `>` as markup
 * (links, mentions, entities), so such text is escaped before it is placed in a message.
 */
import { formatTimeMarks, type TimePrecision, utcTime } from '../../time-marks.js';

/** Escapes the three characters Slack treats as control characters in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line as inline code: escaped, on one line, and without backticks (Slack cannot nest them). */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/`/g, "'");
  return `\`${escapeMrkdwn(flat || ' ')}\``;
}

/** `<@U123>` for a Slack user id, so Slack shows the name; anything else as escaped text. */
export function mention(user: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(user) ? `<@${user}>` : escapeMrkdwn(user);
}

/**
 * A link to a message, `<url|text>`, from the URL Slack's chat.getPermalink gave; undefined unless it
 * is a plain https URL (one that cannot break out of the link).
 */
export function messageLink(url: string | undefined, text: string): string | undefined {
  return url && /^https:\/\/[^\s|<>]+$/.test(url) ? `<${url}|${escapeMrkdwn(text)}>` : undefined;
}

/** When a message was posted, from its ts (`1732698000.000100`: seconds since the epoch). */
export function messageTime(ts: string): string {
  const seconds = Number.parseFloat(ts);
  return Number.isFinite(seconds) ? slackTime(seconds * 1000) : escapeMrkdwn(ts);
}

/** Bold text (escaped; asterisks inside would end the bold early, so they are dropped). */
export function bold(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/\*/g, '');
  return `*${escapeMrkdwn(flat || ' ')}*`;
}

/** A fenced code block of escaped text (backtick fences inside the text would close it, so they are broken up). */
export function codeBlock(text: string): string {
  return `\`\`\`\n${escapeMrkdwn(text.replace(/```/g, "'''"))}\n\`\`\``;
}

/**
 * A moment in the reader's own time zone (`<!date^…>`): the day (`today`, `yesterday`, `Nov 27`)
 * and the time, or the date alone for a `date` mark; UTC is the fallback Slack shows where it
 * cannot format dates.
 */
export function slackTime(ms: number, precision: TimePrecision = 'time'): string {
  const format = precision === 'date' ? '{date_short}' : '{date_short_pretty} {time}';
  return `<!date^${Math.floor(ms / 1000)}^${format}|${utcTime(ms, precision)}>`;
}

/** An ISO time in the reader's time zone; an unparsable time is shown as given. */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? escapeMrkdwn(iso) : slackTime(ms);
}

/** `since → until`, both in the reader's time zone. */
export function slackWindow(window: { since: string; until: string }): string {
  return `${slackDate(window.since)} → ${slackDate(window.until)}`;
}

/**
 * A sentence of the report (a summary, a headline, an evidence detail, a step): escaped, and each
 * time in it (see time-marks.ts) in the reader's time zone.
 */
export function sentence(text: string): string {
  return formatTimeMarks(escapeMrkdwn(text), slackTime);
}
