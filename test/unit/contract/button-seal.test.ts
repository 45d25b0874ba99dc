/** Sealed button values: only a holder of the key can make one; any change breaks the seal. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ButtonKeys, ButtonSeal } from '../../../src/contract/button-seal.js';

const value = { args: { org: 'acme-prod' }, channel: 'C0123', ts: '1700000000.000100' };

describe('ButtonSeal', () => {
  const seal = new ButtonSeal(Buffer.alloc(32, 1));

  it('opens what it sealed', () => {
    expect(seal.openJson(seal.sealJson(value))).toEqual(value);
  });

  it('refuses a value sealed with another key, a changed value, and plain JSON', () => {
    const sealed = seal.sealJson(value)!;
    expect(new ButtonSeal(Buffer.alloc(32, 2)).openJson(sealed)).toBeUndefined();
    expect(seal.openJson(sealed.replace('acme-prod', 'acme-prox'))).toBeUndefined();
    expect(seal.openJson(JSON.stringify(value))).toBeUndefined();
    expect(seal.openJson(undefined)).toBeUndefined();
  });

  it('says when the sealed value would pass the limit of where it goes', () => {
    expect(seal.sealJson({ ...value, args: { org: 'a'.repeat(300) } }, 255)).toBeUndefined();
  });
});

describe('ButtonKeys', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `test-${randomUUID()}`;
  afterAll(async () => {
    await redis.del(`${prefix}:button-key`);
    redis.disconnect();
  });

  it('gives every process the same key, made once and kept in Redis', async () => {
    const [first, second] = await Promise.all([
      new ButtonKeys(redis, prefix).get(),
      new ButtonKeys(redis, prefix).get(),
    ]);
    expect(second.openJson(first.sealJson(value))).toEqual(value);
    expect((await redis.get(`${prefix}:button-key`))?.length).toBeGreaterThan(40);
  });
});
