import { useI18n } from '../i18n/i18n.js';

/** Rows per page of the long tables. */
export const PAGE_SIZE = 50;

/** Previous / next for a table of `total` rows, showing rows `page * PAGE_SIZE …`. */
export function Pager({
  page,
  total,
  onPage,
}: {
  page: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  if (total <= PAGE_SIZE) return null;
  const first = page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);
  return (
    <div class="pager">
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.rows', { first, last, total })}</span>
      <button type="button" disabled={last >= total} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </div>
  );
}
