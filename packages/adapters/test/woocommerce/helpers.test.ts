import { parseRetryAfter } from '@balance-sync/balance-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../src/woocommerce/http/lenient-json.js';
import { rfc3986 } from '../../src/woocommerce/http/query-string.js';
import { chunkByUrlLength } from '../../src/woocommerce/resources/chunk-by-url-length.js';
import { gmtToUtc, utcToGmt } from '../../src/woocommerce/schemas/wire-primitives.js';

describe('chunkByUrlLength', () => {
  it('keeps every value once, in order, each chunk within the budget and the count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), { maxLength: 300 }),
        fc.integer({ min: 200, max: 1500 }),
        fc.integer({ min: 1, max: 100 }),
        (values, budget, maxCount) => {
          const chunks = chunkByUrlLength(values, budget, maxCount);
          expect(chunks.flat().sort()).toEqual([...values].sort());
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.length).toBeLessThanOrEqual(maxCount);
            if (chunk.some((value) => value.includes(','))) expect(chunk).toHaveLength(1);
            const encoded = chunk.map(rfc3986).join('%2C').length;
            if (chunk.length > 1) expect(encoded).toBeLessThanOrEqual(budget);
          }
        },
      ),
    );
  });
});

describe('parseLenientJson', () => {
  it('parses clean JSON with no junk and refuses empty or HTML bodies', () => {
    expect(parseLenientJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 }, leadingJunk: '' });
    expect(parseLenientJson('\uFEFF[1]')).toEqual({ ok: true, value: [1], leadingJunk: '' });
    expect(parseLenientJson('')).toEqual({ ok: false });
    expect(parseLenientJson('<html><body>oops</body></html>')).toEqual({ ok: false });
  });

  it('skips any notice text before the JSON', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (junk, value) => {
        fc.pre(typeof value === 'object' && value !== null);
        const result = parseLenientJson(`${junk.replace(/[{[]/g, '')}\n${JSON.stringify(value)}`);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('dates', () => {
  it('reads naive _gmt dates as UTC and writes them back naive', () => {
    expect(gmtToUtc('2026-11-27T08:00:00')).toBe('2026-11-27T08:00:00Z');
    expect(gmtToUtc('2026-11-27 08:00:00')).toBe('2026-11-27T08:00:00Z');
    expect(gmtToUtc('2026-11-27T12:00:00+04:00')).toBe('2026-11-27T08:00:00Z');
    expect(utcToGmt('2026-11-27T08:00:00Z')).toBe('2026-11-27T08:00:00');
    expect(utcToGmt('2026-11-27T12:00:00+04:00')).toBe('2026-11-27T08:00:00');
    expect(() => utcToGmt('soon')).toThrow(RangeError);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, never negative', () => {
    const now = Date.parse('2026-11-27T08:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 08:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
