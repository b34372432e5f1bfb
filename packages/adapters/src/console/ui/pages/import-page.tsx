import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiClient, ApiError } from '../api.js';
import type {
  CatalogApplyProgress,
  CategoryEntryKind,
  PlanAnswer,
  StoreInfo,
} from '../api-types.js';
import { Badge, type Tone } from '../components/badge.js';
import { ErrorBanner } from '../components/error-banner.js';
import { formatDateTime, shortHash } from '../format.js';
import { useI18n } from '../i18n/i18n.js';
import { useRequest } from '../use-request.js';
import { PlanEntries } from './plan-entries.js';

const CATEGORY_TONE: Record<CategoryEntryKind, Tone> = {
  create: 'ok',
  adopt: 'info',
  unchanged: 'muted',
  conflict: 'bad',
};

function SummaryCards({ plan }: { plan: PlanAnswer['plan'] }) {
  const { t } = useI18n();
  const { summary } = plan;
  const cards = [
    ['conflict', summary.conflict],
    ['create', summary.create],
    ['adopt', summary.adopt],
    ['update', summary.update],
    ['skip', summary.skip],
    ['unchanged', summary.unchanged],
  ] as const;
  return (
    <div class="count-cards">
      {cards.map(([kind, count]) => (
        <div key={kind} class={`count-card count-${kind}`}>
          <span class="count">{count}</span>
          <span>{t(`kind.${kind}`)}</span>
        </div>
      ))}
      <div class="count-card">
        <span class="count">{summary.categories.create}</span>
        <span>{t('import.categoriesToCreate')}</span>
      </div>
      <div class="count-card">
        <span class="count">{summary.productWrites}</span>
        <span>{t('import.writes')}</span>
      </div>
    </div>
  );
}

function CategoryEntries({ plan }: { plan: PlanAnswer['plan'] }) {
  const { t } = useI18n();
  const rows = plan.categories.filter((c) => c.kind !== 'unchanged');
  if (rows.length === 0) return null;
  return (
    <section class="card" aria-labelledby="plan-categories-heading">
      <h2 id="plan-categories-heading">{t('import.categories')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('import.col.decision')}</th>
            <th scope="col">{t('import.col.group')}</th>
            <th scope="col">{t('import.col.category')}</th>
            <th scope="col">{t('import.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.id}>
              <td>
                <Badge tone={CATEGORY_TONE[entry.kind]}>{t(`categoryKind.${entry.kind}`)}</Badge>
              </td>
              <td>{`${'· '.repeat(entry.depth)}${entry.name}`}</td>
              <td>{entry.wooId ? `#${entry.wooId}` : '—'}</td>
              <td>
                {entry.reason ? t(`reason.${entry.reason}`) : ''}
                {entry.detail ? <p class="server-text">{entry.detail}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ApplyOutcome({ progress }: { progress: CatalogApplyProgress }) {
  const { t } = useI18n();
  const running = progress.state === 'running';
  return (
    <div class="apply-progress" aria-live="polite">
      <label for="apply-bar">
        {running
          ? t('import.applying', { done: progress.done, total: progress.total })
          : t(`import.applyState.${progress.state}`)}
      </label>
      <progress id="apply-bar" value={progress.done} max={Math.max(progress.total, 1)} />
      {progress.counts ? (
        <p class={`notice ${progress.state === 'succeeded' ? 'notice-ok' : 'notice-warn'}`}>
          {t('import.applied', {
            created: progress.counts.created,
            adopted: progress.counts.adopted,
            updated: progress.counts.updated,
            recorded: progress.counts.recorded,
            failed: progress.counts.failed,
            categories: progress.counts.categoriesCreated,
          })}
        </p>
      ) : null}
      {progress.error ? (
        <ErrorBanner
          error={
            new ApiError(
              progress.error.code === 'catalog_plan_stale' ? 409 : 502,
              progress.error.code,
              progress.error.message,
            )
          }
          title={t('import.applyFailed')}
        />
      ) : null}
      {progress.failures.length > 0 ? (
        <table>
          <caption>{t('import.failures')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.col.sku')}</th>
              <th scope="col">{t('import.col.code')}</th>
              <th scope="col">{t('import.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {progress.failures.map((f) => (
              <tr key={f.entryId}>
                <td class="mono">{f.sku}</td>
                <td class="mono">{f.code}</td>
                <td class="server-text">{f.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/**
 * Import: a dry run of the catalog import, its review (counts, categories, entries with
 * conflicts first), then "apply exactly this plan" by its hash, with progress.
 */
export function ImportPage({ api, store }: { api: ApiClient; store: StoreInfo }) {
  const { t, lang } = useI18n();
  const [scope, setScope] = useState<'items' | 'stocks'>('items');
  const plan = useRequest<PlanAnswer>();
  const apply = useRequest<CatalogApplyProgress>();
  const polling = useRef<number | undefined>(undefined);
  const storePath = `stores/${encodeURIComponent(store.id)}`;

  useEffect(() => () => window.clearTimeout(polling.current), []);

  const dryRun = () => {
    window.clearTimeout(polling.current);
    apply.setData(undefined);
    void plan.run(() => api.post<PlanAnswer>(`admin/${storePath}/catalog/plan`, { scope }));
  };

  const watch = (planHash: string) => {
    polling.current = window.setTimeout(async () => {
      const progress = await apply.run(() =>
        api.get<CatalogApplyProgress>(`console/api/${storePath}/catalog/apply/${planHash}`),
      );
      if (progress?.state === 'running') watch(planHash);
    }, 400);
  };

  const applyPlan = async (planHash: string) => {
    const started = await apply.run(() =>
      api.post<CatalogApplyProgress>(`console/api/${storePath}/catalog/apply`, { planHash }),
    );
    if (started?.state === 'running') watch(planHash);
  };

  const current = plan.data;
  const progress = apply.data;
  const applying = progress?.state === 'running' || apply.busy;
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('import.title')}</h1>
        <div class="actions">
          <label>
            <span>{t('import.scope')}</span>
            <select
              value={scope}
              onChange={(e) => setScope(e.currentTarget.value as 'items' | 'stocks')}
            >
              <option value="items">{t('import.scope.items')}</option>
              <option value="stocks">{t('import.scope.stocks')}</option>
            </select>
          </label>
          <button type="button" onClick={dryRun} disabled={plan.busy || applying}>
            {plan.busy ? t('import.planning') : t('import.dryRun')}
          </button>
        </div>
      </div>
      <p class="lead">{t('import.intro')}</p>
      <ErrorBanner error={plan.error} />
      {current ? (
        <>
          <section class="card plan-head" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{t('import.plan', { hash: shortHash(current.planHash) })}</h2>
            <p>
              {t('import.planMade', { at: formatDateTime(current.plan.createdAt, lang) })}{' '}
              <span>{t('import.planHash')}</span> <code class="plan-hash">{current.planHash}</code>
            </p>
            <SummaryCards plan={current.plan} />
            <div class="apply-bar">
              <button
                type="button"
                class="primary"
                onClick={() => applyPlan(current.planHash)}
                disabled={
                  applying ||
                  (progress?.planHash === current.planHash && progress.state !== 'failed')
                }
              >
                {t('import.apply', { hash: shortHash(current.planHash) })}
              </button>
              <p class="hint">{t('import.applyHint', { writes: current.summary.productWrites })}</p>
            </div>
            <ErrorBanner error={apply.error} title={t('import.applyFailed')} />
            {progress ? <ApplyOutcome progress={progress} /> : null}
          </section>
          <CategoryEntries plan={current.plan} />
          <PlanEntries plan={current.plan} />
        </>
      ) : null}
    </section>
  );
}
