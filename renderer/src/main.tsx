/**
 * Boots the renderer: finds the host (desktop preload or the web host's socket), builds
 * the store and its actions, follows the host's events, and renders the app. A host
 * that cannot be reached gets a page that says why instead of a blank window.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect.js';
import { App } from './App.js';
import { createActions, storedTheme } from './state/actions.js';
import { AppProvider, createAppStore } from './state/app-store.js';
import { subscribeToHost } from './state/events.js';
import { followRoute } from './state/route-sync.js';
import { initialState } from './state/store.js';
import './theme.css';
import './styles/app.css';
import './styles/parts.css';
import './styles/states.css';
import './styles/screens.css';
import './styles/analysis.css';

type Boot = { phase: 'connecting' } | { phase: 'failed'; reason: string } | { phase: 'ready'; root: React.ReactNode };

function applyTheme(theme: string) {
  document.documentElement.dataset.theme = theme;
}

async function start(): Promise<React.ReactNode> {
  const connection = await connect();
  const shell = window.modeldynoShell;
  const store = createAppStore(initialState(storedTheme()));
  const actions = createActions(connection.api, store, shell);
  applyTheme(store.getState().theme);
  store.subscribe(() => applyTheme(store.getState().theme));
  connection.onClose((reason) => store.dispatch({ type: 'connection/lost', reason }));
  subscribeToHost(connection.api, store, actions);
  void actions.loadHost();
  void actions.refreshSessions();
  followRoute(store, actions);
  return (
    <AppProvider store={store} actions={actions}>
      <App api={connection.api} store={store} shell={shell} />
    </AppProvider>
  );
}

// One connection per page, even when StrictMode runs the effect twice in development.
let booting: Promise<React.ReactNode> | null = null;

function Root() {
  const [boot, setBoot] = useState<Boot>({ phase: 'connecting' });
  useEffect(() => {
    booting ??= start();
    booting.then(
      (root) => setBoot({ phase: 'ready', root }),
      (err: unknown) => setBoot({ phase: 'failed', reason: err instanceof Error ? err.message : String(err) }),
    );
  }, []);
  if (boot.phase === 'ready') return boot.root;
  return (
    <div className="boot" data-testid={boot.phase === 'failed' ? 'boot-failed' : 'boot-connecting'}>
      <div className="brand">
        <span className="brand-mark">◆</span> ModelDyno
      </div>
      {boot.phase === 'connecting' ? (
        <p className="muted">Connecting to the host…</p>
      ) : (
        <div className="error-box" role="alert">
          <div className="error-title">Cannot reach the host</div>
          <div className="error-message">{boot.reason}</div>
        </div>
      )}
    </div>
  );
}

applyTheme(storedTheme());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
