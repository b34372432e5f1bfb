import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { type ApiClient, createApiClient } from './api.js';
import type { StoreInfo } from './api-types.js';
import { LanguageSwitch } from './components/language-switch.js';
import {
  browserLanguage,
  I18nContext,
  type Lang,
  type MessageKey,
  translator,
  useI18n,
} from './i18n/i18n.js';
import { CategoriesPage } from './pages/categories-page.js';
import { ConnectionPage } from './pages/connection-page.js';
import { ExportsPage } from './pages/exports-page.js';
import { ImportPage } from './pages/import-page.js';
import { LoginPage } from './pages/login-page.js';

const PAGES = ['connection', 'categories', 'import', 'exports'] as const;
type PageName = (typeof PAGES)[number];

function pageFromHash(): PageName {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as PageName) : 'connection';
}

/** A signed-in session: the token lives only in this object, in memory. */
interface Session {
  api: ApiClient;
  stores: StoreInfo[];
}

/**
 * The console: the login form until a token is accepted, then the four pages. The token is
 * kept in memory only (never in storage or a URL): reloading the page signs out.
 */
export function App() {
  const [lang, setLang] = useState<Lang>(() => browserLanguage(navigator.languages ?? []));
  const i18n = useMemo(() => ({ lang, setLang, t: translator(lang) }), [lang]);
  const [session, setSession] = useState<Session | undefined>();
  const [signedOutBecause, setSignedOutBecause] = useState<MessageKey | undefined>();

  // Before the browser paints the new language (a plain effect runs later, so screen readers
  // and the e2e test could meet Georgian text under lang="en").
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('app.title');
  }, [lang, i18n]);

  const signIn = (token: string, stores: StoreInfo[]) => {
    const api = createApiClient(token, () => {
      setSession(undefined);
      setSignedOutBecause('login.expired');
    });
    setSignedOutBecause(undefined);
    setSession({ api, stores });
  };

  return (
    <I18nContext.Provider value={i18n}>
      {session ? (
        <Console
          session={session}
          onSignOut={() => {
            setSession(undefined);
            setSignedOutBecause('login.signedOut');
          }}
        />
      ) : (
        <LoginPage onSignedIn={signIn} notice={signedOutBecause} />
      )}
    </I18nContext.Provider>
  );
}

function Console({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState<PageName>(pageFromHash);
  const [storeId, setStoreId] = useState(session.stores[0]?.id ?? '');
  const store = session.stores.find((s) => s.id === storeId);
  const [visited, setVisited] = useState<ReadonlySet<PageName>>(() => new Set([page]));

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    setVisited((previous) => (previous.has(page) ? previous : new Set([...previous, page])));
    document.getElementById('main')?.focus();
  }, [page]);

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <div class="brand">{t('app.title')}</div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {PAGES.map((name) => (
              <li key={name}>
                <a href={`#/${name}`} aria-current={page === name ? 'page' : undefined}>
                  {t(`nav.${name}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="topbar-tools">
          {session.stores.length > 1 ? (
            <label class="store-switch">
              <span>{t('app.store')}</span>
              <select
                value={storeId}
                onChange={(e) => {
                  setVisited(new Set([page]));
                  setStoreId(e.currentTarget.value);
                }}
              >
                {session.stores.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span class="store-name" title={store?.url}>
              {store?.name}
            </span>
          )}
          <LanguageSwitch />
          <button type="button" class="secondary" onClick={onSignOut}>
            {t('auth.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {!store ? (
          <p>{t('app.noStores')}</p>
        ) : (
          // A page stays mounted once opened (hidden while another one shows), so a plan
          // under review or an apply in progress survives a look at another page.
          PAGES.filter((name) => visited.has(name)).map((name) => (
            <div key={`${store.id}:${name}`} hidden={name !== page}>
              {name === 'connection' ? (
                <ConnectionPage api={session.api} store={store} />
              ) : name === 'categories' ? (
                <CategoriesPage api={session.api} store={store} />
              ) : name === 'import' ? (
                <ImportPage api={session.api} store={store} />
              ) : (
                <ExportsPage api={session.api} store={store} active={page === 'exports'} />
              )}
            </div>
          ))
        )}
      </main>
    </div>
  );
}
