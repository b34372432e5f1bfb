import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import type {
  DriftAnswer,
  Job,
  JobState,
  LedgerAnswer,
  LedgerEntry,
  LedgerState,
  RetryAnswer,
  StoreInfo,
} from '../api-types.js';
import { ErrorBanner } from '../components/error-banner.js';
import { formatDateTime } from '../format.js';
import { useI18n } from '../i18n/i18n.js';
import { FailedJobs } from './failed-jobs.js';
import { LedgerTable } from './ledger-table.js';
import { ReconciliationPanel } from './reconciliation-panel.js';

const VIEWS = ['pending', 'exported', 'failed', 'dead', 'drift'] as const;
type View = (typeof VIEWS)[number];

/** The ledger states each tab lists (`pending` includes documents being sent). */
const VIEW_STATES: Record<Exclude<View, 'drift'>, LedgerState[]> = {
  pending: ['pending', 'sent'],
  exported: ['exported'],
  failed: ['failed'],
  dead: ['dead'],
};

/** How often the page reloads the ledger while it is open. */
const REFRESH_MS = 4000;

interface Snapshot {
  counts: Record<View, number>;
  entries: LedgerEntry[];
  next: string | undefined;
  jobs: Job[];
  loadedAt: Date;
}

/**
 * Exports: the document ledger by state (with Balance's messages), search by order number,
 * retry one or all failed and dead exports, the queue's failed jobs, and the reconciliation
 * report for a date range.
 */
export function ExportsPage({
  api,
  store,
  active,
}: {
  api: ApiClient;
  store: StoreInfo;
  /** Whether the page is the one shown (it refreshes itself only then). */
  active: boolean;
}) {
  const { t, lang } = useI18n();
  const base = `stores/${encodeURIComponent(store.id)}`;
  const [view, setView] = useState<View | undefined>();
  const [order, setOrder] = useState<number | undefined>();
  const [orderInput, setOrderInput] = useState('');
  const [searchError, setSearchError] = useState(false);
  const [snapshot, setSnapshot] = useState<Snapshot | undefined>();
  const [drift, setDrift] = useState<DriftAnswer | undefined>();
  const [error, setError] = useState<unknown>();
  const [busyKey, setBusyKey] = useState<string | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const loading = useRef(false);

  const load = async (options: { withDrift?: boolean; more?: boolean } = {}) => {
    if (loading.current) return;
    loading.current = true;
    try {
      const wantDrift = options.withDrift || view === 'drift' || !drift;
      const active: View = view ?? 'pending';
      const listPath =
        order !== undefined
          ? `admin/${base}/ledger?orderId=${order}`
          : active === 'drift'
            ? undefined
            : `admin/${base}/ledger?state=${VIEW_STATES[active].join(',')}&limit=100${
                options.more && snapshot?.next ? `&cursor=${encodeURIComponent(snapshot.next)}` : ''
              }`;
      const [countsAnswer, list, driftAnswer, jobs] = await Promise.all([
        api.get<LedgerAnswer>(`admin/${base}/ledger?limit=1`),
        listPath ? api.get<LedgerAnswer>(listPath) : Promise.resolve(undefined),
        wantDrift ? api.get<DriftAnswer>(`console/api/${base}/drift`) : Promise.resolve(drift),
        api.get<{ jobs: Job[] }>(
          `admin/queue?state=failed,dead&storeId=${encodeURIComponent(store.id)}&limit=50`,
        ),
      ]);
      const counts = countsAnswer.counts;
      const viewCounts: Record<View, number> = {
        pending: counts.pending + counts.sent,
        exported: counts.exported,
        failed: counts.failed,
        dead: counts.dead,
        drift: driftAnswer?.count ?? 0,
      };
      if (view === undefined) {
        // First visit: open where the problems are.
        setView(viewCounts.failed > 0 ? 'failed' : viewCounts.dead > 0 ? 'dead' : 'pending');
      }
      const entries =
        order === undefined && active === 'drift'
          ? (driftAnswer?.entries ?? [])
          : [...(options.more ? (snapshot?.entries ?? []) : []), ...(list?.entries ?? [])];
      setDrift(driftAnswer);
      setSnapshot({
        counts: viewCounts,
        entries,
        next: order === undefined ? list?.next : undefined,
        jobs: jobs.jobs,
        loadedAt: new Date(),
      });
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      loading.current = false;
    }
  };

  useEffect(() => {
    void load({ withDrift: view === 'drift' });
  }, [view, order]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      // Not while the page is hidden, nor once the operator has paged past the first 100 rows.
      const paging = (snapshot?.entries.length ?? 0) > 100;
      if (active && document.visibilityState === 'visible' && !paging) void load();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  });

  const act = async (key: string, work: () => Promise<string>) => {
    setBusyKey(key);
    setMessage(undefined);
    try {
      setMessage(await work());
      await load({ withDrift: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusyKey(undefined);
    }
  };

  const retryDocument = (entry: LedgerEntry) =>
    act(entry.key, async () => {
      await api.post<RetryAnswer>(
        `console/api/${base}/documents/${encodeURIComponent(entry.key)}/retry`,
      );
      return t('exports.retried', { key: entry.key });
    });
  const resendDocument = (entry: LedgerEntry) =>
    act(entry.key, async () => {
      await api.post(`admin/${base}/documents/${encodeURIComponent(entry.key)}/retry`, {
        resend: true,
      });
      return t('exports.resent', { key: entry.key });
    });
  const retryJob = (job: Job) =>
    act(job.id, async () => {
      await api.post(`admin/queue/${encodeURIComponent(job.id)}/retry`);
      return t('exports.jobRetried', { name: job.name });
    });
  const retryAll = () =>
    act('*', async () => {
      const answer = await api.post<RetryAnswer>(`console/api/${base}/exports/retry-all`);
      const failed = answer.failures?.length ?? 0;
      return t(failed > 0 ? 'exports.retriedAllWithFailures' : 'exports.retriedAll', {
        documents: answer.documents.length,
        jobs: answer.jobs.length,
        failed,
      });
    });

  const search = (event: Event) => {
    event.preventDefault();
    const value = orderInput.trim().replace(/^#/, '');
    if (value === '') {
      setOrder(undefined);
      setSearchError(false);
      return;
    }
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      setSearchError(true);
      return;
    }
    setSearchError(false);
    setOrder(Number(value));
  };

  const counts = snapshot?.counts;
  const retryable = (counts?.failed ?? 0) + (counts?.dead ?? 0) + (snapshot?.jobs.length ?? 0);
  const jobStates: JobState[] = ['failed', 'dead'];
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('exports.title')}</h1>
        <div class="actions">
          <button
            type="button"
            class="secondary"
            onClick={() => load({ withDrift: true })}
            disabled={busyKey !== undefined}
          >
            {t('common.refresh')}
          </button>
          <button
            type="button"
            onClick={retryAll}
            disabled={retryable === 0 || busyKey !== undefined}
          >
            {busyKey === '*' ? t('common.working') : t('exports.retryAll')}
          </button>
        </div>
      </div>
      <p class="lead">{t('exports.intro')}</p>
      <ErrorBanner error={error} />
      {message ? (
        <p class="notice notice-ok" role="status">
          {message}
        </p>
      ) : null}
      <section class="card" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading" class="visually-hidden">
          {t('exports.ledger')}
        </h2>
        <div class="ledger-bar">
          <fieldset class="tabs">
            <legend class="visually-hidden">{t('exports.views')}</legend>
            {VIEWS.map((name) => (
              <button
                key={name}
                type="button"
                class="tab"
                aria-pressed={order === undefined && view === name}
                onClick={() => {
                  setOrder(undefined);
                  setOrderInput('');
                  setView(name);
                }}
              >
                {t(`exports.view.${name}`)} <span class="tab-count">{counts?.[name] ?? '…'}</span>
              </button>
            ))}
          </fieldset>
          <form class="search" onSubmit={search}>
            <label for="order-search">{t('exports.search.label')}</label>
            <input
              id="order-search"
              type="search"
              inputMode="numeric"
              value={orderInput}
              onInput={(e) => setOrderInput(e.currentTarget.value)}
              aria-invalid={searchError ? 'true' : undefined}
              aria-describedby={searchError ? 'order-search-error' : undefined}
            />
            <button type="submit" class="secondary">
              {t('exports.search.submit')}
            </button>
          </form>
        </div>
        {searchError ? (
          <p id="order-search-error" class="notice notice-bad" role="alert">
            {t('exports.search.invalid')}
          </p>
        ) : null}
        {order !== undefined ? (
          <p role="status">
            {t('exports.search.showing', { order })}{' '}
            <button
              type="button"
              class="link"
              onClick={() => {
                setOrder(undefined);
                setOrderInput('');
              }}
            >
              {t('exports.search.clear')}
            </button>
          </p>
        ) : null}
        {snapshot ? (
          <>
            <LedgerTable
              entries={snapshot.entries}
              drift={order === undefined && view === 'drift'}
              busyKey={busyKey}
              onRetry={retryDocument}
              onResend={resendDocument}
            />
            {snapshot.entries.length === 0 ? (
              <p>
                {order !== undefined
                  ? t('exports.noOrderDocuments', { order })
                  : t('exports.empty')}
              </p>
            ) : null}
            {snapshot.next ? (
              <button type="button" class="secondary" onClick={() => load({ more: true })}>
                {t('exports.more')}
              </button>
            ) : null}
            <p class="muted small">
              {t('exports.loadedAt', { at: formatDateTime(snapshot.loadedAt.toISOString(), lang) })}
            </p>
          </>
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </section>
      <FailedJobs
        jobs={(snapshot?.jobs ?? []).filter((job) => jobStates.includes(job.state))}
        busyId={busyKey}
        onRetry={retryJob}
      />
      <ReconciliationPanel api={api} store={store} />
    </section>
  );
}
