import {
  isUuid,
  PROJECT_UUID_NAMESPACE,
  UUID_NAMESPACE_DNS,
  UUID_NAMESPACE_URL,
  uuidV5,
} from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('uuidV5 (RFC 9562 §5.5)', () => {
  it('matches the RFC 9562 Appendix A.4 example', () => {
    expect(uuidV5(UUID_NAMESPACE_DNS, 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('matches other implementations (Python uuid.uuid5), including UTF-8 names', () => {
    expect(uuidV5(UUID_NAMESPACE_DNS, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5(UUID_NAMESPACE_URL, 'ჩურჩხელა')).toBe('a2f6cbca-a53a-50c6-9dbb-6773f6a726a6');
  });

  it('derives the project namespace from the project URL', () => {
    expect(uuidV5(UUID_NAMESPACE_URL, 'https://github.com/balance-sync/balance-sync')).toBe(
      PROJECT_UUID_NAMESPACE,
    );
  });

  it('accepts an upper-case namespace and always answers in lower case', () => {
    expect(uuidV5(UUID_NAMESPACE_DNS.toUpperCase(), 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('sets version 5 and the RFC variant, and is deterministic', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ unit: 'binary' }), (namespace, name) => {
        const uid = uuidV5(namespace, name);
        expect(uid).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(uuidV5(namespace, name)).toBe(uid);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives different uids to different names', () => {
    const uids = new Set(
      Array.from({ length: 2000 }, (_, i) => uuidV5(PROJECT_UUID_NAMESPACE, `sale:${i}`)),
    );
    expect(uids.size).toBe(2000);
  });

  it('throws for a namespace that is not a UUID (programmer error)', () => {
    expect(() => uuidV5('main', 'sale:1')).toThrow(TypeError);
    expect(isUuid('2ed6657d-e927-568b-95e1-2665a8aea6a2')).toBe(true);
    expect(isUuid('2ed6657d-e927-568b-95e1')).toBe(false);
  });
});
