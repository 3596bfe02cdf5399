// Pieces both apps show: the top bar, the language switch, problems, sign-in.

import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, NetworkError, createApi } from './api.js';
import { LANGUAGES, currentLanguage, switchLanguage, t } from './i18n.js';
import {
  claimsOf,
  demoIdentities,
  demoToken,
  endSession,
  loadSession,
  saveSession,
} from './session.js';

export { html };

/** Who is signed in to ``app`` (or null), the API as them, and the language switch: what
 * both apps start from. */
export function useSignedIn(app) {
  const [session, setSession] = useState(() => loadSession(app));
  const [, setLanguage] = useState(currentLanguage());
  const changeLanguage = (language, chosen = true) =>
    switchLanguage(language, { chosen }).then(setLanguage);
  const signIn = (token) => setSession(saveSession(app, token));
  const signOut = () => {
    endSession(app);
    setSession(null);
  };
  const api = useMemo(
    () => session && createApi({ token: () => session.token, onUnauthorized: signOut }),
    [session],
  );
  return { session, api, signIn, signOut, changeLanguage };
}

export function TopBar({ title, who, onLanguage, onSignOut, children }) {
  return html`
    <header class="top-bar">
      <div class="brand">
        <span class="app-name">${title}</span>
        ${who && html`<span class="who">${who}</span>`}
      </div>
      <div class="top-actions">
        ${children}
        <${LanguageSwitch} onLanguage=${onLanguage} />
        ${onSignOut &&
        html`<button type="button" class="secondary" onClick=${onSignOut}>${t('common.signOut')}</button>`}
      </div>
    </header>
  `;
}

export function LanguageSwitch({ onLanguage }) {
  const other = Object.keys(LANGUAGES).find((code) => code !== currentLanguage());
  return html`
    <button type="button" class="secondary" lang=${other} onClick=${() => onLanguage(other)}>
      ${LANGUAGES[other]}
    </button>
  `;
}

/** What went wrong, as the API said it (the fields at fault too), or that we are offline. */
export function Problem({ error }) {
  if (!error) return null;
  if (error instanceof NetworkError) {
    return html`<div class="problem" role="alert">${t('common.offlineProblem')}</div>`;
  }
  if (error instanceof ApiError) {
    const { title, detail } = error.problem;
    return html`
      <div class="problem" role="alert">
        <strong>${title || `HTTP ${error.status}`}</strong>
        ${detail && html`<p>${detail}</p>`}
        ${error.fieldErrors.length > 0 &&
        html`<ul>
          ${error.fieldErrors.map(
            (field) => html`<li><code>${field.field}</code>: ${field.reason}</li>`,
          )}
        </ul>`}
      </div>
    `;
  }
  return html`<div class="problem" role="alert">${String(error.message || error)}</div>`;
}

/** Paste a token; in development, or pick one of the demo identities of `role`. */
export function SignIn({ role, heading, onToken }) {
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState(null);
  const [demo, setDemo] = useState([]);
  useEffect(() => {
    demoIdentities(role).then(setDemo);
  }, [role]);

  function accept(token) {
    try {
      const claims = claimsOf(token);
      if (claims.role !== role) throw new Error(t('common.wrongRole', { role: claims.role }));
      if (claims.exp * 1000 <= Date.now()) throw new Error(t('common.expired'));
      onToken(token);
    } catch (problem) {
      setError(problem.message === 'not a JWT' ? new Error(t('common.notAToken')) : problem);
    }
  }

  return html`
    <main class="sign-in" id="main">
      <h1>${heading}</h1>
      <form
        onSubmit=${(event) => {
          event.preventDefault();
          accept(pasted);
        }}
      >
        <label for="token">${t('common.tokenLabel')}</label>
        <textarea
          id="token"
          rows="4"
          spellcheck="false"
          autocomplete="off"
          value=${pasted}
          onInput=${(event) => setPasted(event.target.value)}
        ></textarea>
        <button type="submit" class="primary">${t('common.signIn')}</button>
      </form>
      <${Problem} error=${error} />
      ${demo.length > 0 &&
      html`
        <section class="demo" aria-labelledby="demo-heading">
          <h2 id="demo-heading">${t('common.demoHeading')}</h2>
          <p>${t('common.demoNote')}</p>
          ${demo.map(
            (identity) => html`
              <button
                type="button"
                class="primary"
                onClick=${async () => {
                  try {
                    accept(await demoToken(identity.subject));
                  } catch (problem) {
                    setError(problem);
                  }
                }}
              >
                ${t('common.signInAs', {
                  subject: identity.subject,
                  scope: identity.site || identity.office,
                })}
              </button>
            `,
          )}
        </section>
      `}
    </main>
  `;
}

/** A yes/no/unknown choice as big buttons (radio semantics, touch-sized). */
export function Choice({ legend, name, value, options, onChange }) {
  return html`
    <fieldset class="choice">
      <legend>${legend}</legend>
      ${options.map(
        (option) => html`
          <label class=${value === option.value ? 'chosen' : ''}>
            <input
              type="radio"
              name=${name}
              checked=${value === option.value}
              onChange=${() => onChange(option.value)}
            />
            ${option.label}
          </label>
        `,
      )}
    </fieldset>
  `;
}

/** Follows location.hash: ['inspections', '<id>', …]. */
export function useRoute() {
  const parts = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [route, setRoute] = useState(parts());
  useEffect(() => {
    const changed = () => setRoute(parts());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export const go = (...parts) => {
  location.hash = `#/${parts.join('/')}`;
};

/** Data from the API for a screen: `load` runs again on `reload()` and when `deps` change. */
export function useLoaded(load, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const reload = async () => {
    setState((before) => ({ ...before, loading: true }));
    try {
      setState({ data: await load(), error: null, loading: false });
    } catch (error) {
      setState({ data: null, error, loading: false });
    }
  };
  useEffect(() => {
    reload();
  }, deps);
  return { ...state, reload };
}
