import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, isDecimalString, toIsoDate } from '../src/index.js';
import { parseJsonPreservingDecimals } from '../src/transport/parse-json.js';

/** Formats integer minor units at a scale as a plain decimal string, e.g. (1250n, 2) → "12.50". */
function formatMinor(minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Parses a canonical decimal back to minor units at a scale (exact, no floats). */
function toMinor(decimal: string, scale: number): bigint {
  const negative = decimal.startsWith('-');
  const [intPart = '0', fracPart = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const value = BigInt(intPart + fracPart.padEnd(scale, '0'));
  return negative ? -value : value;
}

describe('canonicalDecimal', () => {
  it.each([
    ['12.50', '12.5'],
    [12.5, '12.5'],
    ['30.00', '30'],
    ['012.5', '12.5'],
    ['+3', '3'],
    ['-0.00', '0'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['1.25e1', '12.5'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    ['12,50', '12.5'],
    ['1 234,5', '1234.5'],
    ['1\u00a0234.50', '1234.5'],
    ['  7 ', '7'],
  ] as Array<[string | number, string]>)('%j → %s', (input, expected) => {
    expect(canonicalDecimal(input)).toBe(expected);
  });

  it.each([
    '',
    'abc',
    '1.2.3',
    '1,2,3',
    '--1',
    'NaN',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '1e99999',
  ])('rejects %j', (input) => {
    expect(canonicalDecimal(input as string | number)).toBeUndefined();
  });

  it('round-trips integer minor units at any scale exactly (no floating point)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 8 }),
        (minor, scale) => {
          const canonical = canonicalDecimal(formatMinor(minor, scale));
          expect(canonical).toBeDefined();
          expect(toMinor(canonical!, scale)).toBe(minor);
          expect(isDecimalString(canonical!)).toBe(true);
        },
      ),
    );
  });

  it('is idempotent and ignores padding zeros', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        (minor, scale, trailing, leading) => {
          const plain = formatMinor(minor, scale);
          const sign = plain.startsWith('-') ? '-' : '';
          const unsigned = plain.replace('-', '');
          const padded = `${sign}${'0'.repeat(leading)}${unsigned}${scale === 0 && trailing > 0 ? '.' : ''}${'0'.repeat(trailing)}`;
          const canonical = canonicalDecimal(plain);
          expect(canonicalDecimal(padded)).toBe(canonical);
          expect(canonicalDecimal(canonical!)).toBe(canonical);
        },
      ),
    );
  });

  it('answers text that is canonical already like the full normalisation does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,8}(\.\d{0,5})?$/), (text) => {
        // The spaces force the full normalisation; the bare text may take the fast path.
        expect(canonicalDecimal(text)).toBe(canonicalDecimal(` ${text} `));
      }),
    );
    expect(canonicalDecimal('-0')).toBe('0');
    expect(canonicalDecimal('-0.50')).toBe('-0.5');
    expect(canonicalDecimal('007')).toBe('7');
  });

  it('a JSON number and its text agree, and the canonical text reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const canonical = canonicalDecimal(value);
        expect(canonical).toBeDefined();
        expect(Number(canonical)).toBe(value === 0 ? 0 : value);
        expect(canonicalDecimal(JSON.stringify(value))).toBe(canonical);
      }),
    );
  });
});

describe('parseJsonPreservingDecimals', () => {
  it('keeps numbers a double cannot hold as their source text', () => {
    expect(
      parseJsonPreservingDecimals(
        '{"a":12.50,"b":0.1000000000000000055511151231257827,"c":12345678901234567890,"d":[1,2.5]}',
      ),
    ).toEqual({
      a: 12.5,
      b: '0.1000000000000000055511151231257827',
      c: '12345678901234567890',
      d: [1, 2.5],
    });
  });

  it('reads exponents that overflow a double as their source text', () => {
    expect(parseJsonPreservingDecimals('[1e400, 2E+1, -1.5e-3]')).toEqual(['1e400', 20, -0.0015]);
  });

  it('answers like the reviver on every input (the reviver is skipped when no literal needs it)', () => {
    // The behaviour before the fast path: every number goes through the reviver.
    const reference = (text: string): unknown =>
      JSON.parse(text, ((_key: string, value: unknown, context?: { source?: string }) => {
        if (typeof value !== 'number' || context?.source === undefined) return value;
        if (context.source.length <= 15 && Number.isFinite(value)) return value;
        return canonicalDecimal(context.source) === canonicalDecimal(value)
          ? value
          : context.source;
      }) as (key: string, value: unknown) => unknown);
    const numberText = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.nat({ max: 30 }))
        .map(([digits, scale]) => formatMinor(digits, scale)),
      fc
        .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -400, max: 400 }))
        .map(([m, e]) => `${m}e${e}`),
    );
    const json: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        numberText,
        fc.string().map((s) => JSON.stringify(s)),
        fc.constantFrom(
          'true',
          'null',
          '"00000001-0000-4000-8000-000000000001"',
          '": 12345678901234567"',
        ),
        fc.array(tie('value'), { maxLength: 4 }).map((items) => `[ ${items.join(' ,\n')}]`),
        fc
          .array(fc.tuple(fc.string(), tie('value')), { maxLength: 4 })
          .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:\t${v}`).join(',')}}`),
      ),
    })).value;
    fc.assert(
      fc.property(json, (text) => {
        expect(parseJsonPreservingDecimals(text)).toStrictEqual(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('toIsoDate', () => {
  it.each([
    ['31.12.2025', '2025-12-31'],
    ['1.3.2025', '2025-03-01'],
    ['01.03.2025 0:00:00', '2025-03-01'],
    ['2023-12-31T00:00:00', '2023-12-31'],
    ['01.01.0001', undefined],
    ['0001-01-01T00:00:00', undefined],
    ['31.02.2025', undefined],
    ['soon', undefined],
  ])('%s → %s', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });
});
