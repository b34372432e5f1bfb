// How the operator's category choices combine with the configuration file.
import { describe, expect, it } from 'vitest';
import {
  categoryChoiceOf,
  mergeCategoryChoices,
  parseCategoryChoices,
  type StoreCategories,
} from '../../src/console/category-choices.js';

const COFFEE = 'aaaaaaaa-0000-4000-8000-000000000001';
const TEA = 'aaaaaaaa-0000-4000-8000-000000000002';
const SWEETS = 'aaaaaaaa-0000-4000-8000-000000000003';
const EXPENSES = 'aaaaaaaa-0000-4000-8000-000000000004';

const configured: StoreCategories = {
  mapping: { [COFFEE]: 17, [TEA]: 'create' },
  excludedGroups: [EXPENSES],
};

describe('category choices', () => {
  it('without choices, are the configuration (a copy)', () => {
    const merged = mergeCategoryChoices(configured, undefined);
    expect(merged).toEqual(configured);
    merged.excludedGroups.push(SWEETS);
    expect(configured.excludedGroups).toEqual([EXPENSES]);
  });

  it('replace what the configuration says for the chosen groups only', () => {
    const merged = mergeCategoryChoices(configured, {
      [COFFEE]: 'exclude',
      [SWEETS]: 'create',
      [EXPENSES]: 42,
    });
    expect(merged).toEqual({
      mapping: { [TEA]: 'create', [SWEETS]: 'create', [EXPENSES]: 42 },
      excludedGroups: [COFFEE],
    });
  });

  it('"none" removes a configured mapping or exclusion, whatever the case of the uid', () => {
    const merged = mergeCategoryChoices(configured, {
      [TEA.toUpperCase()]: 'none',
      [EXPENSES]: 'none',
    });
    expect(merged).toEqual({ mapping: { [COFFEE]: 17 }, excludedGroups: [] });
  });

  it('tell what a group itself is set to', () => {
    expect(categoryChoiceOf(configured, COFFEE)).toBe(17);
    expect(categoryChoiceOf(configured, TEA.toUpperCase())).toBe('create');
    expect(categoryChoiceOf(configured, EXPENSES)).toBe('exclude');
    expect(categoryChoiceOf(configured, SWEETS)).toBe('none');
  });

  it('accept ids, create, exclude and none for group uids, and nothing else', () => {
    expect(parseCategoryChoices({ [COFFEE]: 3, [TEA]: 'none' })).toEqual({
      ok: true,
      groups: { [COFFEE]: 3, [TEA]: 'none' },
    });
    const bad = parseCategoryChoices({
      [COFFEE]: 0,
      [TEA]: 1.5,
      [SWEETS]: 'delete',
      coffee: 'create',
    });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.issues.map((i) => i.group)).toEqual([COFFEE, TEA, SWEETS, 'coffee']);
    expect(parseCategoryChoices([]).ok).toBe(false);
    expect(parseCategoryChoices(null).ok).toBe(false);
  });
});
