import { readFileSync } from 'node:fs';
import { configEnvironmentVariables } from '@balance-sync/adapters/runtime';
import { describe, expect, it } from 'vitest';
import { renderConfigurationDocs } from '../../src/runtime/config/render-configuration-docs.js';

describe('docs/configuration.md', () => {
  const checkedIn = readFileSync(
    new URL('../../../../docs/configuration.md', import.meta.url),
    'utf8',
  );

  it('is current (run `pnpm exec tsx --conditions=@balance-sync/source scripts/generate-config-docs.ts`)', () => {
    expect(checkedIn).toBe(renderConfigurationDocs());
  });

  it('documents every environment variable', () => {
    for (const variable of configEnvironmentVariables()) {
      expect(checkedIn).toContain(`\`${variable.alias ?? variable.name}\``);
    }
  });
});
