import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import type {
  ConnectionCheck,
  ConnectionCheckName,
  StoreConnectionReport,
  StoreInfo,
} from '../api-types.js';
import { Badge, type Tone } from '../components/badge.js';
import { ErrorBanner } from '../components/error-banner.js';
import { useI18n } from '../i18n/i18n.js';
import { useRequest } from '../use-request.js';

const CHECK_TONE: Record<ConnectionCheck['status'], Tone> = {
  pass: 'ok',
  warn: 'warn',
  fail: 'bad',
  skip: 'muted',
};

function CheckRow({ check }: { check: ConnectionCheck }) {
  const { t } = useI18n();
  const name: ConnectionCheckName = check.name;
  const needsFix = check.status === 'fail' || check.status === 'warn';
  return (
    <tr>
      <th scope="row">{t(`connection.check.${name}`)}</th>
      <td>
        <Badge tone={CHECK_TONE[check.status]}>{t(`connection.status.${check.status}`)}</Badge>
      </td>
      <td>
        <p class="server-text">{check.message}</p>
        {needsFix ? (
          <p class="fix">
            <strong>{t('connection.howToFix')}</strong> {t(`connection.fix.${name}`)}
          </p>
        ) : null}
      </td>
      <td class="num">{t('connection.ms', { ms: Math.round(check.durationMs) })}</td>
    </tr>
  );
}

function BalanceSection({ report }: { report: StoreConnectionReport['balance'] }) {
  const { t } = useI18n();
  const tone: Tone =
    report.verdict === 'ok' ? 'ok' : report.verdict === 'warnings' ? 'warn' : 'bad';
  return (
    <section class="card" aria-labelledby="balance-heading">
      <div class="card-head">
        <h2 id="balance-heading">{t('connection.balance')}</h2>
        <Badge tone={tone}>{t(`connection.verdict.${report.verdict}`)}</Badge>
      </div>
      <p class="muted">{t('connection.address', { mode: report.mode, url: report.baseUrl })}</p>
      <table>
        <caption class="visually-hidden">{t('connection.checks')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('connection.col.check')}</th>
            <th scope="col">{t('connection.col.result')}</th>
            <th scope="col">{t('connection.col.found')}</th>
            <th scope="col" class="num">
              {t('connection.col.time')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((check) => (
            <CheckRow key={check.name} check={check} />
          ))}
        </tbody>
      </table>
      <dl class="facts">
        <dt>{t('connection.warehouses')}</dt>
        <dd>{report.warehouses.map((w) => w.name ?? w.uid).join(', ') || '—'}</dd>
        <dt>{t('connection.priceTypes')}</dt>
        <dd>{report.priceTypes.length}</dd>
        <dt>{t('connection.groups')}</dt>
        <dd>{report.groups.length}</dd>
        <dt>{t('connection.skuFields')}</dt>
        <dd>{report.itemFieldCandidates.sku.join(', ') || '—'}</dd>
      </dl>
    </section>
  );
}

function WooSection({ report }: { report: StoreConnectionReport['woocommerce'] }) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="woo-heading">
      <div class="card-head">
        <h2 id="woo-heading">{t('connection.woocommerce')}</h2>
        <Badge tone={report.ok ? 'ok' : 'bad'}>
          {t(report.ok ? 'connection.verdict.ok' : 'connection.verdict.failed')}
        </Badge>
      </div>
      <dl class="facts">
        <dt>{t('connection.storeUrl')}</dt>
        <dd>{report.url}</dd>
        <dt>{t('connection.latency')}</dt>
        <dd>{t('connection.ms', { ms: report.latencyMs })}</dd>
        {report.categoriesSeen !== undefined ? (
          <>
            <dt>{t('connection.categoriesSeen')}</dt>
            <dd>{report.categoriesSeen}</dd>
          </>
        ) : null}
      </dl>
      {report.error ? (
        <div class="notice notice-bad">
          <p class="server-text">{report.error.message}</p>
          <p class="fix">
            <strong>{t('connection.howToFix')}</strong> {t('connection.fix.woocommerce')}
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** Connection: the test-connection report of both sides, check by check, with the fixes. */
export function ConnectionPage({ api, store }: { api: ApiClient; store: StoreInfo }) {
  const { t } = useI18n();
  const test = useRequest<StoreConnectionReport>();
  const runTest = () =>
    test.run(() =>
      api.post<StoreConnectionReport>(
        `admin/stores/${encodeURIComponent(store.id)}/test-connection`,
      ),
    );

  useEffect(() => {
    void runTest();
  }, []);

  const report = test.data;
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('connection.title')}</h1>
        <button type="button" onClick={runTest} disabled={test.busy}>
          {test.busy ? t('connection.running') : t('connection.run')}
        </button>
      </div>
      <p class="lead">{t('connection.intro', { store: store.name })}</p>
      <ErrorBanner error={test.error} />
      {report ? (
        <>
          <p class={`notice ${report.ok ? 'notice-ok' : 'notice-bad'}`} role="status">
            {t(report.ok ? 'connection.allGood' : 'connection.needsFix')}
          </p>
          <div class="columns">
            <BalanceSection report={report.balance} />
            <WooSection report={report.woocommerce} />
          </div>
        </>
      ) : test.busy ? (
        <p role="status">{t('connection.running')}</p>
      ) : null}
    </section>
  );
}
