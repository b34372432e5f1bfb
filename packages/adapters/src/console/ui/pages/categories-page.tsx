import { useEffect, useMemo, useState } from 'preact/hooks';
import { categoryChoiceOf, mergeCategoryChoices } from '../../category-choices.js';
import type { ApiClient } from '../api.js';
import type {
  CategoriesAnswer,
  CategoryChoice,
  CategoryChoices,
  SavedCategoryChoices,
  StoreCategories,
  StoreInfo,
} from '../api-types.js';
import { Badge } from '../components/badge.js';
import { ErrorBanner } from '../components/error-banner.js';
import { useI18n } from '../i18n/i18n.js';
import { useRequest } from '../use-request.js';

type Group = CategoriesAnswer['groups'][number];
type WooCategory = CategoriesAnswer['wooCategories'][number];

/** Items of a tree in display order (depth first, by name), with their depth. */
function flattenTree<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  parentOf: (item: T) => string | null,
  nameOf: (item: T) => string,
): { item: T; depth: number }[] {
  const ids = new Set(items.map(idOf));
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = parentOf(item);
    const key = parent !== null && ids.has(parent) ? parent : null;
    children.set(key, [...(children.get(key) ?? []), item]);
  }
  const out: { item: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) =>
      nameOf(a).localeCompare(nameOf(b)),
    );
    for (const item of list) {
      const id = idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ item, depth });
      walk(id, depth + 1);
    }
  };
  walk(null, 0);
  // Groups whose parents loop (A → B → A in Balance) are reached from no root: list them
  // at the top so they can still be mapped.
  for (const item of [...items].sort((a, b) => nameOf(a).localeCompare(nameOf(b)))) {
    const id = idOf(item);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ item, depth: 0 });
    walk(id, 1);
  }
  return out;
}

function sameChoices(a: CategoryChoices, b: CategoryChoices): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const toValue = (choice: CategoryChoice) => String(choice);
const fromValue = (value: string): CategoryChoice =>
  value === 'create' || value === 'exclude' || value === 'none' ? value : Number(value);

/** The select of one group: not mapped, create, exclude, or an existing category. */
function ChoiceSelect({
  group,
  value,
  categories,
  onChoose,
}: {
  group: Group;
  value: CategoryChoice;
  categories: { item: WooCategory; depth: number }[];
  onChoose: (choice: CategoryChoice) => void;
}) {
  const { t } = useI18n();
  const known = typeof value !== 'number' || categories.some((c) => c.item.id === value);
  return (
    <select
      aria-label={t('categories.choiceFor', { group: group.name })}
      value={toValue(value)}
      onChange={(event) => onChoose(fromValue(event.currentTarget.value))}
    >
      <option value="none">{t('categories.choice.none')}</option>
      <option value="create">{t('categories.choice.create')}</option>
      <option value="exclude">{t('categories.choice.exclude')}</option>
      <optgroup label={t('categories.choice.existing')}>
        {categories.map(({ item, depth }) => (
          <option key={item.id} value={String(item.id)}>
            {`${'· '.repeat(depth)}${item.name} (#${item.id})`}
          </option>
        ))}
        {known ? null : (
          <option value={toValue(value)}>{t('categories.missingCategory', { id: value })}</option>
        )}
      </optgroup>
    </select>
  );
}

/** What the row of a group says about where its products go. */
function GroupStatus({
  group,
  effective,
  excludedAncestor,
  changed,
  fromConfig,
  remembered,
  wooById,
  createCategories,
}: {
  group: Group;
  effective: CategoryChoice;
  excludedAncestor: string | undefined;
  changed: boolean;
  fromConfig: boolean;
  remembered: CategoriesAnswer['remembered'][number] | undefined;
  wooById: Map<number, WooCategory>;
  createCategories: boolean;
}) {
  const { t } = useI18n();
  let text: string;
  if (excludedAncestor && effective !== 'exclude') {
    text = t('categories.status.excludedByParent', { group: excludedAncestor });
  } else if (effective === 'exclude') {
    text = t('categories.status.excluded');
  } else if (effective === 'create') {
    text = t('categories.status.create');
  } else if (typeof effective === 'number') {
    const category = wooById.get(effective);
    text = category
      ? t('categories.status.mapped', { name: category.name, id: effective })
      : t('categories.status.missing', { id: effective });
  } else if (remembered && wooById.has(remembered.wooCategoryId)) {
    text = t('categories.status.remembered', {
      name: wooById.get(remembered.wooCategoryId)?.name ?? '',
      id: remembered.wooCategoryId,
    });
  } else if (createCategories && group.items > 0) {
    text = t('categories.status.auto');
  } else {
    text = t('categories.status.none');
  }
  return (
    <>
      <span>{text}</span>{' '}
      {changed ? (
        <Badge tone="info">{t('categories.source.changed')}</Badge>
      ) : fromConfig ? (
        <Badge tone="muted">{t('categories.source.config')}</Badge>
      ) : null}
    </>
  );
}

/**
 * Categories: Balance groups as a tree beside the store's categories. Each group can be
 * mapped to a category, created, excluded or left alone; the choices are saved to the
 * store's settings and merged over the configuration file.
 */
export function CategoriesPage({ api, store }: { api: ApiClient; store: StoreInfo }) {
  const { t } = useI18n();
  const load = useRequest<CategoriesAnswer>();
  const save = useRequest<{ saved: SavedCategoryChoices; effective: StoreCategories }>();
  const [choices, setChoices] = useState<CategoryChoices>({});
  const [justSaved, setJustSaved] = useState(false);
  const path = `console/api/stores/${encodeURIComponent(store.id)}/categories`;

  const reload = async () => {
    const answer = await load.run(() => api.get<CategoriesAnswer>(path));
    if (answer) setChoices(answer.saved?.groups ?? {});
  };
  useEffect(() => {
    void reload();
  }, []);

  const data = load.data;
  const view = useMemo(() => {
    if (!data) return undefined;
    const groups = flattenTree(
      data.groups,
      (g) => g.uid,
      (g) => g.parent,
      (g) => g.name,
    );
    const categories = flattenTree(
      data.wooCategories,
      (c) => String(c.id),
      (c) => (c.parentId === 0 ? null : String(c.parentId)),
      (c) => c.name,
    );
    return {
      groups,
      categories,
      byUid: new Map(data.groups.map((g) => [g.uid, g])),
      wooById: new Map(data.wooCategories.map((c) => [c.id, c])),
      remembered: new Map(data.remembered.map((m) => [m.groupUid, m])),
    };
  }, [data]);

  if (!data || !view) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('categories.title')}</h1>
        <ErrorBanner error={load.error} />
        {load.busy ? <p role="status">{t('common.loading')}</p> : null}
      </section>
    );
  }

  const effective = mergeCategoryChoices(data.configured, choices);
  const excluded = new Set(effective.excludedGroups.map((g) => g.toLowerCase()));
  const excludedAncestorOf = (group: Group): string | undefined => {
    let parent = group.parent;
    const seen = new Set<string>();
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      if (excluded.has(parent.toLowerCase())) return view.byUid.get(parent)?.name ?? parent;
      parent = view.byUid.get(parent)?.parent ?? null;
    }
    return undefined;
  };
  const dirty = !sameChoices(choices, data.saved?.groups ?? {});
  const choose = (uid: string, choice: CategoryChoice) => {
    setJustSaved(false);
    setChoices((previous) => {
      const next = { ...previous };
      if (choice === categoryChoiceOf(data.configured, uid)) delete next[uid];
      else next[uid] = choice;
      return next;
    });
  };
  const submit = async () => {
    const answer = await save.run(() => api.put(path, { groups: choices }));
    if (answer) {
      load.setData({ ...data, saved: answer.saved, effective: answer.effective });
      setJustSaved(true);
    }
  };
  const groupsByCategory = new Map<number, string[]>();
  for (const { item } of view.groups) {
    const choice = categoryChoiceOf(effective, item.uid);
    const id =
      typeof choice === 'number'
        ? choice
        : choice === 'none'
          ? view.remembered.get(item.uid)?.wooCategoryId
          : undefined;
    if (id !== undefined)
      groupsByCategory.set(id, [...(groupsByCategory.get(id) ?? []), item.name]);
  }

  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('categories.title')}</h1>
        <div class="actions">
          <button type="button" class="secondary" onClick={reload} disabled={load.busy}>
            {t('common.refresh')}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => setChoices(data.saved?.groups ?? {})}
            disabled={!dirty}
          >
            {t('categories.undo')}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setJustSaved(false);
              setChoices({});
            }}
            disabled={Object.keys(choices).length === 0}
          >
            {t('categories.resetToConfig')}
          </button>
          <button type="button" onClick={submit} disabled={!dirty || save.busy}>
            {save.busy ? t('common.saving') : t('categories.save')}
          </button>
        </div>
      </div>
      <p class="lead">{t('categories.intro')}</p>
      <ErrorBanner error={load.error ?? save.error} />
      {justSaved && !dirty ? (
        <p class="notice notice-ok" role="status">
          {t('categories.saved')}
        </p>
      ) : dirty ? (
        <p class="notice notice-info" role="status">
          {t('categories.unsaved', { count: Object.keys(choices).length })}
        </p>
      ) : null}
      <div class="columns columns-wide-left">
        <section class="card" aria-labelledby="groups-heading">
          <h2 id="groups-heading">{t('categories.balanceGroups')}</h2>
          <table class="tree-table">
            <thead>
              <tr>
                <th scope="col">{t('categories.col.group')}</th>
                <th scope="col" class="num">
                  {t('categories.col.items')}
                </th>
                <th scope="col">{t('categories.col.choice')}</th>
                <th scope="col">{t('categories.col.result')}</th>
              </tr>
            </thead>
            <tbody>
              {view.groups.map(({ item, depth }) => {
                const choice = categoryChoiceOf(effective, item.uid);
                return (
                  <tr key={item.uid} data-group={item.uid}>
                    <th scope="row">
                      <span class="tree-name" style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                        {item.name}
                      </span>
                    </th>
                    <td class="num">{item.items}</td>
                    <td>
                      <ChoiceSelect
                        group={item}
                        value={choice}
                        categories={view.categories}
                        onChoose={(next) => choose(item.uid, next)}
                      />
                    </td>
                    <td>
                      <GroupStatus
                        group={item}
                        effective={choice}
                        excludedAncestor={excludedAncestorOf(item)}
                        changed={item.uid in choices}
                        fromConfig={categoryChoiceOf(data.configured, item.uid) !== 'none'}
                        remembered={view.remembered.get(item.uid)}
                        wooById={view.wooById}
                        createCategories={data.createCategories}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {view.groups.length === 0 ? <p>{t('categories.noGroups')}</p> : null}
        </section>
        <section class="card" aria-labelledby="woo-categories-heading">
          <h2 id="woo-categories-heading">{t('categories.wooCategories')}</h2>
          {view.categories.length === 0 ? (
            <p>{t('categories.noWooCategories')}</p>
          ) : (
            <ul class="tree-list">
              {view.categories.map(({ item, depth }) => (
                <li key={item.id} style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                  <span>{item.name}</span> <span class="muted">#{item.id}</span>
                  {groupsByCategory.has(item.id) ? (
                    <span class="mapped-from">
                      {' ← '}
                      {groupsByCategory.get(item.id)?.join(', ')}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}
