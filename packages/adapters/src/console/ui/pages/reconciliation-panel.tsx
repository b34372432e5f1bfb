import { useState } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import type { ReconciliationReport, ReconciliationStatus, StoreInfo } from '../api-types.js';
import { Badge, type Tone } from '../components/badge.js';
import { ErrorBanner } from '../components/error-banner.js';
import { formatDateTime, formatMinor, isoDay } from '../format.js';
import { useI18n } from '../i18n/i18n.js';
import { useRequest } from '../use-request.js';

const STATUS_TONE: Record<ReconciliationStatus, Tone> = {
  ok: 'ok',
  'in-progress': 'info',
  drift: 'warn',
  'missing-in-ledger': 'bad',
  'missing-in-balance': 'bad',
  different: 'bad',
  failed: 'bad',
  dead: 'bad',
};

/**
 * The reconciliation report for a date range: store vs ledger vs Balance, to the tetri, with
 * the fix of each problem.
 */
export function ReconciliationPanel({ api, store }: { api: ApiClient; store: StoreInfo }) {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(isoDay(-7));
  const [to, setTo] = useState(isoDay(0));
  const [problemsOnly, setProblemsOnly] = useState(false);
  const report = useRequest<ReconciliationReport>();

  const submit = (event: Event) => {
    event.preventDefault();
    // The operator's days, in the browser's time zone, as instants.
    const query = new URLSearchParams({
      from: new Date(`${from}T00:00:00`).toISOString(),
      to: new Date(`${to}T23:59:59.999`).toISOString(),
      ...(problemsOnly ? { problems: 'true' } : {}),
    });
    void report.run(() =>
      api.get<ReconciliationReport>(
        `admin/stores/${encodeURIComponent(store.id)}/reconciliation?${query}`,
      ),
    );
  };

  const data = report.data;
  return (
    <section class="card" aria-labelledby="reconcile-heading">
      <h2 id="reconcile-heading">{t('reconcile.title')}</h2>
      <p class="hint">{t('reconcile.intro')}</p>
      <form class="filters" onSubmit={submit}>
        <label>
          <span>{t('reconcile.from')}</span>
          <input
            type="date"
            value={from}
            required
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{t('reconcile.to')}</span>
          <input type="date" value={to} required onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={problemsOnly}
            onChange={(e) => setProblemsOnly(e.currentTarget.checked)}
          />
          <span>{t('reconcile.problemsOnly')}</span>
        </label>
        <button type="submit" disabled={report.busy}>
          {report.busy ? t('common.working') : t('reconcile.run')}
        </button>
      </form>
      <ErrorBanner error={report.error} />
      {data ? (
        <>
          <p role="status">
            {t('reconcile.summary', {
              orders: data.orders,
              refunds: data.refunds,
              at: formatDateTime(data.generatedAt, lang),
            })}
          </p>
          <ul class="chips">
            {(Object.entries(data.summary) as [ReconciliationStatus, number][])
              .filter(([, count]) => count > 0)
              .map(([status, count]) => (
                <li key={status}>
                  <Badge tone={STATUS_TONE[status]}>
                    {t(`reconcile.status.${status}`)}: {count}
                  </Badge>
                </li>
              ))}
          </ul>
          {data.rows.length === 0 ? (
            <p>{t('reconcile.noRows')}</p>
          ) : (
            <table class="reconciliation">
              <thead>
                <tr>
                  <th scope="col">{t('reconcile.col.status')}</th>
                  <th scope="col">{t('exports.col.document')}</th>
                  <th scope="col">{t('exports.col.order')}</th>
                  <th scope="col" class="num">
                    {t('reconcile.col.store')}
                  </th>
                  <th scope="col" class="num">
                    {t('reconcile.col.ledger')}
                  </th>
                  <th scope="col" class="num">
                    {t('reconcile.col.balance')}
                  </th>
                  <th scope="col">{t('reconcile.col.found')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.key} data-status={row.status}>
                    <td>
                      <Badge tone={STATUS_TONE[row.status]}>
                        {t(`reconcile.status.${row.status}`)}
                      </Badge>
                    </td>
                    <td class="mono">{row.key}</td>
                    <td>#{row.orderNumber}</td>
                    <td class="num">{formatMinor(row.storeTotalMinor, store.currency)}</td>
                    <td class="num">{formatMinor(row.ledgerTotalMinor, store.currency)}</td>
                    <td class="num">{formatMinor(row.balanceTotalMinor, store.currency)}</td>
                    <td>
                      <p class="server-text">{row.detail}</p>
                      {row.fix ? (
                        <p class="fix">
                          <strong>{t('reconcile.fix')}</strong> {row.fix.description}{' '}
                          <code>{row.fix.command}</code>
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
