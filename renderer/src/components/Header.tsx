/** The bar above every screen: what is open, how it is going, and the main commands. */
import { useActions, useAppState } from '../state/app-store.js';
import { ExportMenu } from './ExportMenu.js';
import { baseName } from './labels.js';
import { progressFraction, progressText } from './progress.js';
import { MOD, ProgressBar, StatusBadge } from './ui.js';

function LiveProgress() {
  const progress = useAppState((s) => s.progress);
  return (
    <div className="header-progress" data-testid="live-progress">
      <ProgressBar fraction={progressFraction(progress)} label="profile progress" />
      <span className="header-progress-text">{progressText(progress)}</span>
    </div>
  );
}

export function Header() {
  const actions = useActions();
  const modelPath = useAppState((s) => s.modelPath);
  const sessionId = useAppState((s) => s.sessionId);
  const result = useAppState((s) => s.result.data);
  const live = useAppState((s) => s.live);
  const starting = useAppState((s) => s.starting);
  const theme = useAppState((s) => s.theme);
  const status = live ? 'running' : result?.status;
  const sessionModel = result?.model.path;

  return (
    <header className="app-header" data-testid="app-header">
      <div className="header-context">
        {modelPath ? (
          <span className="header-model" title={modelPath} data-testid="header-model">
            {baseName(modelPath)}
          </span>
        ) : (
          <span className="header-model muted">No model open</span>
        )}
        {sessionId && (
          <span className="header-session" title={sessionModel ? `session of ${sessionModel}` : undefined}>
            <span className="muted">session</span> <code>{sessionId}</code>
            {sessionModel && sessionModel !== modelPath && <span className="muted">of {baseName(sessionModel)}</span>}
            {status && <StatusBadge status={status} />}
          </span>
        )}
        {live && <LiveProgress />}
      </div>
      <div className="header-actions">
        {live ? (
          <button
            type="button"
            className="btn danger"
            onClick={() => void actions.cancelProfile()}
            title="Cancel the profile (Esc)"
            data-testid="header-cancel"
          >
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="btn primary"
            disabled={!modelPath || starting}
            onClick={() => void actions.startProfile()}
            title={`Start a profile with the Run setup settings (${MOD}+Enter)`}
            data-testid="header-start"
          >
            {starting ? 'Starting…' : 'Profile'}
          </button>
        )}
        <ExportMenu disabled={!sessionId || live} />
        <button
          type="button"
          className="btn ghost icon"
          onClick={actions.toggleTheme}
          title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme (T)`}
          aria-label="toggle theme"
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        <button
          type="button"
          className="btn ghost icon"
          onClick={() => actions.toggleShortcuts()}
          title="Keyboard shortcuts (?)"
          aria-label="keyboard shortcuts"
          data-testid="shortcuts-button"
        >
          ?
        </button>
      </div>
    </header>
  );
}
