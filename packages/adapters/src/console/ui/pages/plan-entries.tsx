import { useMemo, useState } from 'preact/hooks';
import type {
  CatalogEntryKind,
  CatalogPlanData,
  CatalogPlanEntry,
  CatalogReason,
} from '../api-types.js';
import { Badge, type Tone } from '../components/badge.js';
import { PAGE_SIZE, Pager } from '../components/pager.js';
import { formatValue } from '../format.js';
import { useI18n } from '../i18n/i18n.js';

/** Conflicts first: they need a person; then what the import writes; then what it leaves. */
export const KIND_ORDER: readonly CatalogEntryKind[] = [
  'conflict',
  'create',
  'adopt',
  'update',
  'skip',
  'unchanged',
];

export const KIND_TONE: Record<CatalogEntryKind, Tone> = {
  conflict: 'bad',
  create: 'ok',
  adopt: 'info',
  update: 'info',
  skip: 'warn',
  unchanged: 'muted',
};

function EntryDetails({ entry }: { entry: CatalogPlanEntry }) {
  const { t } = useI18n();
  return (
    <>
      {entry.detail ? <p class="server-text">{entry.detail}</p> : null}
      {entry.changes?.length ? (
        <ul class="changes">
          {entry.changes.map((change) => (
            <li key={change.field}>
              {t(`field.${change.field}`)}: {formatValue(change.from)} → {formatValue(change.to)}
            </li>
          ))}
        </ul>
      ) : null}
      {entry.conflicts?.length ? (
        <ul class="changes">
          {entry.conflicts.map((conflict) => (
            <li key={conflict.field}>
              {t('import.keptField', {
                field: t(`field.${conflict.field}`),
                store: formatValue(conflict.store),
                balance: formatValue(conflict.balance),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {entry.reason ? (
        <p class="fix">
          <strong>{t('import.fix')}</strong> {t(`reason.${entry.reason}.fix`)}
        </p>
      ) : null}
    </>
  );
}

/**
 * The plan's product entries, conflicts first, filterable by decision and reason, with a
 * search by SKU or name; long plans are paged.
 */
export function PlanEntries({ plan }: { plan: CatalogPlanData }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<CatalogEntryKind | ''>('');
  const [reason, setReason] = useState<CatalogReason | ''>('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);

  const sorted = useMemo(
    () =>
      [...plan.entries].sort(
        (a, b) =>
          KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
          (a.reason ?? '').localeCompare(b.reason ?? '') ||
          a.sku.localeCompare(b.sku),
      ),
    [plan],
  );
  const reasons = useMemo(() => {
    const counts = new Map<CatalogReason, number>();
    for (const entry of plan.entries) {
      if (entry.reason) counts.set(entry.reason, (counts.get(entry.reason) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [plan]);

  const needle = search.trim().toLowerCase();
  const shown = sorted.filter(
    (entry) =>
      (kind === '' || entry.kind === kind) &&
      (reason === '' || entry.reason === reason) &&
      (needle === '' ||
        entry.sku.toLowerCase().includes(needle) ||
        entry.name.toLowerCase().includes(needle)),
  );
  const current = Math.min(page, Math.max(0, Math.ceil(shown.length / PAGE_SIZE) - 1));
  const rows = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <section class="card" aria-labelledby="entries-heading">
      <h2 id="entries-heading">{t('import.entries')}</h2>
      <div class="filters">
        <label>
          <span>{t('import.filter.kind')}</span>
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as CatalogEntryKind | '');
              setPage(0);
            }}
          >
            <option value="">{t('import.filter.allKinds')}</option>
            {KIND_ORDER.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)} ({plan.summary[k]})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('import.filter.reason')}</span>
          <select
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value as CatalogReason | '');
              setPage(0);
            }}
          >
            <option value="">{t('import.filter.allReasons')}</option>
            {reasons.map(([r, count]) => (
              <option key={r} value={r}>
                {t(`reason.${r}`)} ({count})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('import.filter.search')}</span>
          <input
            type="search"
            value={search}
            onInput={(e) => {
              setSearch(e.currentTarget.value);
              setPage(0);
            }}
          />
        </label>
        <span class="muted" role="status">
          {t('import.filter.shown', { shown: shown.length, total: plan.entries.length })}
        </span>
      </div>
      <table class="entries">
        <thead>
          <tr>
            <th scope="col">{t('import.col.decision')}</th>
            <th scope="col">{t('import.col.sku')}</th>
            <th scope="col">{t('import.col.name')}</th>
            <th scope="col">{t('import.col.reason')}</th>
            <th scope="col">{t('import.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.id} data-kind={entry.kind}>
              <td>
                <Badge tone={KIND_TONE[entry.kind]}>{t(`kind.${entry.kind}`)}</Badge>
              </td>
              <td class="mono">{entry.sku || '—'}</td>
              <td>{entry.name}</td>
              <td>{entry.reason ? t(`reason.${entry.reason}`) : '—'}</td>
              <td>
                <EntryDetails entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p>{t('import.noEntries')}</p> : null}
      <Pager page={current} total={shown.length} onPage={setPage} />
    </section>
  );
}
