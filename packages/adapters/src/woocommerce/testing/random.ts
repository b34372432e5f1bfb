/**
 * Deterministic randomness for the simulator (keys, order keys, secrets, delivery ids, seeded
 * catalog data, probabilistic faults). Same seed → same store.
 *
 * Internal module.
 */
import { createHash } from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SPECIAL = '!@#$%^&*()';
const EXTRA_SPECIAL = '-_ []{}<>~`+=,.;:/?|';

/** A seeded pseudo-random generator (sfc32). */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    const h = createHash('sha256').update(String(seed)).digest();
    this.a = h.readUInt32LE(0);
    this.b = h.readUInt32LE(4);
    this.c = h.readUInt32LE(8);
    this.d = h.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** `length` lowercase hex characters. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** `wp_generate_password($length, $special, $extraSpecial)`. */
  password(length: number, special = true, extraSpecial = false): string {
    const chars = ALNUM + (special ? SPECIAL : '') + (extraSpecial ? EXTRA_SPECIAL : '');
    let out = '';
    for (let i = 0; i < length; i++) out += chars.charAt(this.int(0, chars.length - 1));
    return out;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick() from an empty array');
    return item;
  }
}
