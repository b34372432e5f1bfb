import type { Job } from '../api-types.js';
import { Badge } from '../components/badge.js';
import { formatDateTime } from '../format.js';
import { useI18n } from '../i18n/i18n.js';

/** Jobs of the queue that failed or ran out of attempts, with a retry each. */
export function FailedJobs({
  jobs,
  busyId,
  onRetry,
}: {
  jobs: Job[];
  busyId: string | undefined;
  onRetry: (job: Job) => void;
}) {
  const { t, lang } = useI18n();
  if (jobs.length === 0) return null;
  return (
    <section class="card" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">{t('exports.jobs.title')}</h2>
      <p class="hint">{t('exports.jobs.intro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('exports.jobs.col.job')}</th>
            <th scope="col">{t('exports.col.order')}</th>
            <th scope="col">{t('exports.col.state')}</th>
            <th scope="col" class="num">
              {t('exports.col.attempts')}
            </th>
            <th scope="col">{t('exports.col.updated')}</th>
            <th scope="col">{t('exports.jobs.col.error')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('exports.col.action')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const orderId = (job.payload as { orderId?: number }).orderId;
            return (
              <tr key={job.id} data-job={job.id}>
                <td class="mono">{job.name}</td>
                <td>{orderId ? `#${orderId}` : '—'}</td>
                <td>
                  <Badge tone="bad">{t(`jobState.${job.state}`)}</Badge>
                </td>
                <td class="num">
                  {job.attempts}/{job.maxAttempts}
                </td>
                <td>{formatDateTime(job.updatedAt, lang)}</td>
                <td class="server-text">{job.lastError?.message ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    class="small"
                    disabled={busyId !== undefined}
                    onClick={() => onRetry(job)}
                  >
                    {busyId === job.id ? t('common.working') : t('exports.retry')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
