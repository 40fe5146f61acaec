/** The host's folders, restricted to the roots it serves: folders and .onnx models only. */
import { useCallback, useEffect, useState } from 'react';
import type { DirListing, ProfilerApi } from '../../../../electron/shared/api.js';
import type { ErrorInfo } from '../../../../electron/shared/errors.js';
import { formatBytes } from '../../../../electron/shared/format.js';
import { ErrorBox, Loading } from '../../components/states.js';
import { useActions, useAppState } from '../../state/app-store.js';
import { errorInfo } from '../../state/errors.js';

export function FileBrowser(props: { api: ProfilerApi }) {
  const actions = useActions();
  const roots = useAppState((s) => s.host?.roots ?? []);
  const [listing, setListing] = useState<DirListing | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(true);

  const go = useCallback(
    async (path: string | null) => {
      setLoading(true);
      try {
        setListing(await props.api.browse(path));
        setError(null);
      } catch (err) {
        setError(errorInfo(err));
      } finally {
        setLoading(false);
      }
    },
    [props.api],
  );

  useEffect(() => {
    void go(null);
  }, [go]);

  return (
    <div className="file-browser" data-testid="file-browser">
      <div className="browser-bar">
        <button
          type="button"
          className="btn small"
          disabled={!listing?.parent}
          onClick={() => void go(listing?.parent ?? null)}
          title={
            listing?.parent ? `Up to ${listing.parent}` : 'This is an allowed root: the host serves nothing above it'
          }
          data-testid="browser-up"
        >
          ↑ Up
        </button>
        <code className="browser-path" title={listing?.path}>
          {/* The marks keep the leading slash in place in a right-to-left box that clips the start. */}
          {listing ? `\u200e${listing.path}\u200e` : '…'}
        </code>
        {loading && <span className="spinner" aria-hidden="true" />}
      </div>
      {roots.length > 1 && (
        <div className="browser-roots">
          <span className="muted small">Roots:</span>
          {roots.map((root) => (
            <button type="button" key={root} className="btn ghost small" onClick={() => void go(root)} title={root}>
              {root}
            </button>
          ))}
        </div>
      )}
      {error && <ErrorBox error={error} />}
      {!listing && loading && <Loading label="Listing…" />}
      {listing && (
        <ul className="browser-list">
          {listing.entries.length === 0 && <li className="muted browser-empty">No folders or .onnx files here.</li>}
          {listing.entries.map((entry) => (
            <li key={entry.path}>
              <button
                type="button"
                className={`browser-entry ${entry.kind}`}
                onClick={() => (entry.kind === 'dir' ? void go(entry.path) : void actions.openModel(entry.path))}
                data-testid={entry.kind === 'model' ? 'browser-model' : 'browser-dir'}
                title={entry.path}
              >
                <span className="entry-icon" aria-hidden="true">
                  {entry.kind === 'dir' ? '▸' : '◆'}
                </span>
                <span className="entry-name">{entry.name}</span>
                <span className="entry-size">{entry.kind === 'model' ? formatBytes(entry.sizeBytes) : ''}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
