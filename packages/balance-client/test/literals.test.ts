import { describe, expect, it } from 'vitest';
import {
  DiscountCondition,
  LegalForm,
  SaleOperationType,
  SalesCreditOperationType,
  VatRate,
  VatTaxable,
  VatType,
} from '../src/index.js';

const all = {
  DiscountCondition,
  LegalForm,
  SaleOperationType,
  SalesCreditOperationType,
  VatRate,
  VatTaxable,
  VatType,
};

describe('Georgian literals', () => {
  const literals = Object.entries(all).flatMap(([name, values]) =>
    Object.entries(values).map(([key, value]) => [`${name}.${key}`, value] as const),
  );

  it.each(literals)(
    '%s is Georgian script with single inner spaces or hyphens only',
    (_name, value) => {
      expect(value).toMatch(/^[\u10D0-\u10FF]+(?:[ -][\u10D0-\u10FF]+)*$/);
      expect(value.normalize('NFC')).toBe(value);
    },
  );

  it('spells "compensation" with პ (a typo with ფ exists in third-party code)', () => {
    for (const value of [...Object.values(SaleOperationType)]) {
      expect(value).toContain('კომპენსაცი');
      expect(value).not.toContain('კომფენსაცი');
    }
  });

  it('has the three SalesCredit operation types and 15 literals in total', () => {
    expect(Object.keys(SalesCreditOperationType)).toHaveLength(3);
    expect(literals).toHaveLength(15);
    expect(new Set(literals.map(([, value]) => value)).size).toBe(15);
  });
});
