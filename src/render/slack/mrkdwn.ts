/**
 * Slack mrkdwn for text that came from a user or from Google: Slack reads `&`, `<` and `>` as markup
 * (links, mentions, entities), so such text is escaped before it is placed in a message.
 */

/** Escapes the three characters Slack treats as control characters in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line as inline code: escaped, on one line, and without backticks (Slack cannot nest them). */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/`/g, "'");
  return `\`${escapeMrkdwn(flat || ' ')}\``;
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
 * A time in the reader's own time zone (`<!date^…>`), with the ISO text as the fallback Slack shows
 * where it cannot format dates. An unparsable time is shown as given.
 */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const fallback = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<!date^${Math.floor(ms / 1000)}^{date_short} {time}|${fallback}>`;
}

/** `since → until`, both in the reader's time zone. */
export function slackWindow(window: { since: string; until: string }): string {
  return `${slackDate(window.since)} → ${slackDate(window.until)}`;
}
