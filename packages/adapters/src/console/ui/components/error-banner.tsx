import { ApiError } from '../api.js';
import { type MessageKey, useI18n } from '../i18n/i18n.js';

/** What to do next for an error, by where it came from. */
function nextStep(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'error.next.unexpected';
  if (error.status === 0) return 'error.next.network';
  if (error.status === 401) return 'error.next.unauthorized';
  if (error.code === 'catalog_plan_stale') return 'import.stale';
  if (error.status === 409) return 'error.next.conflict';
  if (error.status === 404) return 'error.next.notFound';
  if (error.status === 400) return 'error.next.invalid';
  if (error.status === 502 || error.status === 503) return 'error.next.upstream';
  return 'error.next.server';
}

/**
 * An error for the operator: what failed (the server's own message, which names Balance or
 * WooCommerce when they are the cause) and what to do next.
 */
export function ErrorBanner({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (error === undefined || error === null) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="notice notice-bad" role="alert">
      <strong>{title ?? t('error.title')}</strong>
      <p class="notice-message">{message}</p>
      <p>{t(nextStep(error))}</p>
    </div>
  );
}
