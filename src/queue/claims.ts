/**
 * One-time claims in Redis, shared by every process: the first caller of a key gets it, every later
 * caller is told it is taken. A double click on Details thus uploads the full text to the thread
 * once, however many app processes receive the clicks.
 */
import type { Redis } from 'ioredis';

export class ClaimStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(name: string): string {
    return `${this.prefix}:claim:${name}`;
  }

  /** True for the first caller of `name` (within `ttlSeconds`), false for every later one. */
  async claim(name: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.key(name), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  /** Gives `name` back, so that the next caller gets it (the claimed work failed). */
  async release(name: string): Promise<void> {
    await this.redis.del(this.key(name));
  }
}
