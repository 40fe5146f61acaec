/** The left rail: one entry per screen, with its digit shortcut; screens without their input are dimmed. */
import { useActions, useAppState } from '../state/app-store.js';
import { SCREENS, screenKey } from '../state/screens.js';

export function NavRail() {
  const actions = useActions();
  const screen = useAppState((s) => s.screen);
  const hasModel = useAppState((s) => s.modelPath !== null);
  const hasSession = useAppState((s) => s.sessionId !== null);
  const host = useAppState((s) => s.host);

  return (
    <nav className="nav-rail" aria-label="screens">
      <div
        className="brand"
        title={host ? `ModelDyno ${host.version} · ${host.kind} host on ${host.platform}` : undefined}
      >
        <span className="brand-mark">◆</span> ModelDyno
      </div>
      <ul>
        {SCREENS.map((entry, index) => {
          const ready = entry.needs === null || (entry.needs === 'model' ? hasModel : hasSession);
          return (
            <li key={entry.id}>
              <button
                type="button"
                className={`nav-item${screen === entry.id ? ' active' : ''}${ready ? '' : ' unready'}`}
                aria-current={screen === entry.id ? 'page' : undefined}
                data-testid={`nav-${entry.id}`}
                onClick={() => actions.show(entry.id)}
                title={ready ? undefined : `Needs ${entry.needs === 'model' ? 'an open model' : 'a session'}`}
              >
                <span className="nav-label">{entry.label}</span>
                <span className="nav-key">{screenKey(index)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {host && (
        <div className="nav-footer muted">
          {host.kind === 'web' ? 'web host' : host.kind} · v{host.version}
        </div>
      )}
    </nav>
  );
}
