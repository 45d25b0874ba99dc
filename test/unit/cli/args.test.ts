import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/errors/index.js';

const OPTIONS = { env: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('parseCommandArgs', () => {
  it('returns flags and positionals of a well-formed command line', () => {
    const parsed = parseCommandArgs(['my-org', '--env', 'prod', '--json'], OPTIONS);
    expect(parsed).toEqual({ values: { env: 'prod', json: true }, positionals: ['my-org'] });
  });

  it('names an unknown flag and suggests the closest one', () => {
    expect(() => parseCommandArgs(['my-org', '--snice', '1h'], OPTIONS)).toThrow(
      new UsageError('unknown option --snice (did you mean --since?)'),
    );
  });

  it('does not suggest a flag that is nothing like the typo', () => {
    expect(() => parseCommandArgs(['--zzzzzzzz'], OPTIONS)).toThrow('unknown option --zzzzzzzz');
    expect(() => parseCommandArgs(['--zzzzzzzz'], OPTIONS)).not.toThrow(/did you mean/);
  });

  it('says which flag lacks its value', () => {
    expect(() => parseCommandArgs(['my-org', '--env'], OPTIONS)).toThrow('option --env needs a value');
  });
});
