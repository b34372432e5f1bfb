import { placeholder } from '@balance-sync/balance-client';
import { expect, it } from 'vitest';

it('resolves workspace packages from source', () => {
  expect(placeholder).toBe(true);
});
