/**
 * Block builders that respect Block Kit limits by construction: each one cuts its text to the limit
 * of the place it goes, so a renderer cannot build an invalid block by accident.
 */
import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  HeaderBlock,
  SectionBlock,
} from '@slack/types';
import type { SlackMessage } from '../../contract/slack.js';
import { FALLBACK_TEXT_MAX, LIMITS, splitMrkdwn, truncateMrkdwn, truncatePlain } from './limits.js';

/** A header (plain text, so it needs no escaping). */
export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncatePlain(text.trim() || '-', LIMITS.headerText) },
  };
}

/** A section of mrkdwn the caller has already escaped, cut to the section limit. */
export function section(mrkdwn: string): SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncateMrkdwn(mrkdwn || ' ', LIMITS.sectionText) },
  };
}

/** Long mrkdwn as as many sections as it takes, split between lines, code blocks kept closed. */
export function sections(mrkdwn: string): SectionBlock[] {
  return splitMrkdwn(mrkdwn || ' ', LIMITS.sectionText).map((piece) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: piece || ' ' },
  }));
}

/** A context line of small mrkdwn items (at most ten). */
export function context(...items: string[]): ContextBlock {
  const kept = items.filter((item) => item.length > 0).slice(0, LIMITS.contextElements);
  return {
    type: 'context',
    elements: (kept.length > 0 ? kept : [' ']).map((item) => ({
      type: 'mrkdwn',
      text: truncateMrkdwn(item, LIMITS.contextText),
    })),
  };
}

/** A button whose value is already sealed (see button-seal.ts). */
export function button(label: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncatePlain(label, LIMITS.buttonText) },
    value,
    ...(style ? { style } : {}),
  };
}

/** An actions block with at most 25 elements. */
export function actions(...elements: ActionsBlockElement[]): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, LIMITS.actionsElements) };
}

/** A message: blocks plus the short notification text Slack shows where blocks cannot be shown. */
export function message(fallback: string, blocks: SlackMessage['blocks']): SlackMessage {
  return { text: truncateMrkdwn(fallback, FALLBACK_TEXT_MAX), blocks };
}
