/**
 * Button values are data, never authority: a value carries which report and arguments a button is
 * for, and anyone can hand-build a click with any value and a valid Slack signature (Slack signs the
 * request, not our value). So every value we render is sealed with an HMAC whose key only our
 * processes have, and a click whose value does not verify is refused before it is read. The
 * listener still checks the click's own channel, the stored report and the policy (click.ts in
 * the listeners' actions/): the seal proves we minted the value, not that this user may use it here.
 *
 * The key is 32 random bytes kept in Redis (`PREFIX:button-key`), made by the first process that
 * needs it, so that every app and worker process shares it with no configuration; a Redis that
 * loses it makes the buttons of older messages answer "run the command again".
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ButtonValue } from './slack.js';

/** Which report a value is about, when the whole value does not fit (a picker's block_id). */
export interface ReportRef {
  channel: string;
  ts: string;
}

/** Seals a value for a button (or a block_id), or undefined when the sealed text passes `limit`. */
export type SealButton = (value: ButtonValue | ReportRef, limit?: number) => string | undefined;

/** Slack's limit on a button's value. */
const BUTTON_VALUE_MAX = 2000;
/** base64url of an HMAC-SHA256. */
const MAC_LENGTH = 43;

export class ButtonSeal {
  constructor(private readonly key: Buffer) {}

  private mac(json: string): string {
    return createHmac('sha256', this.key).update(json, 'utf8').digest('base64url');
  }

  /** `MAC.JSON` of any JSON-able payload, or undefined when it is longer than `limit`. */
  sealJson(payload: unknown, limit = BUTTON_VALUE_MAX): string | undefined {
    const json = JSON.stringify(payload);
    const sealed = `${this.mac(json)}.${json}`;
    return sealed.length <= limit ? sealed : undefined;
  }

  /** The payload of a sealed text, or undefined when the seal does not verify (or it is not JSON). */
  openJson(sealed: string | undefined): unknown {
    if (!sealed || sealed.length > BUTTON_VALUE_MAX || sealed[MAC_LENGTH] !== '.') return undefined;
    const json = sealed.slice(MAC_LENGTH + 1);
    const given = Buffer.from(sealed.slice(0, MAC_LENGTH), 'utf8');
    const expected = Buffer.from(this.mac(json), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(json);
    } catch {
      return undefined;
    }
  }

  /** The sealing function the renderers take. */
  readonly seal: SealButton = (value, limit) => this.sealJson(value, limit);
}

/** The shared key, read (or made) once per process and kept. */
export class ButtonKeys {
  private loading: Promise<ButtonSeal> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The seal; rejects (and tries again next time) when Redis does not answer. */
  get(): Promise<ButtonSeal> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<ButtonSeal> {
    const key = `${this.prefix}:button-key`;
    // The first process to get here makes the key; every other one reads that one.
    await this.redis.set(key, randomBytes(32).toString('base64'), 'NX');
    const stored = await this.redis.get(key);
    if (!stored) throw new Error('the button key could not be read from Redis');
    return new ButtonSeal(Buffer.from(stored, 'base64'));
  }
}
