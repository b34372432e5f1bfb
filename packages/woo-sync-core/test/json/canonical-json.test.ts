// The one canonical-JSON writer: the same text as both writers it replaced for every value
// they accepted, and the strictness of the ledger's writer everywhere.
import { createHash } from 'node:crypto';
import {
  CanonicalHasher,
  canonicalHash,
  canonicalJson,
  canonicalPayloadJson,
  payloadHash,
} from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previousCatalogJson, previousPayloadJson } from './support/previous-writers.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON-like data as the planner and the builders make it, `undefined` members included. */
const { data } = fc.letrec<{ data: unknown; leaf: unknown }>((tie) => ({
  leaf: fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  ),
  data: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('data'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('data'), { maxKeys: 6 }),
  ),
}));

describe('canonicalJson', () => {
  it('writes what both previous writers wrote, for every value they accepted', () => {
    fc.assert(
      fc.property(data, (value) => {
        const text = canonicalJson(value ?? null);
        expect(text).toBe(previousCatalogJson(value ?? null));
        expect(text).toBe(previousPayloadJson(value ?? null));
      }),
      { numRuns: 2000 },
    );
  });

  it('is JSON with the same content as JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by UTF-16 code units at every level, whatever order they were built in', () => {
    expect(canonicalJson({ b: { y: 1, X: 2 }, a: [{ d: 1, c: 2 }], 10: 'x', 9: 'y' })).toBe(
      '{"10":"x","9":"y","a":[{"c":2,"d":1}],"b":{"X":2,"y":1}}',
    );
  });

  it('writes holes of sparse arrays as null (the ledger writer wrote invalid JSON)', () => {
    const sparse: unknown[] = [];
    sparse[1] = 'x';
    sparse[3] = undefined;
    sparse.length = 5;
    expect(canonicalJson(sparse)).toBe('[null,"x",null,null,null]');
    expect(canonicalPayloadJson({ lines: sparse })).toBe('{"lines":[null,"x",null,null,null]}');
    expect(payloadHash({ lines: sparse })).toBe(sha256('{"lines":[null,"x",null,null,null]}'));
  });

  it('honours toJSON (with the member key), like JSON.stringify', () => {
    const keys: string[] = [];
    const money = {
      minor: 1250,
      toJSON(key: string) {
        keys.push(key);
        return '12.50';
      },
    };
    const value = { at: new Date(Date.UTC(2026, 0, 1)), total: money, lines: [money] };
    expect(canonicalJson(value)).toBe(
      '{"at":"2026-01-01T00:00:00.000Z","lines":["12.50"],"total":"12.50"}',
    );
    expect(keys).toEqual(['0', 'total']);
    expect(canonicalJson(value)).toBe(
      JSON.stringify({ at: value.at, lines: ['12.50'], total: '12.50' }),
    );
    const nothing = { toJSON: () => undefined };
    expect(canonicalJson({ a: nothing, b: [nothing] })).toBe('{"b":[null]}');
  });

  it('leaves out undefined, function and symbol members; writes them as null in arrays', () => {
    const hidden = Symbol('hidden');
    const value = {
      a: undefined,
      b: () => 1,
      c: Symbol('c'),
      [hidden]: 'never',
      d: [undefined, () => 1, Symbol('d')],
      e: 1,
    };
    expect(canonicalJson(value)).toBe('{"d":[null,null,null],"e":1}');
    expect(canonicalJson(value)).toBe(JSON.stringify({ d: value.d, e: 1 }));
  });

  it('throws a TypeError naming the path for values without a JSON form', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.NaN }] })).toThrow(
      new TypeError('$.a[1].b: NaN has no JSON form'),
    );
    expect(() => canonicalJson({ total: Number.POSITIVE_INFINITY })).toThrow(
      new TypeError('$.total: Infinity has no JSON form'),
    );
    expect(() => canonicalJson([Number.NEGATIVE_INFINITY])).toThrow(
      new TypeError('$[0]: -Infinity has no JSON form'),
    );
    expect(() => canonicalJson({ quantity: 10n })).toThrow(
      new TypeError('$.quantity: a bigint (format it as a string first) has no JSON form'),
    );
    expect(() => canonicalJson(undefined)).toThrow(new TypeError('$: undefined has no JSON form'));
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(Symbol('x'))).toThrow(TypeError);
    expect(() => canonicalJson({ toJSON: () => undefined })).toThrow(TypeError);
  });

  it('lets errors of toJSON through as they are', () => {
    const failing = {
      toJSON() {
        throw new RangeError('not today');
      },
    };
    expect(() => canonicalJson({ a: failing })).toThrow(new RangeError('not today'));
  });

  it('is the text of both hash definitions: payloadHash = SHA-256(text), canonicalHash = SHA-256(text + "\\n")', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(payloadHash(value)).toBe(sha256(text));
        expect(canonicalHash(value)).toBe(sha256(`${text}\n`));
        expect(new CanonicalHasher().add(value).add(value).digest()).toBe(
          sha256(`${text}\n${text}\n`),
        );
      }),
      { numRuns: 200 },
    );
  });
});
