import type { LedgerEntry, LedgerState } from '../api-types.js';
import { Badge, type Tone } from '../components/badge.js';
import { formatDateTime, formatMinor } from '../format.js';
import { useI18n } from '../i18n/i18n.js';

export const STATE_TONE: Record<LedgerState, Tone> = {
  pending: 'info',
  sent: 'info',
  exported: 'ok',
  failed: 'bad',
  dead: 'bad',
};

/** Balance's own messages of a row's last error, verbatim, or the SDK's message. */
function Messages({ entry, drift }: { entry: LedgerEntry; drift: boolean }) {
  if (drift && entry.drift) return <p class="server-text">{entry.drift.summary}</p>;
  const error = entry.lastError;
  if (!error) return <span class="muted">—</span>;
  return (
    <div class="balance-messages">
      {error.messages.length > 0 ? (
        <ul class="balance-messages-list">
          {error.messages.map((message) => (
            <li key={message} class="server-text">
              {message}
            </li>
          ))}
        </ul>
      ) : (
        <p class="server-text">{error.message}</p>
      )}
      <p class="muted mono">
        {error.code}
        {error.status ? ` · HTTP ${error.status}` : ''}
      </p>
    </div>
  );
}

/**
 * Ledger rows (the Balance documents): document, order, total, state, attempts, Balance's
 * messages, and the retry (failed / dead) or resend (drift) action.
 */
export function LedgerTable({
  entries,
  drift,
  busyKey,
  onRetry,
  onResend,
}: {
  entries: LedgerEntry[];
  drift: boolean;
  busyKey: string | undefined;
  onRetry: (entry: LedgerEntry) => void;
  onResend: (entry: LedgerEntry) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <table class="ledger">
      <thead>
        <tr>
          <th scope="col">{t('exports.col.document')}</th>
          <th scope="col">{t('exports.col.order')}</th>
          <th scope="col" class="num">
            {t('exports.col.total')}
          </th>
          <th scope="col">{t('exports.col.state')}</th>
          <th scope="col" class="num">
            {t('exports.col.attempts')}
          </th>
          <th scope="col">{t('exports.col.updated')}</th>
          <th scope="col">{drift ? t('exports.col.drift') : t('exports.col.messages')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('exports.col.action')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.key} data-key={entry.key} data-state={entry.state}>
            <td>
              <span class="mono">{entry.key}</span>
              <br />
              <span class="muted">{t(`ledgerKind.${entry.kind}`)}</span>
            </td>
            <td>{entry.orderId > 0 ? `#${entry.orderId}` : '—'}</td>
            <td class="num">{formatMinor(entry.totalMinor, entry.currency)}</td>
            <td>
              <Badge tone={STATE_TONE[entry.state]}>{t(`state.${entry.state}`)}</Badge>
            </td>
            <td class="num">{entry.attempts}</td>
            <td>{formatDateTime(entry.updatedAt, lang)}</td>
            <td>
              <Messages entry={entry} drift={drift} />
            </td>
            <td>
              {entry.state === 'failed' || entry.state === 'dead' ? (
                <button
                  type="button"
                  class="small"
                  disabled={busyKey !== undefined}
                  onClick={() => onRetry(entry)}
                  aria-label={t('exports.retryOne', { key: entry.key })}
                >
                  {busyKey === entry.key ? t('common.working') : t('exports.retry')}
                </button>
              ) : drift && entry.state === 'exported' ? (
                <button
                  type="button"
                  class="small secondary"
                  disabled={busyKey !== undefined}
                  onClick={() => onResend(entry)}
                  aria-label={t('exports.resendOne', { key: entry.key })}
                >
                  {busyKey === entry.key ? t('common.working') : t('exports.resend')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
