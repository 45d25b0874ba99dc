/**
 * Block Kit limits, and the helpers that make a message fit them by construction. Slack rejects a
 * message that breaks any of them (`invalid_blocks`, `msg_blocks_too_long`), so the renderers cut
 * long text at safe places and move what does not fit into a file.
 *
 * Lengths are counted in UTF-16 code units (`string.length`), which is never fewer than the
 * characters Slack counts, so a text within our count is within Slack's.
 */
import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from '../../contract/slack.js';

/** https://docs.slack.dev/reference/block-kit — and bolt-js issue 2509 for the total. */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  placeholderText: 150,
  /** Slack truncates a message's top-level `text` beyond this. */
  messageText: 40_000,
  /**
   * Slack answers `msg_blocks_too_long` to blocks totalling about 13k characters even within every
   * documented limit (bolt-js issue 2509), so we keep the text of all blocks under this.
   */
  totalBlockText: 12_000,
} as const;

/** The notification text we send beside the blocks: a short line, not the whole report. */
export const FALLBACK_TEXT_MAX = 300;

/** Appended where text was cut. */
export const CUT_MARKER = ' …';

// ---------------------------------------------------------------- cutting text safely

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The longest prefix of `text` that ends on a grapheme boundary and has at most `max` units. */
function prefixAtGrapheme(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  // A grapheme is at most a few dozen units long; looking a little past `max` is enough.
  for (const { index, segment } of graphemes.segment(text.slice(0, max + 64))) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** Moves a cut back to the end of a line or word when one is near, and out of an `&amp;` or `<…>`. */
function backOffToSafeBoundary(kept: string): string {
  let result = kept;
  const entityStart = result.lastIndexOf('&');
  if (entityStart >= 0 && /^&[#a-zA-Z0-9]*$/.test(result.slice(entityStart)))
    result = result.slice(0, entityStart);
  const open = result.lastIndexOf('<');
  if (open > result.lastIndexOf('>')) result = result.slice(0, open);
  const nearEnough = Math.floor(result.length * 0.8);
  const lineEnd = result.lastIndexOf('\n');
  if (lineEnd >= nearEnough && lineEnd > 0) return result.slice(0, lineEnd);
  const wordEnd = result.search(/\s\S*$/);
  if (wordEnd >= nearEnough && wordEnd > 0) return result.slice(0, wordEnd);
  return result;
}

/** Whether the text ends inside a ``` fence (an odd number of fences). */
function endsInsideFence(text: string): boolean {
  return (text.match(/```/g)?.length ?? 0) % 2 === 1;
}

/** Whether the last line has an inline-code span left open. */
function endsInsideInlineCode(text: string): boolean {
  const lastLine = text.slice(text.lastIndexOf('\n') + 1).replace(/```/g, '');
  return (lastLine.match(/`/g)?.length ?? 0) % 2 === 1;
}

/**
 * Cuts mrkdwn to at most `max` units: at a grapheme boundary (never half an emoji or a surrogate
 * pair), preferably at the end of a line or word, never inside an entity or a link, then appends
 * `marker` and closes any code span or block the cut left open.
 */
export function truncateMrkdwn(text: string, max: number, marker = CUT_MARKER): string {
  if (text.length <= max) return text;
  // Room for the marker and for closing both an inline span (`) and a fence (\n```).
  const room = Math.max(0, max - marker.length - 5);
  let kept = backOffToSafeBoundary(prefixAtGrapheme(text, room)).trimEnd();
  if (endsInsideInlineCode(kept)) kept += '`';
  kept += marker;
  if (endsInsideFence(kept)) kept += '\n```';
  return kept;
}

/** Cuts plain text (a header, a button label) to at most `max` units at a grapheme boundary. */
export function truncatePlain(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  return prefixAtGrapheme(text, Math.max(0, max - marker.length)).trimEnd() + marker;
}

/** How many ``` fences a line opens or closes. */
function fenceCount(line: string): number {
  return line.match(/```/g)?.length ?? 0;
}

/**
 * Splits long mrkdwn into pieces of at most `max` units, between lines where it can. A code block
 * that spans two pieces is closed at the end of the first and reopened at the start of the next,
 * so each piece renders on its own. A single line longer than `max` is cut at grapheme boundaries.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const fence = '```';
  const pieces: string[] = [];
  let current = '';
  let hasContent = false;
  let inFence = false;

  const flush = () => {
    if (hasContent) pieces.push(inFence ? `${current}\n${fence}` : current);
    current = inFence ? fence : '';
    hasContent = false;
  };
  const append = (line: string) => {
    current = current === '' ? line : `${current}\n${line}`;
    hasContent = true;
  };

  for (const line of text.split('\n')) {
    const fenceAfter: boolean = inFence !== (fenceCount(line) % 2 === 1);
    const closing = fenceAfter ? fence.length + 1 : 0;
    const joined = current === '' ? line.length : current.length + 1 + line.length;
    if (joined + closing <= max) {
      append(line);
      inFence = fenceAfter;
      continue;
    }
    flush();
    const fresh = current === '' ? line.length : current.length + 1 + line.length;
    if (fresh + closing <= max) {
      append(line);
      inFence = fenceAfter;
      continue;
    }
    // One line longer than a piece: cut it, each part on its own (inside the fence, if in one).
    const overhead = (inFence ? fence.length + 1 : 0) * 2;
    let rest = line;
    while (rest.length > 0) {
      const part = prefixAtGrapheme(rest, Math.max(1, max - overhead)) || rest.slice(0, 1);
      append(part);
      rest = rest.slice(part.length);
      if (rest.length > 0) flush();
    }
    inFence = fenceAfter;
  }
  flush();
  return pieces.length > 0 ? pieces : [''];
}

// ---------------------------------------------------------------- measuring and fitting blocks

interface TextLike {
  type?: unknown;
  text?: unknown;
}

/** Every text object in a block (section text and fields, header, context, buttons, placeholders). */
function textObjectsOf(block: KnownBlock): TextLike[] {
  const found: TextLike[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'plain_text' || record.type === 'mrkdwn') && typeof record.text === 'string') {
      found.push(record);
      return;
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(block);
  return found;
}

/** The characters of text a block shows, the measure of the total-size cap. */
export function blockTextLength(block: KnownBlock): number {
  return textObjectsOf(block).reduce((sum, t) => sum + (t.text as string).length, 0);
}

export interface FittedBlocks {
  blocks: KnownBlock[];
  /** How many of the `body` blocks were left out. */
  omitted: number;
}

/**
 * Assembles a message that fits the block count and the total-text cap: `head` and `tail` are always
 * kept (a header, the buttons), `body` blocks are kept in order while they fit, and when some are
 * left out `notice(omitted)` says so just before the tail.
 */
export function fitBlocks(
  parts: { head?: KnownBlock[]; body: KnownBlock[]; tail?: KnownBlock[] },
  notice: (omitted: number) => KnownBlock,
): FittedBlocks {
  const head = parts.head ?? [];
  const tail = parts.tail ?? [];
  const cost = (blocks: KnownBlock[]) => blocks.reduce((sum, b) => sum + blockTextLength(b), 0);
  const fixedBlocks = head.length + tail.length;
  const fixedText = cost(head) + cost(tail);

  if (
    fixedBlocks + parts.body.length <= LIMITS.blocksPerMessage &&
    fixedText + cost(parts.body) <= LIMITS.totalBlockText
  ) {
    return { blocks: [...head, ...parts.body, ...tail], omitted: 0 };
  }
  const noticeCost = blockTextLength(notice(parts.body.length));
  let blocksLeft = LIMITS.blocksPerMessage - fixedBlocks - 1;
  let textLeft = LIMITS.totalBlockText - fixedText - noticeCost;
  const kept: KnownBlock[] = [];
  for (const block of parts.body) {
    const size = blockTextLength(block);
    if (blocksLeft < 1 || size > textLeft) break;
    kept.push(block);
    blocksLeft -= 1;
    textLeft -= size;
  }
  const omitted = parts.body.length - kept.length;
  return { blocks: [...head, ...kept, notice(omitted), ...tail], omitted };
}

// ---------------------------------------------------------------- validating a message

/** The error Slack answers for a problem: a malformed block, or blocks or text that are too long. */
export type SlackMessageError = 'invalid_blocks' | 'msg_blocks_too_long' | 'msg_too_long' | 'no_text';

export interface MessageProblem {
  error: SlackMessageError;
  /** Where and what, e.g. `blocks[3].text: 3120 characters, at most 3000`. */
  message: string;
}

const TEXT_TYPES = new Set(['plain_text', 'mrkdwn']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BLOCK_TYPES = new Set([
  'section',
  'header',
  'context',
  'actions',
  'divider',
  'image',
  'rich_text',
  'markdown',
]);

/**
 * Every way `message` breaks a Block Kit rule, with the error Slack would answer. The renderers'
 * tests and the fake Slack API both use it, so a message the tests accept is one Slack accepts.
 */
export function findMessageProblems(message: SlackMessage): MessageProblem[] {
  const problems: MessageProblem[] = [];
  const invalid = (message: string): void => {
    problems.push({ error: 'invalid_blocks', message });
  };

  const text = (
    where: string,
    value: unknown,
    max: number,
    types: readonly string[] = ['plain_text', 'mrkdwn'],
  ) => {
    if (value === null || typeof value !== 'object') {
      invalid(`${where}: missing text object`);
      return;
    }
    const object = value as Record<string, unknown>;
    if (typeof object.type !== 'string' || !TEXT_TYPES.has(object.type) || !types.includes(object.type)) {
      invalid(`${where}.type: must be ${types.join(' or ')}, not ${String(object.type)}`);
      return;
    }
    if (typeof object.text !== 'string' || object.text.length === 0) {
      invalid(`${where}.text: empty`);
      return;
    }
    if (object.text.length > max) invalid(`${where}.text: ${object.text.length} characters, at most ${max}`);
    if (LONE_SURROGATE.test(object.text)) invalid(`${where}.text: a character cut in half (lone surrogate)`);
    if ('emoji' in object && object.type !== 'plain_text') invalid(`${where}.emoji: only for plain_text`);
  };
  const id = (where: string, value: unknown, max: number) => {
    if (value === undefined) return;
    if (typeof value !== 'string' || value.length === 0 || value.length > max) {
      invalid(`${where}: must be 1 to ${max} characters`);
    }
  };
  const element = (where: string, value: unknown, actionIds: Set<string>) => {
    const el = (value ?? {}) as Record<string, unknown>;
    id(`${where}.action_id`, el.action_id, LIMITS.actionId);
    if (typeof el.action_id === 'string') {
      if (actionIds.has(el.action_id)) invalid(`${where}.action_id: "${el.action_id}" repeated in its block`);
      actionIds.add(el.action_id);
    }
    if (el.type === 'button') {
      text(`${where}.text`, el.text, LIMITS.buttonText, ['plain_text']);
      if (el.value !== undefined && (typeof el.value !== 'string' || el.value.length > LIMITS.buttonValue)) {
        invalid(`${where}.value: must be a string of at most ${LIMITS.buttonValue} characters`);
      }
      if (el.url !== undefined && (typeof el.url !== 'string' || el.url.length > LIMITS.buttonUrl)) {
        invalid(`${where}.url: must be a string of at most ${LIMITS.buttonUrl} characters`);
      }
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        invalid(`${where}.style: must be primary or danger`);
      }
    } else if (el.type === 'conversations_select') {
      if (el.placeholder !== undefined) {
        text(`${where}.placeholder`, el.placeholder, LIMITS.placeholderText, ['plain_text']);
      }
    } else {
      invalid(`${where}.type: unsupported element ${String(el.type)}`);
    }
  };

  if (!Array.isArray(message.blocks)) {
    invalid('blocks: must be an array');
    return problems;
  }
  if (message.blocks.length > LIMITS.blocksPerMessage) {
    invalid(`blocks: ${message.blocks.length} blocks, at most ${LIMITS.blocksPerMessage}`);
  }
  const blockIds = new Set<string>();
  message.blocks.forEach((raw, i) => {
    const where = `blocks[${i}]`;
    const block = raw as unknown as Record<string, unknown>;
    if (typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) {
      invalid(`${where}.type: unknown block type ${String(block.type)}`);
      return;
    }
    id(`${where}.block_id`, block.block_id, LIMITS.blockId);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) invalid(`${where}.block_id: "${block.block_id}" repeated`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        text(`${where}.text`, block.text, LIMITS.headerText, ['plain_text']);
        break;
      case 'section': {
        if (block.text === undefined && block.fields === undefined) invalid(`${where}: needs text or fields`);
        if (block.text !== undefined) text(`${where}.text`, block.text, LIMITS.sectionText);
        if (block.fields !== undefined) {
          const fields = Array.isArray(block.fields) ? block.fields : [];
          if (fields.length === 0 || fields.length > LIMITS.sectionFields) {
            invalid(`${where}.fields: 1 to ${LIMITS.sectionFields} items`);
          }
          for (const [j, f] of fields.entries()) text(`${where}.fields[${j}]`, f, LIMITS.sectionFieldText);
        }
        if (block.accessory !== undefined) element(`${where}.accessory`, block.accessory, new Set());
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > LIMITS.contextElements) {
          invalid(`${where}.elements: 1 to ${LIMITS.contextElements} items, not ${elements.length}`);
        }
        for (const [j, e] of elements.entries()) text(`${where}.elements[${j}]`, e, LIMITS.contextText);
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > LIMITS.actionsElements) {
          invalid(`${where}.elements: 1 to ${LIMITS.actionsElements} items, not ${elements.length}`);
        }
        const actionIds = new Set<string>();
        for (const [j, e] of elements.entries()) element(`${where}.elements[${j}]`, e, actionIds);
        break;
      }
      default:
        break;
    }
  });

  const total = message.blocks.reduce((sum, b) => sum + blockTextLength(b), 0);
  if (total > LIMITS.totalBlockText) {
    problems.push({
      error: 'msg_blocks_too_long',
      message: `blocks: ${total} characters of text in all, at most ${LIMITS.totalBlockText}`,
    });
  }
  if (typeof message.text !== 'string' || message.text.length === 0) {
    if (message.blocks.length === 0)
      problems.push({ error: 'no_text', message: 'text: empty and no blocks' });
  } else if (message.text.length > LIMITS.messageText) {
    problems.push({
      error: 'msg_too_long',
      message: `text: ${message.text.length} characters, at most ${LIMITS.messageText}`,
    });
  }
  return problems;
}

/** Every Block Kit rule `message` breaks, one sentence each; empty when Slack would accept it. */
export function validateMessage(message: SlackMessage): string[] {
  return findMessageProblems(message).map((p) => p.message);
}
