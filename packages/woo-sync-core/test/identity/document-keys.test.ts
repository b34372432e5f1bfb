import {
  clientKey,
  creditKey,
  documentUid,
  PROJECT_UUID_NAMESPACE,
  returnKey,
  saleKey,
  storeNamespace,
  uuidV5,
} from '@balance-sync/woo-sync-core';
import { describe, expect, it } from 'vitest';

describe('store namespace', () => {
  it('is UUIDv5 of the project namespace and the store id', () => {
    expect(storeNamespace({ id: 'tbilisi-tea' })).toBe('6b0aae59-189c-5638-be69-5f043d68a1e2');
    expect(storeNamespace({ id: 'tbilisi-tea' })).toBe(
      uuidV5(PROJECT_UUID_NAMESPACE, 'tbilisi-tea'),
    );
  });

  it('differs between stores', () => {
    expect(storeNamespace({ id: 'batumi' })).not.toBe(storeNamespace({ id: 'tbilisi-tea' }));
  });

  it('uses the configured documentNamespace instead, e.g. after the store id changed', () => {
    const pinned = '6B0AAE59-189C-5638-BE69-5F043D68A1E2';
    expect(storeNamespace({ id: 'renamed-store', documentNamespace: pinned })).toBe(
      '6b0aae59-189c-5638-be69-5f043d68a1e2',
    );
    expect(storeNamespace({ id: 'renamed-store', documentNamespace: undefined })).toBe(
      uuidV5(PROJECT_UUID_NAMESPACE, 'renamed-store'),
    );
  });
});

describe('document keys and uids', () => {
  it('spells the keys the ledger uses', () => {
    expect(saleKey(1234)).toBe('sale:1234');
    expect(creditKey(2001)).toBe('credit:2001');
    expect(returnKey(1234, ' rma-7 ')).toBe('return:1234:rma-7');
    expect(clientKey('010 0101 2345')).toBe('client:01001012345');
  });

  it('gives each document a fixed uid (Python uuid.uuid5 agrees)', () => {
    const namespace = storeNamespace({ id: 'tbilisi-tea' });
    expect(documentUid(namespace, saleKey(1234))).toBe('4cd69fd2-f9e7-5cd6-9650-5ce38fe30454');
    expect(documentUid(namespace, creditKey(2001))).toBe('bc0cf3cb-9f9d-5612-8be2-48c395184d8c');
    expect(documentUid(namespace, clientKey('01001012345'))).toBe(
      '5b18d1f4-4cda-56ef-8c4e-53f623d2b271',
    );
  });

  it('refuses ids that cannot identify a document (programmer errors)', () => {
    expect(() => saleKey(0)).toThrow(RangeError);
    expect(() => saleKey(12.5)).toThrow(RangeError);
    expect(() => creditKey(-3)).toThrow(RangeError);
    expect(() => returnKey(1, '  ')).toThrow(RangeError);
    expect(() => clientKey('')).toThrow(RangeError);
  });
});
