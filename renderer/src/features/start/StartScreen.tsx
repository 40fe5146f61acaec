/** Start: open a model (dialog, path, file browser, examples) or a recent session. */
import { type FormEvent, useState } from 'react';
import type { ProfilerApi } from '../../../../electron/shared/api.js';
import type { DesktopShell } from '../../../../electron/shared/shell.js';
import { Kbd, MOD, Panel } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';
import { RecentSessions } from '../sessions/RecentSessions.js';
import { Examples } from './Examples.js';
import { FileBrowser } from './FileBrowser.js';

function PathField() {
  const actions = useActions();
  const modelPath = useAppState((s) => s.modelPath);
  const [path, setPath] = useState(modelPath ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void actions.openModel(path.trim());
  };
  return (
    <form className="path-form" onSubmit={submit}>
      <input
        id="model-path"
        className="input mono"
        placeholder="/path/on/the/host/model.onnx"
        value={path}
        onChange={(event) => setPath(event.target.value)}
        spellCheck={false}
        aria-label="model path on the host"
        data-testid="model-path"
      />
      <button type="submit" className="btn primary" disabled={!path.trim()} data-testid="model-path-open">
        Open
      </button>
    </form>
  );
}

export function StartScreen(props: { api: ProfilerApi; shell: DesktopShell | undefined }) {
  const actions = useActions();
  const host = useAppState((s) => s.host);
  const desktop = props.shell !== undefined;

  return (
    <div className="screen start-screen" data-testid="screen-start">
      <div className="start-left">
        <Panel title="Open a model" testId="open-model">
          {desktop ? (
            <div className="open-desktop">
              <button type="button" className="btn primary" onClick={() => void actions.chooseModel()}>
                Open .onnx…
              </button>
              <span className="muted">
                <Kbd>{MOD}</Kbd>
                <Kbd>O</Kbd> or drop a .onnx file anywhere on the window.
              </span>
            </div>
          ) : (
            <>
              <PathField />
              <p className="muted small">
                Paths are on the machine running <code>modeldyno serve</code>
                {host && host.roots.length > 0 ? ', inside the folders it serves.' : '.'}
              </p>
            </>
          )}
          {host?.canBrowse && <FileBrowser api={props.api} />}
        </Panel>
      </div>
      <div className="start-right">
        <Panel title="Examples">
          <Examples api={props.api} />
        </Panel>
        <RecentSessions />
      </div>
    </div>
  );
}
