import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { context, header, section } from '../../../../src/render/slack/elements.js';
import {
  findMessageProblems,
  fitBlocks,
  LIMITS,
  splitMrkdwn,
  truncateMrkdwn,
  truncatePlain,
  validateMessage,
} from '../../../../src/render/slack/limits.js';
import { multiByte } from './samples.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const fences = (text: string) => text.match(/```/g)?.length ?? 0;

describe('truncateMrkdwn', () => {
  it('leaves text within the limit untouched', () => {
    expect(truncateMrkdwn('short', 10)).toBe('short');
  });

  it('cuts multi-byte text at a character boundary, within the limit, with a marker', () => {
    const text = multiByte.repeat(1000);
    for (const max of [10, 11, 12, 13, 57, 3000]) {
      const cut = truncateMrkdwn(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).toMatch(/…$/);
      expect(LONE_SURROGATE.test(cut)).toBe(false);
    }
  });

  it('closes a code block it cuts into', () => {
    const cut = truncateMrkdwn(`Run:\n\`\`\`\n${'gcloud --flag '.repeat(500)}\n\`\`\``, 300);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(fences(cut) % 2).toBe(0);
    expect(cut.endsWith('```')).toBe(true);
  });

  it('never leaves half an entity such as &amp; at the cut', () => {
    for (let max = 20; max < 40; max++) {
      const cut = truncateMrkdwn('&amp;'.repeat(20), max);
      expect(cut.replace(/ …$/, '')).toMatch(/^(&amp;)*$/);
    }
  });
});

describe('truncatePlain', () => {
  it('cuts a header to 150 characters without splitting an emoji', () => {
    const cut = truncatePlain('👩🏽‍💻'.repeat(100), LIMITS.headerText);
    expect(cut.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect(cut.replace('…', '')).toMatch(/^(👩🏽‍💻)+$/u);
  });
});

describe('splitMrkdwn', () => {
  it('splits between lines and loses nothing', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${multiByte}`);
    const pieces = splitMrkdwn(lines.join('\n'), 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    expect(pieces.join('\n')).toBe(lines.join('\n'));
  });

  it('closes a code block at the end of a piece and reopens it in the next', () => {
    const text = `Commands:\n\`\`\`\n${Array.from({ length: 300 }, (_, i) => `gcloud step ${i}`).join('\n')}\n\`\`\`\nDone.`;
    const pieces = splitMrkdwn(text, 1000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(1000);
      expect(fences(piece) % 2).toBe(0);
    }
    expect(pieces.at(-1)).toMatch(/Done\.$/);
  });

  it('cuts a single line longer than a piece at character boundaries', () => {
    const pieces = splitMrkdwn(`\`\`\`\n${multiByte.repeat(500)}\n\`\`\``, 500);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(500);
      expect(LONE_SURROGATE.test(piece)).toBe(false);
      expect(fences(piece) % 2).toBe(0);
    }
  });
});

describe('validateMessage', () => {
  it('accepts a small valid message', () => {
    expect(validateMessage({ text: 'hi', blocks: [header('Hello'), section('*hi*')] })).toEqual([]);
  });

  it('names each broken limit, as Slack would reject it', () => {
    const problems = validateMessage({
      text: 'x',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
        { type: 'section', text: { type: 'mrkdwn', text: '' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'half an emoji \uD83D' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'a',
              text: { type: 'plain_text', text: 'b'.repeat(76) },
              value: 'v',
            },
            {
              type: 'button',
              action_id: 'a',
              text: { type: 'plain_text', text: 'ok' },
              value: 'v'.repeat(2001),
            },
          ],
        },
        {
          type: 'context',
          elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'c' })),
        },
      ],
    });
    expect(problems).toEqual([
      'blocks[0].text.text: 151 characters, at most 150',
      'blocks[1].text.text: 3001 characters, at most 3000',
      'blocks[2].text.text: empty',
      'blocks[3].text.text: a character cut in half (lone surrogate)',
      'blocks[4].elements[0].text.text: 76 characters, at most 75',
      'blocks[4].elements[1].action_id: "a" repeated in its block',
      'blocks[4].elements[1].value: must be a string of at most 2000 characters',
      'blocks[5].elements: 1 to 10 items, not 11',
    ]);
  });

  it('reports too many blocks and too much text in all with the errors Slack answers', () => {
    const blocks: KnownBlock[] = Array.from({ length: 51 }, () => section('x'.repeat(2999)));
    const errors = findMessageProblems({ text: 'y'.repeat(40_001), blocks }).map((p) => p.error);
    expect(errors).toEqual(['invalid_blocks', 'msg_blocks_too_long', 'msg_too_long']);
  });
});

describe('fitBlocks', () => {
  const notice = (omitted: number) => context(`${omitted} left out`);

  it('keeps everything when it fits', () => {
    const fitted = fitBlocks({ head: [header('h')], body: [section('a'), section('b')] }, notice);
    expect(fitted).toEqual({ blocks: [header('h'), section('a'), section('b')], omitted: 0 });
  });

  it('keeps head and tail, fills the body in order, and says how much was left out', () => {
    const body = Array.from({ length: 100 }, (_, i) => section(`${i} ${'x'.repeat(500)}`));
    const tail = [context('buttons')];
    const fitted = fitBlocks({ head: [header('h')], body, tail }, notice);
    expect(fitted.omitted).toBeGreaterThan(0);
    expect(fitted.blocks[0]).toEqual(header('h'));
    expect(fitted.blocks.at(-1)).toEqual(context('buttons'));
    expect(fitted.blocks.at(-2)).toEqual(notice(fitted.omitted));
    expect(fitted.blocks[1]).toEqual(body[0]);
    expect(validateMessage({ text: 't', blocks: fitted.blocks })).toEqual([]);
  });
});
