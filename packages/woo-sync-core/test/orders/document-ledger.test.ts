import {
  canTransition,
  type DocumentDraft,
  DocumentLedger,
  LEDGER_TRANSITIONS,
  type LedgerState,
} from '@balance-sync/woo-sync-core';
import { InMemorySyncStore, ManualClock } from '@balance-sync/woo-sync-core/testing';
import { describe, expect, it } from 'vitest';

const draft: DocumentDraft = {
  storeId: 'main',
  key: 'sale:1042',
  uid: '3f1f6b0c-5d7e-5a4c-9b1e-2b0d4c6e8a10',
  kind: 'sale',
  orderId: 1042,
  refundId: null,
  template: 'Sale',
  payload: { uid: '3f1f6b0c-5d7e-5a4c-9b1e-2b0d4c6e8a10', Items: [] },
  payloadHash: 'hash-1',
  totalMinor: 4250,
  currency: 'GEL',
};
const error = {
  code: 'balance_unavailable',
  message: 'down',
  messages: [],
  at: '2026-03-02T08:00:00Z',
};

describe('the ledger state machine', () => {
  it('never sends an exported document again', () => {
    expect(canTransition('exported', 'send')).toBe(false);
    expect(LEDGER_TRANSITIONS.send.from).toEqual(['pending', 'sent', 'failed', 'dead']);
    const reachable = (
      Object.keys(LEDGER_TRANSITIONS) as (keyof typeof LEDGER_TRANSITIONS)[]
    ).filter((transition) => canTransition('exported', transition));
    expect(reachable.sort()).toEqual(['note-drift', 'reopen']);
  });

  it('confirms only a sent document, and reopens only failed, dead or exported ones', () => {
    const states: LedgerState[] = ['pending', 'sent', 'exported', 'failed', 'dead'];
    expect(states.filter((state) => canTransition(state, 'confirm'))).toEqual(['sent']);
    expect(states.filter((state) => canTransition(state, 'reopen'))).toEqual([
      'exported',
      'failed',
      'dead',
    ]);
  });
});

describe('DocumentLedger', () => {
  const ledger = () =>
    new DocumentLedger(new InMemorySyncStore(), new ManualClock('2026-03-02T08:00:00Z'));

  it('records once: a second record returns the stored row', async () => {
    const l = ledger();
    const first = await l.record(draft);
    const second = await l.record({ ...draft, payloadHash: 'hash-2' });
    expect(first).toMatchObject({
      inserted: true,
      entry: { state: 'pending', attempts: 0, version: 1 },
    });
    expect(second).toMatchObject({ inserted: false, entry: { payloadHash: 'hash-1' } });
  });

  it('walks pending → sent → exported, counting attempts and taking the latest payload on send', async () => {
    const l = ledger();
    const { entry } = await l.record(draft);
    const sent = await l.send(entry, { ...draft, payloadHash: 'hash-2', totalMinor: 4300 });
    expect(sent).toMatchObject({
      state: 'sent',
      attempts: 1,
      payloadHash: 'hash-2',
      totalMinor: 4300,
    });
    const exported = await l.confirm(sent ?? entry);
    expect(exported).toMatchObject({
      state: 'exported',
      lastError: null,
      exportedAt: '2026-03-02T08:00:00.000Z',
    });
    expect(await l.send(exported ?? entry, draft)).toBeUndefined();
  });

  it('lets exactly one of two concurrent writers move a row (compare-and-set)', async () => {
    const l = ledger();
    const { entry } = await l.record(draft);
    const [a, b] = await Promise.all([l.send(entry, draft), l.send(entry, draft)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await l.get('main', draft.key)).toMatchObject({
      state: 'sent',
      attempts: 1,
      version: 2,
    });
  });

  it('records transient errors without changing the state, and gives up to dead', async () => {
    const l = ledger();
    const { entry } = await l.record(draft);
    const sent = await l.send(entry, draft);
    const noted = await l.noteRetry(sent ?? entry, error);
    expect(noted).toMatchObject({ state: 'sent', lastError: error });
    const dead = await l.giveUp(noted ?? entry, error);
    expect(dead).toMatchObject({ state: 'dead' });
    const reopened = await l.reopen(dead ?? entry);
    expect(reopened).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('inserts a document that could not be built as failed, with the error', async () => {
    const l = ledger();
    const failed = await l.record(
      { ...draft, payload: null, payloadHash: '' },
      { ...error, code: 'unmapped_line' },
    );
    expect(failed.entry).toMatchObject({
      state: 'failed',
      payload: null,
      lastError: { code: 'unmapped_line' },
    });
  });
});
