import { useState } from 'preact/hooks';
import { ApiError, request } from '../api.js';
import type { StoreInfo } from '../api-types.js';
import { LanguageSwitch } from '../components/language-switch.js';
import { type MessageKey, useI18n } from '../i18n/i18n.js';

/** Why a token was not accepted, in the operator's words. */
function refusal(error: unknown): MessageKey {
  if (error instanceof ApiError) {
    if (error.code === 'admin_disabled') return 'login.disabled';
    if (error.status === 401) return 'login.wrongToken';
    if (error.status === 0) return 'error.next.network';
  }
  return 'login.failed';
}

/**
 * The login form: the admin token is checked against the admin API (`GET admin/stores`) and,
 * when accepted, kept in memory by the app.
 */
export function LoginPage({
  onSignedIn,
  notice,
}: {
  onSignedIn: (token: string, stores: StoreInfo[]) => void;
  notice: MessageKey | undefined;
}) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | undefined>();

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('login.empty');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const answer = await request<{ stores: StoreInfo[] }>(value, 'GET', 'admin/stores');
      setToken('');
      onSignedIn(value, answer.stores);
    } catch (failure) {
      setError(refusal(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <form class="login-card" onSubmit={submit} noValidate>
        <div class="login-head">
          <h1>{t('app.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('login.intro')}</p>
        {notice && !error ? <p class="notice notice-info">{t(notice)}</p> : null}
        <label for="admin-token">{t('login.token')}</label>
        <input
          id="admin-token"
          name="admin-token"
          type="password"
          autocomplete="current-password"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          aria-describedby="admin-token-hint"
          aria-invalid={error ? 'true' : undefined}
        />
        <p id="admin-token-hint" class="hint">
          {t('login.hint')}
        </p>
        {error ? (
          <p class="notice notice-bad" role="alert">
            {t(error)}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? t('login.checking') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
