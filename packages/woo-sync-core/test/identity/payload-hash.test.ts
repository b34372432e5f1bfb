import { canonicalPayloadJson, payloadHash } from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('canonical payload JSON and hash', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalPayloadJson({ uid: 'x', Items: [{ Quantity: '3', Amount: '10.00' }] })).toBe(
      '{"Items":[{"Amount":"10.00","Quantity":"3"}],"uid":"x"}',
    );
  });

  it('is SHA-256 of that text (independent vectors from Python hashlib)', () => {
    expect(payloadHash({ uid: 'x', Items: [{ Quantity: '3', Amount: '10.00' }] })).toBe(
      'd4a69a6105a21aee75e4184df721e44d34d8bafd0dac4330f54f09f16b8069aa',
    );
    expect(payloadHash({ b: [1, true, null], a: 'ნინო' })).toBe(
      '52699dfea5223ef7d2a6921ec3876bff5d5de6807f974ed17349b5249d337d07',
    );
  });

  it('leaves undefined members out, like JSON.stringify', () => {
    expect(canonicalPayloadJson({ a: 1, b: undefined, c: [undefined] })).toBe('{"a":1,"c":[null]}');
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(payloadHash(reversed)).toBe(payloadHash(record));
        expect(JSON.parse(canonicalPayloadJson(record))).toEqual(
          JSON.parse(JSON.stringify(record)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('changes when any amount changes', () => {
    expect(payloadHash({ Amount: '10.00' })).not.toBe(payloadHash({ Amount: '10.01' }));
  });

  it('throws for values without a JSON form (programmer errors)', () => {
    expect(() => canonicalPayloadJson({ a: 1n })).toThrow(TypeError);
    expect(() => canonicalPayloadJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalPayloadJson(undefined)).toThrow(TypeError);
  });
});
